//! The command line in Japanese: the help of every command and option, and
//! the faults of a mistyped command line, for an editor whose locale is
//! Japanese. The English help is clap's, from the doc comments in `main.rs`;
//! the Japanese is laid over the same command tree here, so that both come
//! from one definition of the commands.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::{Lang, Msg};

/// The Japanese description of each command, by its path (`""` is `tebiki` itself).
const ABOUT: &[(&str, &str)] = &[
    (
        "",
        "地域生活支援拠点等の手引き（ウェブサイト・印刷用の手引き・記入できる様式）を作ります。",
    ),
    (
        "check",
        "すべての内容を確かめ、見つかった問題をファイル・行・ヒントとともにまとめて示します。",
    ),
    (
        "build",
        "内容を確かめてから、ウェブサイトと様式を出力先のフォルダに作ります。",
    ),
    (
        "serve",
        "サイトを作って 127.0.0.1 で見られるようにし、content/・forms/・themes/ を変えるたびに作り直します。開いているページは読み込み直され、内容に誤りがある間は最後に作れたサイトの上に誤りが表示されます。",
    ),
    (
        "diff",
        "内容の二つの版を比べます。変わった値と、出力が変わるページ・様式を市町村ごとに示します。版は content/ と forms/ のあるフォルダか、git のリビジョンです。",
    ),
    (
        "new",
        "新しい市町村や様式のファイルを、記入例のコメントつきで作り始めます。",
    ),
    (
        "new city",
        "content/cities/<id>/ に市町村に要るファイルを作ります（既にあるファイルは上書きしません）。",
    ),
    (
        "new form",
        "forms/<id>.toml に、既にある市町村の様式を作ります（既にあるファイルは上書きしません）。",
    ),
    (
        "schema",
        "内容と様式の各ファイルの JSON Schema と、エディタ（VS Code と Even Better TOML）でキーの補完と確認をするための .taplo.toml を書き出します。",
    ),
    ("forms", "記入済みの PDF 様式を扱います。"),
    (
        "forms export",
        "記入済みの様式の値を、項目名ごとの JSON で表示します。",
    ),
    (
        "help",
        "このヘルプ、または指定したコマンドのヘルプを表示します。",
    ),
];

/// The Japanese help of each argument, by the path of its command and its id;
/// an empty path is an option every command takes.
const ARGS: &[(&str, &str, &str)] = &[
    ("", "content", "国と市町村の内容のフォルダ"),
    ("", "forms", "様式の定義のフォルダ"),
    ("", "themes", "テンプレート・スタイル・フォントのフォルダ"),
    (
        "",
        "as_of",
        "この日に効力のある決まりで示します（2024-04-01 や 令和6年4月1日）。書かなければ今日",
    ),
    (
        "",
        "lang",
        "メッセージの言語: ja（日本語）または en（英語）。書かなければロケール（LC_ALL、LC_MESSAGES、LANG）に従います",
    ),
    ("", "help", "ヘルプを表示します"),
    ("", "version", "版を表示します"),
    (
        "build",
        "out",
        "出力先のフォルダ。作るのに成功したときだけ入れ替えます",
    ),
    (
        "build",
        "base_url",
        "サイトを公開するアドレス（正規 URL のため）。ページ間のリンクは相対なので、どのパスの下でも file:// でも働きます",
    ),
    ("build", "timings", "作る手順ごとにかかった時間を表示します"),
    (
        "build",
        "force",
        "tebiki が作ったのではない出力先のフォルダも、中身を消して入れ替えます（.git や CNAME などの公開用のファイルは残します）",
    ),
    (
        "build",
        "no_guides",
        "印刷用の手引き（市町村ごとの手引き全体の PDF）を作りません",
    ),
    ("serve", "out", "作って見せるフォルダ"),
    (
        "serve",
        "no_guides",
        "印刷用の手引き（市町村ごとの手引き全体の PDF）を作りません",
    ),
    (
        "serve",
        "port",
        "127.0.0.1 のポート番号（0 なら空いているもの）",
    ),
    ("serve", "open", "いつものブラウザでサイトを開きます"),
    (
        "serve",
        "force",
        "tebiki が作ったのではないフォルダにも、中身を消して作ります（.git や CNAME などの公開用のファイルは残します）",
    ),
    (
        "diff",
        "old",
        "古い方の版（HEAD~1 のような git のリビジョン、またはフォルダ）",
    ),
    ("diff", "new", "新しい方の版。書かなければ今のフォルダ"),
    ("diff", "json", "結果を JSON で表示します"),
    (
        "schema",
        "out",
        "スキーマを書き出すフォルダ。.taplo.toml は今のフォルダに書きます",
    ),
    (
        "new city",
        "id",
        "市町村の ID（フォルダ名とウェブのアドレスになります）。例: zushi",
    ),
    ("new city", "name", "市町村名。例: 逗子市"),
    ("new city", "prefecture", "都道府県名。例: 神奈川県"),
    (
        "new city",
        "reading",
        "市町村名の読み（ひらがな）。例: ずしし",
    ),
    ("new form", "id", "様式の ID。例: zushi-touroku"),
    ("new form", "city", "その様式を使う市町村の ID"),
    ("new form", "title", "様式に印刷する題名"),
    (
        "forms export",
        "pdf",
        "tebiki が作り、記入された PDF の様式",
    ),
    ("help", "subcommand", "ヘルプを表示するコマンド"),
];

/// The generated `help` command of any command is the same command.
fn generic(path: &str) -> &str {
    let words: Vec<&str> = path.split(' ').collect();
    if words.contains(&"help") {
        "help"
    } else {
        path
    }
}

fn about(path: &str) -> Option<&'static str> {
    let path = generic(path);
    ABOUT
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

fn arg_help(path: &str, id: &str) -> Option<&'static str> {
    let path = generic(path);
    ARGS.iter()
        .find(|(p, a, _)| *p == path && *a == id)
        .or_else(|| ARGS.iter().find(|(p, a, _)| p.is_empty() && *a == id))
        .map(|(_, _, text)| *text)
}

/// The command line in `lang`: for Japanese, every description and help
/// text of the tree replaced by its Japanese, and the headings in Japanese.
/// The tree is built first, so that the options every command takes and
/// the generated `--help` are there to be translated.
pub fn localise(mut cmd: clap::Command, lang: Lang) -> clap::Command {
    if lang == Lang::En {
        return cmd;
    }
    cmd.build();
    localise_at(cmd, "")
}

fn localise_at(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some(text) = about(path) {
        cmd = cmd.about(text).long_about(None);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let help = arg_help(path, &id);
        cmd = cmd.mut_arg(id.as_str(), |a| {
            let heading = if a.is_positional() {
                "引数"
            } else {
                "オプション"
            };
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            let a = a.help_heading(heading);
            match help {
                Some(text) if defaults.is_empty() => a.help(text).long_help(None),
                Some(text) => a
                    .help(format!("{text}（書かなければ {}）", defaults.join("、")))
                    .long_help(None)
                    .hide_default_value(true),
                None => a,
            }
        });
    }
    let usage = cmd.render_usage().to_string();
    if let Some(usage) = usage.strip_prefix("Usage: ") {
        cmd = cmd.override_usage(usage.replace("[OPTIONS]", "[オプション]"));
    }
    cmd = cmd
        .subcommand_help_heading("コマンド")
        .subcommand_value_name("コマンド")
        .help_template("{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}");
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name.as_str(), |c| localise_at(c, &sub));
    }
    cmd
}

/// Every command and argument of `cmd` that has no Japanese text, as
/// `path` or `path --id`, so that a test can find a help left in English.
pub fn untranslated(mut cmd: clap::Command) -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        if about(path).is_none() {
            missing.push(path.to_string());
        }
        for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if arg_help(path, a.get_id().as_str()).is_none() {
                missing.push(format!("{path} --{}", a.get_id()));
            }
        }
        for sub in cmd.get_subcommands() {
            let p = if path.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{path} {}", sub.get_name())
            };
            walk(sub, &p, missing);
        }
    }
    cmd.build();
    let mut missing = Vec::new();
    walk(&cmd, "", &mut missing);
    missing
}

/// The text of a context value of a clap error, if it has one.
fn context(err: &clap::Error, kind: ContextKind) -> Option<String> {
    match err.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join("、")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A fault of the command line as a message of the catalogue, or `None`
/// for what is not a fault (help and version asked for).
pub fn usage_fault(err: &clap::Error) -> Option<Msg> {
    let arg = context(err, ContextKind::InvalidArg).unwrap_or_default();
    Some(match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::UnknownArgument => Msg::UsageUnknownArgument {
            arg,
            suggestion: context(err, ContextKind::SuggestedArg),
        },
        ErrorKind::InvalidSubcommand => Msg::UsageUnknownCommand {
            command: context(err, ContextKind::InvalidSubcommand).unwrap_or_default(),
            suggestion: context(err, ContextKind::SuggestedSubcommand),
        },
        ErrorKind::MissingRequiredArgument => Msg::UsageMissingArgument { args: arg },
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            Msg::UsageMissingCommand
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = context(err, ContextKind::InvalidValue).unwrap_or_default();
            // A value our own parser refused carries its explanation, already
            // in the reader's language.
            let why = std::error::Error::source(err).map(|e| e.to_string());
            Msg::UsageInvalidValue {
                arg,
                value,
                allowed: context(err, ContextKind::ValidValue),
                why,
            }
        }
        ErrorKind::ArgumentConflict => Msg::UsageConflict {
            arg,
            other: context(err, ContextKind::PriorArg).unwrap_or_default(),
        },
        ErrorKind::TooManyValues => Msg::UsageUnexpected {
            value: context(err, ContextKind::InvalidValue).unwrap_or(arg),
        },
        _ => Msg::UsageOther {
            detail: err.kind().as_str().unwrap_or_default().to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_tree_reports_what_has_no_japanese() {
        let cmd = clap::Command::new("tebiki")
            .arg(clap::Arg::new("lang").long("lang"))
            .subcommand(clap::Command::new("check"))
            .subcommand(clap::Command::new("publish").arg(clap::Arg::new("to").long("to")));
        assert_eq!(untranslated(cmd), ["publish", "publish --to"]);
    }
}
