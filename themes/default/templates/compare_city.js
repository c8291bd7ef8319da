tebikiCompare.add({{ body | json_encode() | safe }});{# One city's column of the comparison, for the comparison of the cities a reader picks (assets/compare.js). #}
