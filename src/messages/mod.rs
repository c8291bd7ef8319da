//! What tebiki says to the person at the terminal, in Japanese or English.
//!
//! Every message is a variant of [`Msg`], with its arguments typed, and its
//! Japanese and English texts are written side by side in one `match`
//! ([`catalogue`]): a message without a translation, or a text that names an
//! argument the message does not have, does not compile. Checks build a
//! `Msg`; only printing chooses the language, so a report can be shown in
//! either without checking again.
//!
//! The Japanese is written for the staff of a city's welfare section, not for
//! programmers: what is wrong, where, and what to type instead.

mod catalogue;
pub mod cli;
mod toml_faults;

pub use catalogue::{IdKind, Msg, Quoted, Relation, SourceKind};
pub use toml_faults::{ValueKind, from_toml_message};

/// The language messages are printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// English, for every locale that is not Japanese.
    #[default]
    En,
    /// Japanese, for a Japanese locale (`ja_JP.UTF-8`, `ja`).
    Ja,
}

impl Lang {
    /// The language of the locale in the environment: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty, as POSIX orders them.
    pub fn from_env() -> Lang {
        Lang::from_locale(|name| std::env::var(name).ok())
    }

    /// The language of a locale looked up by `var` (see [`Lang::from_env`]).
    pub(crate) fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty());
        match locale {
            Some(value) if value.starts_with("ja") => Lang::Ja,
            _ => Lang::En,
        }
    }

    /// The language named by `--lang`: `ja` or `en`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The word before an error's message.
    pub fn error(self) -> &'static str {
        self.pick("error", "エラー")
    }

    /// The word before a warning's message.
    pub fn warning(self) -> &'static str {
        self.pick("warning", "警告")
    }

    /// The word before a hint.
    pub fn hint(self) -> &'static str {
        self.pick("hint", "ヒント")
    }

    fn pick(self, en: &'static str, ja: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Ja => ja,
        }
    }

    /// Items joined as a list in running text: `a`, `b` / `a`、`b`.
    pub fn list(self, items: &[String]) -> String {
        items.join(self.pick(", ", "、"))
    }
}

/// A message as printed: the text, and the hint that says what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub message: String,
    pub hint: Option<String>,
}

impl Msg {
    /// The message as a line `error: …`, with its hint below, for the command line.
    pub fn line(&self, lang: Lang) -> String {
        let text = self.render(lang);
        let mut out = format!("{}: {}", lang.error(), text.message);
        if let Some(hint) = text.hint {
            out.push_str(&format!("\n  = {}: {hint}", lang.hint()));
        }
        out
    }

    /// The message as a warning line `warning: …`, with its hint below.
    pub fn warning_line(&self, lang: Lang) -> String {
        let text = self.render(lang);
        let mut out = format!("{}: {}", lang.warning(), text.message);
        if let Some(hint) = text.hint {
            out.push_str(&format!("\n  = {}: {hint}", lang.hint()));
        }
        out
    }
}

/// A message's texts in both languages; the one for `lang` is formatted.
/// Each text names the message's arguments by name, as `format!` does.
macro_rules! say {
    ($lang:expr, en: $en:literal, $en_hint:literal; ja: $ja:literal, $ja_hint:literal $(;)?) => {
        match $lang {
            $crate::messages::Lang::En => $crate::messages::Text {
                message: format!($en),
                hint: Some(format!($en_hint)),
            },
            $crate::messages::Lang::Ja => $crate::messages::Text {
                message: format!($ja),
                hint: Some(format!($ja_hint)),
            },
        }
    };
    ($lang:expr, en: $en:literal; ja: $ja:literal $(;)?) => {
        match $lang {
            $crate::messages::Lang::En => $crate::messages::Text {
                message: format!($en),
                hint: None,
            },
            $crate::messages::Lang::Ja => $crate::messages::Text {
                message: format!($ja),
                hint: None,
            },
        }
    };
}
pub(crate) use say;

#[cfg(test)]
mod tests {
    use super::*;

    fn locale<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn a_japanese_locale_chooses_japanese() {
        assert_eq!(
            Lang::from_locale(locale(&[("LANG", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_locale(locale(&[("LC_MESSAGES", "ja")])),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_locale(locale(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(Lang::from_locale(locale(&[])), Lang::En);
    }

    #[test]
    fn lc_all_comes_before_lang_and_empty_values_do_not_count() {
        let vars = [("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")];
        assert_eq!(Lang::from_locale(locale(&vars)), Lang::En);
        let vars = [("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")];
        assert_eq!(Lang::from_locale(locale(&vars)), Lang::Ja);
    }
}
