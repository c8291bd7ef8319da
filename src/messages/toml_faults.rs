//! The TOML reader and serde report faults as English sentences; this reads
//! those sentences back into [`Msg`] variants, so that they are shown in the
//! reader's language like every other message. A sentence not known here is
//! kept as it is, in [`Msg::Unreadable`].

use super::{Lang, Msg};
use crate::model::DateFault;

/// A kind of value, as a fault names what was found and what was needed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ValueKind {
    Text(Option<String>),
    WholeNumber(Option<String>),
    Number,
    YesNo,
    List,
    Table,
    Date,
    Other(String),
}

impl ValueKind {
    /// "a text \"二\"" / "文字 \"二\"".
    pub fn describe(&self, lang: Lang) -> String {
        use ValueKind::*;
        match (self, lang) {
            (Text(Some(t)), Lang::En) => format!("the text \"{t}\""),
            (Text(Some(t)), Lang::Ja) => format!("\"{t}\" と文字"),
            (Text(None), Lang::En) => "text in quotes".into(),
            (Text(None), Lang::Ja) => "文字".into(),
            (WholeNumber(Some(n)), Lang::En) => format!("the number {n}"),
            (WholeNumber(Some(n)), Lang::Ja) => format!("{n} と数"),
            (WholeNumber(None), Lang::En) => "a whole number".into(),
            (WholeNumber(None), Lang::Ja) => "数".into(),
            (Number, Lang::En) => "a number".into(),
            (Number, Lang::Ja) => "数".into(),
            (YesNo, Lang::En) => "true or false".into(),
            (YesNo, Lang::Ja) => "true か false".into(),
            (List, Lang::En) => "a list [ … ]".into(),
            (List, Lang::Ja) => "[ … ] で囲んだ一覧".into(),
            (Table, Lang::En) => "a table of keys".into(),
            (Table, Lang::Ja) => "キーのまとまり（見出しか { … }）".into(),
            (Date, Lang::En) => "a date".into(),
            (Date, Lang::Ja) => "日付".into(),
            (Other(what), Lang::En) => what.clone(),
            (Other(what), Lang::Ja) => format!("「{what}」"),
        }
    }

    /// How to write a value of this kind, in both languages.
    pub(crate) fn how_to_write(&self) -> (String, String) {
        use ValueKind::*;
        let (en, ja) = match self {
            Text(_) => (
                "put the text in double quotes, e.g. name = \"相談支援\"",
                "文字は半角の \" で囲みます。例: name = \"相談支援\"",
            ),
            WholeNumber(_) | Number => (
                "write a whole number without quotes or units, e.g. `700`",
                "数は \" で囲まず、単位も付けずに半角数字で書きます。例: `700`",
            ),
            YesNo => (
                "write true or false, without quotes",
                "true か false を、\" で囲まずに書きます",
            ),
            List => (
                "write a list in [ ], e.g. functions = [\"soudan\"], even for one item",
                "一つだけでも [ ] で囲んで書きます。例: functions = [\"soudan\"]",
            ),
            Table => (
                "write the keys under a [header] of their own, or as { key = … }",
                "キーは専用の [見出し] の下か、{ キー = … } の形で書きます",
            ),
            Date => (
                "write dates as 2024-04-01 or \"令和6年4月1日\"",
                "日付は 2024-04-01 か \"令和6年4月1日\" のように書きます",
            ),
            Other(_) => (
                "the value has the wrong type: text needs quotes, lists need [ ], numbers need none",
                "値の書き方が違います。文字は \" で囲み、一覧は [ ] で囲み、数は何も囲みません",
            ),
        };
        (en.to_string(), ja.to_string())
    }
}

/// Reads a `found` part: `string "二"`, `integer `5``, `sequence`, …
fn found_kind(text: &str) -> ValueKind {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("string ") {
        return ValueKind::Text(Some(rest.trim_matches('"').to_string()));
    }
    if let Some(rest) = text.strip_prefix("integer ") {
        return ValueKind::WholeNumber(Some(rest.trim_matches('`').to_string()));
    }
    match text.split_whitespace().next().unwrap_or("") {
        "floating" => ValueKind::Number,
        "boolean" => ValueKind::YesNo,
        "sequence" => ValueKind::List,
        "map" => ValueKind::Table,
        _ => ValueKind::Other(text.to_string()),
    }
}

/// Reads an `expected` part: `u32`, `a sequence`, `a string`, `a date such as …`.
fn expected_kind(text: &str) -> ValueKind {
    let text = text.trim();
    let bare = text
        .strip_prefix("an ")
        .or_else(|| text.strip_prefix("a "))
        .unwrap_or(text);
    if bare.starts_with("date") {
        return ValueKind::Date;
    }
    match bare {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "integer" => {
            ValueKind::WholeNumber(None)
        }
        "f32" | "f64" => ValueKind::Number,
        "string" | "borrowed string" => ValueKind::Text(None),
        "boolean" => ValueKind::YesNo,
        "sequence" => ValueKind::List,
        "map" => ValueKind::Table,
        _ if bare.starts_with("struct ") => ValueKind::Table,
        _ => ValueKind::Other(text.to_string()),
    }
}

/// The names in backquotes after `expected one of` (or `expected `a` or `b``).
fn names(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The first name in backquotes.
fn first_name(text: &str) -> String {
    names(text).into_iter().next().unwrap_or_default()
}

/// Reads a fault the TOML reader or serde wrote into a message; `key` is
/// the text the span covers, for faults that do not name it themselves.
pub fn from_toml_message(message: &str, key: &str) -> Msg {
    let message = message.trim().trim_end_matches('.');
    if let Some(fault) = DateFault::from_carried(message) {
        return Msg::BadDate(fault);
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, allowed) = rest.split_once(", ").unwrap_or((rest, ""));
        let key = field.trim_matches('`').to_string();
        let allowed = names(allowed);
        let suggestion = super::super::check::closest(&key, allowed.iter().map(String::as_str))
            .map(str::to_string);
        return Msg::UnknownKey {
            key,
            allowed,
            suggestion,
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, allowed) = rest.split_once(", ").unwrap_or((rest, ""));
        let value = value.trim_matches('`').to_string();
        let allowed = names(allowed);
        let suggestion = super::super::check::closest(&value, allowed.iter().map(String::as_str))
            .map(str::to_string);
        return Msg::UnknownValue {
            value,
            allowed,
            suggestion,
        };
    }
    if message.starts_with("missing field ") {
        return Msg::MissingKey {
            key: first_name(message),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.rsplit_once(", expected ") {
            return Msg::WrongType {
                found: found_kind(found),
                expected: expected_kind(expected),
            };
        }
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        if let Some((found, _)) = rest.rsplit_once(", expected ") {
            if let ValueKind::WholeNumber(Some(n)) = found_kind(found) {
                if n.starts_with('-') {
                    return Msg::NegativeNumber { found: n };
                }
            }
        }
    }
    if message == "duplicate key" {
        return Msg::DuplicateKey {
            key: key.trim().trim_matches(['"', '\'']).to_string(),
        };
    }
    let (problem, expected) = match message.split_once(", expected ") {
        Some((problem, expected)) => (problem, expected),
        None => (message, ""),
    };
    if SYNTAX.iter().any(|(en, ..)| *en == problem) {
        let expected = if expected.is_empty() {
            Vec::new()
        } else {
            expected.split(", ").map(str::to_string).collect()
        };
        return Msg::Syntax {
            problem: problem.to_string(),
            expected,
        };
    }
    Msg::Unreadable {
        text: message.to_string(),
    }
}

/// The TOML reader's syntax faults, with what each means and what to do.
const SYNTAX: &[(&str, &str, &str)] = &[
    (
        "invalid basic string",
        "文字を囲む \" が閉じていません",
        "文字の終わりにも半角の \" を書いてください。文字の中の \" は \\\" と書きます",
    ),
    (
        "invalid multi-line basic string",
        "\"\"\" で始めた文章が閉じていません",
        "文章の終わりに \"\"\" を書いてください",
    ),
    (
        "invalid literal string",
        "文字を囲む ' が閉じていません",
        "文字の終わりにも ' を書いてください",
    ),
    (
        "string values must be quoted",
        "文字が \" で囲まれていません",
        "文字は半角の \" で囲みます。例: name = \"相談支援\"",
    ),
    (
        "unclosed array table",
        "見出し [[…]] の ]] が閉じていません",
        "見出しの終わりに半角の ]] を書いてください。例: [[qa]]",
    ),
    (
        "unclosed table",
        "見出し […] の ] が閉じていません",
        "見出しの終わりに半角の ] を書いてください。例: [form]",
    ),
    (
        "unclosed array",
        "一覧 [ … ] の ] が閉じていません",
        "一覧の終わりに半角の ] を書いてください",
    ),
    (
        "unclosed inline table",
        "{ … } の } が閉じていません",
        "終わりに半角の } を書いてください",
    ),
    (
        "missing assignment between key-value pairs",
        "キーと値の間に = がありません",
        "キー = 値 の形で書いてください。例: title = \"…\"",
    ),
    (
        "key with no value",
        "キーの後に値がありません",
        "= の後に値を書いてください",
    ),
    (
        "missing value",
        "= の後に値がありません",
        "= の後に値を書いてください。文字なら \"…\"",
    ),
    (
        "missing value for key",
        "キーの値がありません",
        "= の後に値を書いてください",
    ),
    (
        "missing comma between array elements",
        "一覧の項目の間に , がありません",
        "一覧の項目は半角の , で区切ります。例: [\"a\", \"b\"]",
    ),
    (
        "missing comma between key-value pairs",
        "{ … } の中の項目の間に , がありません",
        "項目は半角の , で区切ります",
    ),
    (
        "extra comma in inline table",
        "{ … } の中に余分な , があります",
        "最後の , を消してください",
    ),
    (
        "extra assignment between key-value pairs",
        "= が二つあります",
        "= は一つにしてください",
    ),
    ("extra `=`", "= が二つあります", "= は一つにしてください"),
    (
        "invalid unquoted key",
        "キーに使えない文字があります",
        "キーは半角の英字・数字・_・- で書きます。全角の文字や空白がないか確かめてください",
    ),
    (
        "unquoted keys cannot be empty",
        "キーがありません",
        "= の前にキーを書いてください",
    ),
    (
        "unexpected content",
        "ここに書けないものがあります",
        "一行に キー = 値 を一つずつ書いてください",
    ),
    (
        "unexpected key or value",
        "ここにキーや値は書けません",
        "一行に キー = 値 を一つずつ書いてください",
    ),
    (
        "unexpected content between comment and newline",
        "注釈の後に余分なものがあります",
        "行を確かめてください",
    ),
    (
        "invalid value",
        "値の書き方が違います",
        "文字は \" で囲み、数は半角数字で、一覧は [ ] で囲んで書きます",
    ),
    (
        "invalid key-value pair",
        "キー = 値 の書き方が違います",
        "キー = 値 の形で書いてください",
    ),
    (
        "missing escaped value",
        "\\ の後に続く文字がありません",
        "\\ そのものを書くには \\\\ と書きます",
    ),
    (
        "invalid comment character",
        "注釈に使えない文字があります",
        "見えない制御文字を消してください",
    ),
    (
        "carriage return must be followed by newline",
        "改行の文字がこわれています",
        "ファイルを保存し直してください",
    ),
    (
        "unexpected leading zero",
        "数の頭に 0 があります",
        "頭の 0 を消すか、\" で囲んで文字にしてください",
    ),
    (
        "missing table open",
        "見出しの [ がありません",
        "見出しは [ で始めます",
    ),
];

/// A syntax fault's meaning and what to do, in Japanese.
pub(super) fn syntax_ja(problem: &str) -> (String, String) {
    SYNTAX
        .iter()
        .find(|(en, ..)| *en == problem)
        .map(|(_, ja, hint)| (ja.to_string(), hint.to_string()))
        .unwrap_or_else(|| {
            (
                problem.to_string(),
                "文字は \" で囲み、見出しは [ ] で囲んで書きます".to_string(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_serde_and_toml_say() {
        assert_eq!(
            from_toml_message(
                "unknown field `questoin`, expected one of `id`, `question`",
                ""
            ),
            Msg::UnknownKey {
                key: "questoin".into(),
                allowed: vec!["id".into(), "question".into()],
                suggestion: Some("question".into()),
            }
        );
        assert_eq!(
            from_toml_message("invalid type: string \"二\", expected u32", ""),
            Msg::WrongType {
                found: ValueKind::Text(Some("二".into())),
                expected: ValueKind::WholeNumber(None),
            }
        );
        assert_eq!(
            from_toml_message("invalid value: integer `-5`, expected u32", ""),
            Msg::NegativeNumber { found: "-5".into() }
        );
        assert_eq!(
            from_toml_message("duplicate key", "title"),
            Msg::DuplicateKey {
                key: "title".into()
            }
        );
        assert!(matches!(
            from_toml_message("invalid basic string, expected `\"`", ""),
            Msg::Syntax { .. }
        ));
        assert!(matches!(
            from_toml_message("something new", ""),
            Msg::Unreadable { .. }
        ));
    }
}
