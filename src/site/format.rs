//! How numbers of the domain are written on a page: fees in units per
//! counter (700単位/回), sums in yen with separators (7,000円), dates by era.

use crate::model::{AddOn, AddOnValue, Amount, Guide, Variant};

/// 700単位/回, or an empty string where the schedule gives no single number.
pub fn units(units: Option<u32>, per: Option<&str>) -> String {
    match (units, per) {
        (Some(u), Some(p)) => format!("{}単位/{p}", thousands(u)),
        (Some(u), None) => format!("{}単位", thousands(u)),
        _ => String::new(),
    }
}

/// The units of one revision's value, with its variants when it has them.
pub fn value_units(value: &AddOnValue) -> String {
    let main = units(
        value.units.as_ref().map(|u| *u.get_ref()),
        value.per.map(|p| p.label()),
    );
    if !value.variants.is_empty() {
        let parts: Vec<String> = value.variants.iter().map(variant_units).collect();
        if main.is_empty() {
            return parts.join("、");
        }
        return format!("{main}（{}）", parts.join("、"));
    }
    main
}

/// `（Ⅰ）500単位/月` for one variant.
pub fn variant_units(v: &Variant) -> String {
    format!(
        "{} {}",
        v.label,
        units(
            v.units.as_ref().map(|u| *u.get_ref()),
            v.per.map(|p| p.label())
        )
    )
    .trim()
    .to_string()
}

/// The value in force under the newest revision of the schedule.
pub fn latest<'a>(guide: &Guide, addon: &'a AddOn) -> Option<&'a AddOnValue> {
    addon.values.iter().max_by_key(|v| {
        guide
            .revision(v.revision.get_ref())
            .map(|r| *r.effective.get_ref())
    })
}

/// 7,000円/人・日, 上限30,000円/日.
pub fn amount(a: &Amount) -> String {
    let sum = format!("{}円/{}", thousands(*a.yen.get_ref()), a.per);
    let sum = if a.upper_limit {
        format!("上限{sum}")
    } else {
        sum
    };
    match &a.label {
        Some(label) => format!("{label}：{sum}"),
        None => sum,
    }
}

/// 30000 → 30,000.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_guides_write_them() {
        assert_eq!(thousands(700), "700");
        assert_eq!(thousands(30000), "30,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(units(Some(2000), Some("回")), "2,000単位/回");
    }
}
