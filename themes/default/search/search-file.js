// A classic script, not a module: browsers refuse module scripts (and the
// index files) on a page opened from disk, but still run this one, so the
// search box can say why it does not work there instead of doing nothing.
(function () {
  function show() {
    if (location.protocol !== "file:") return;
    var notes = document.querySelectorAll("[data-search-offline]");
    for (var i = 0; i < notes.length; i++) notes[i].hidden = false;
    var inputs = document.querySelectorAll("[data-search] [data-search-input]");
    for (var k = 0; k < inputs.length; k++) {
      var note = inputs[k].form && inputs[k].form.querySelector("[data-search-offline]");
      if (note && note.id) inputs[k].setAttribute("aria-describedby", note.id);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
