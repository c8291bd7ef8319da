//! The command line speaks the reader's language: `--help` of tebiki and of
//! every command, and the faults of a mistyped command line, in Japanese
//! when the locale is Japanese (or `--lang ja`), in English with `--lang en`
//! or the C locale.

mod common;

use std::process::Command;

/// Runs the binary with only `LANG` set; returns (exit code, stdout, stderr).
fn run(locale: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn japanese(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// The entries of a help text's lists (commands, arguments, options): the
/// lines indented below a heading, each with its name and its help.
fn entries(help: &str) -> Vec<&str> {
    help.lines()
        .skip_while(|l| !l.ends_with(':') && !l.ends_with('：'))
        .filter(|l| l.starts_with("  "))
        .collect()
}

/// The commands a help text lists, other than `help`.
fn commands(help: &str, heading: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_help_is_japanese_in_a_japanese_locale() {
    let (code, root, _) = run("ja_JP.UTF-8", &["--help"]);
    assert_eq!(code, 0);
    assert!(root.contains("使い方: tebiki"), "{root}");
    let mut paths: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while seen < paths.len() {
        let path = paths[seen].clone();
        seen += 1;
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let (code, help, err) = run("ja_JP.UTF-8", &args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            japanese(help.lines().next().unwrap_or("")),
            "{args:?}: {help}"
        );
        assert!(
            !help.contains("Usage:") && !help.contains("Options:"),
            "{help}"
        );
        assert!(
            !help.contains("[default:") && !help.contains("Print help"),
            "{help}"
        );
        let listed = entries(&help);
        assert!(!listed.is_empty(), "{args:?}: {help}");
        for line in listed {
            assert!(japanese(line), "{args:?}: untranslated help line: {line}");
        }
        for sub in commands(&help, "コマンド:") {
            let mut p = path.clone();
            p.push(sub);
            paths.push(p);
        }
    }
    // tebiki itself and check, build, serve, diff, new (city, form), schema, forms (export).
    assert!(paths.len() >= 11, "{paths:?}");

    // `--lang ja` chooses Japanese in any locale.
    let (_, help, _) = run("C", &["--lang", "ja", "build", "--help"]);
    assert!(help.contains("使い方: tebiki build [オプション]"), "{help}");
    assert!(help.contains("出力先のフォルダ"), "{help}");
}

#[test]
fn help_stays_english_with_lang_en_or_the_c_locale() {
    for (locale, args) in [
        ("C", vec!["--help"]),
        ("ja_JP.UTF-8", vec!["--lang", "en", "--help"]),
        ("ja_JP.UTF-8", vec!["--lang=en", "build", "--help"]),
    ] {
        let (code, help, _) = run(locale, &args);
        assert_eq!(code, 0);
        assert!(help.contains("Usage: tebiki"), "{args:?}: {help}");
        assert!(help.contains("Print help"), "{help}");
        assert!(
            !japanese(
                &help
                    .replace("令和6年4月1日", "")
                    .replace("日本語", "")
                    .replace("地域生活支援拠点等", "")
            ),
            "{help}"
        );
    }
}

#[test]
fn a_mistyped_command_line_is_told_in_the_readers_language() {
    let (code, out, err) = run("ja_JP.UTF-8", &["buld"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "エラー: コマンド `buld` はありません\n  = ヒント: コマンドの一覧は `tebiki --help` で見られます。もしかして `build` ですか？\n"
    );
    let (code, _, err) = run("ja_JP.UTF-8", &["build", "--outt", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("エラー: `--outt` はこのコマンドでは使えません\n"),
        "{err}"
    );
    assert!(err.contains("もしかして `--out` ですか？"), "{err}");
    let (code, _, err) = run("C", &["--lang", "ja", "new", "city", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("エラー: --name <NAME>、--prefecture <PREFECTURE> が書かれていません"),
        "{err}"
    );
    let (code, _, err) = run("ja_JP.UTF-8", &["--as-of", "令和0年1月1日", "check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("令和0年はなく、最初の年は令和元年です"),
        "{err}"
    );

    let (code, _, err) = run("C", &["buld"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: unrecognized subcommand 'buld'"),
        "{err}"
    );
    let (code, _, err) = run("ja_JP.UTF-8", &["--lang", "en", "build", "--outt", "x"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: unexpected argument '--outt'"),
        "{err}"
    );
}
