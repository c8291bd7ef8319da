//! The `tebiki` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use std::ffi::OsString;
use std::sync::OnceLock;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use tebiki::build::{self, Failure, Options};
use tebiki::load::Inputs;
use tebiki::messages::{Lang, Msg};
use tebiki::model::Date;

/// Building pages allocates many small strings on every thread; mimalloc
/// serves them from per-thread pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The language of the command line, found before it is parsed: the help
/// and the faults of the command line itself are told in it.
static LANG: OnceLock<Lang> = OnceLock::new();

fn chosen_lang() -> Lang {
    *LANG.get_or_init(Lang::from_env)
}

/// The language `--lang` asks for on the command line, if it asks for one it knows.
fn lang_in(args: &[OsString]) -> Option<Lang> {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    args.iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).and_then(|code| Lang::from_code(code)),
            Some(rest) => rest.strip_prefix('=').and_then(Lang::from_code),
            None => None,
        })
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).map_err(|fault| {
        let text = Msg::BadAsOf(fault).render(chosen_lang());
        format!("{}\n  {}", text.message, text.hint.unwrap_or_default())
    })
}

fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| {
        let code = code.to_string();
        let text = Msg::BadLang { code }.render(chosen_lang());
        format!("{}\n  {}", text.message, text.hint.unwrap_or_default())
    })
}

/// The command line read with its help in the reader's language; a fault of
/// it is printed in that language and ends the run.
fn parse_args() -> Result<Cli, ExitCode> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let lang = *LANG.get_or_init(|| lang_in(&args).unwrap_or_else(Lang::from_env));
    let command = tebiki::messages::cli::localise(Cli::command(), lang);
    let parsed = command
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.map_err(|err| {
        let fault = match lang {
            Lang::Ja => tebiki::messages::cli::usage_fault(&err),
            Lang::En => None,
        };
        match fault {
            Some(msg) => {
                eprintln!("{}", msg.line(lang));
                ExitCode::from(2)
            }
            None => {
                // Help and version, and every fault in English, as clap words them.
                let _ = err.print();
                ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
            }
        }
    })
}

/// Builds municipal guidebooks for regional life-support hubs (地域生活支援拠点等).
#[derive(Parser)]
#[command(name = "tebiki", version, about)]
struct Cli {
    /// Folder with national and per-city content.
    #[arg(long, global = true, default_value = "content")]
    content: PathBuf,
    /// Folder with form definitions.
    #[arg(long, global = true, default_value = "forms")]
    forms: PathBuf,
    /// Folder with templates, styles and fonts.
    #[arg(long, global = true, default_value = "themes")]
    themes: PathBuf,
    /// Show the rules in force on this day (2024-04-01 or 令和6年4月1日); default: today.
    #[arg(long, global = true, value_parser = parse_date)]
    as_of: Option<Date>,
    /// Language of the messages: ja (日本語) or en; default: the locale's (LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Checks all content and reports every problem with file, line and a hint.
    Check,
    /// Checks, then builds the website and forms into the output folder.
    Build {
        /// Output folder; replaced only when the build succeeds.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// Address the site will be published at (for canonical links); links
        /// between pages are relative and work under any base path or from file://.
        #[arg(long)]
        base_url: Option<String>,
        /// Print how long each step of the build took.
        #[arg(long)]
        timings: bool,
        /// Replace the output folder even if tebiki did not make it, deleting
        /// what it holds (publishing files such as .git and CNAME are kept).
        #[arg(long)]
        force: bool,
        /// Leave out the printable guides (each city's whole guide as one PDF).
        #[arg(long)]
        no_guides: bool,
    },
    /// Builds, serves the site on 127.0.0.1 and rebuilds on every change to
    /// content/, forms/ or themes/; open pages reload, and content errors are shown
    /// over the last good site until they are fixed.
    Serve {
        /// Folder to build into and serve.
        #[arg(long, default_value = "site")]
        out: PathBuf,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Serve into a folder that tebiki did not make, deleting what it holds
        /// (publishing files such as .git and CNAME are kept).
        #[arg(long)]
        force: bool,
        /// Leave out the printable guides (each city's whole guide as one PDF).
        #[arg(long)]
        no_guides: bool,
    },
    /// Compares two versions of the content: every changed value, and every page and form
    /// whose output changes, per city. A version is a folder holding content/ and forms/,
    /// or a git revision.
    Diff {
        /// The older version (a git revision such as HEAD~1, or a folder).
        old: String,
        /// The newer version; default: the current folder.
        new: Option<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Starts the files of a new city or form, with commented examples.
    New {
        #[command(subcommand)]
        command: NewCommand,
    },
    /// Writes the JSON Schema of every content and form file, and the .taplo.toml
    /// that lets an editor (VS Code with Even Better TOML) complete and check keys.
    Schema {
        /// Folder for the schemas; .taplo.toml goes in the working folder.
        #[arg(long, default_value = "schemas")]
        out: PathBuf,
    },
    /// Works with filled-in PDF forms.
    Forms {
        #[command(subcommand)]
        command: FormsCommand,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// Makes content/cities/<id>/ with the files a city needs (nothing is overwritten).
    City {
        /// The city's id: its folder and web address, e.g. zushi.
        id: String,
        /// The municipality's name, e.g. 逗子市.
        #[arg(long)]
        name: String,
        /// Its prefecture, e.g. 神奈川県.
        #[arg(long)]
        prefecture: String,
        /// The name's reading in hiragana, e.g. ずしし.
        #[arg(long)]
        reading: Option<String>,
    },
    /// Makes forms/<id>.toml, a form of an existing city (nothing is overwritten).
    Form {
        /// The form's id, e.g. zushi-touroku.
        id: String,
        /// The city that uses it.
        #[arg(long)]
        city: String,
        /// The title printed on the form.
        #[arg(long)]
        title: String,
    },
}

#[derive(Subcommand)]
enum FormsCommand {
    /// Prints the values of a filled-in form as JSON keyed by field name.
    Export {
        /// A PDF form made by tebiki, filled in.
        pdf: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let as_of = cli.as_of.unwrap_or_else(Date::today);
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let inputs = Inputs {
        content: cli.content.clone(),
        forms: cli.forms.clone(),
    };
    match cli.command {
        Command::Forms {
            command: FormsCommand::Export { pdf },
        } => export(&pdf, lang),
        Command::New { command } => scaffold(&inputs, command, lang),
        Command::Schema { out } => {
            match tebiki::schema::write(&out, &inputs.content, &inputs.forms) {
                Ok(written) => {
                    for path in written {
                        println!("{}", tebiki::diag::display_path(&path));
                    }
                    ExitCode::SUCCESS
                }
                Err(refused) => {
                    eprintln!("{}", refused.message().line(lang));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check => {
            let (guide, diags) = build::check(&inputs, as_of);
            eprint!("{}", diags.report_in(lang));
            if diags.has_errors() {
                return ExitCode::FAILURE;
            }
            let ok = Msg::CheckOk {
                cities: guide.cities.len(),
                addons: guide.national.addons.len(),
                forms: guide.forms.len(),
            };
            println!("{}", ok.render(lang).message);
            ExitCode::SUCCESS
        }
        Command::Build {
            out,
            base_url,
            timings,
            force,
            no_guides,
        } => {
            let options = Options {
                inputs,
                as_of,
                themes: cli.themes,
                out: out.clone(),
                base_url,
                force,
            };
            if let Err(code) = announce_output(&options, lang) {
                return code;
            }
            match build::build_with(&options, !no_guides) {
                Ok((summary, diags)) => {
                    eprint!("{}", diags.report_in(lang));
                    let built = Msg::Built {
                        pages: summary.pages,
                        forms: summary.forms,
                        guides: summary.guides,
                        out: out.display().to_string(),
                    };
                    println!("{}", built.render(lang).message);
                    if timings {
                        for (step, took) in &summary.timings {
                            eprintln!("{step:>16}: {:8.1} ms", took.as_secs_f64() * 1000.0);
                        }
                        if let Some((city, took)) = &summary.slowest_guide {
                            let ms = took.as_secs_f64() * 1000.0;
                            eprintln!("   slowest guide: {ms:8.1} ms ({city})");
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(Failure::Content(diags)) => {
                    eprint!("{}", diags.report_in(lang));
                    let stopped = Msg::BuildStopped {
                        out: out.display().to_string(),
                    };
                    eprintln!("{}", stopped.render(lang).message);
                    ExitCode::FAILURE
                }
                Err(Failure::Refused(refusal)) => {
                    eprintln!("{}", refusal.message().line(lang));
                    ExitCode::FAILURE
                }
                Err(Failure::Io(e)) => {
                    let failed = Msg::CannotWrite {
                        out: out.display().to_string(),
                        error: e.to_string(),
                    };
                    eprintln!("{}", failed.line(lang));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve {
            out,
            port,
            open,
            force,
            no_guides,
        } => {
            let build = Options {
                inputs,
                as_of,
                themes: cli.themes,
                out,
                base_url: None,
                force,
            };
            if let Err(code) = announce_output(&build, lang) {
                return code;
            }
            let options = tebiki::serve::ServeOptions {
                build,
                follow_today: cli.as_of.is_none(),
                port,
                open,
                lang,
                no_guides,
            };
            match tebiki::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{}", e.render(lang));
                    ExitCode::FAILURE
                }
            }
        }
        Command::Diff { old, new, json } => {
            diff(&old, new.as_deref(), json, &cli.themes, as_of, lang)
        }
    }
}

/// Refuses an output folder that may not be written, and says what a forced
/// build deletes before it does.
fn announce_output(options: &Options, lang: Lang) -> Result<(), ExitCode> {
    match build::check_output(options) {
        Ok(target) => {
            if let Some(warning) = target.warning(&options.out) {
                eprintln!("{}", warning.warning_line(lang));
            }
            Ok(())
        }
        Err(Failure::Refused(refusal)) => {
            eprintln!("{}", refusal.message().line(lang));
            Err(ExitCode::FAILURE)
        }
        Err(_) => Ok(()),
    }
}

fn scaffold(inputs: &Inputs, command: NewCommand, lang: Lang) -> ExitCode {
    use tebiki::scaffold::{NewCity, NewForm, new_city, new_form};
    let written = match command {
        NewCommand::City {
            id,
            name,
            prefecture,
            reading,
        } => new_city(
            &inputs.content,
            &NewCity {
                id,
                name,
                prefecture,
                reading,
            },
        ),
        NewCommand::Form { id, city, title } => {
            new_form(&inputs.content, &inputs.forms, &NewForm { id, city, title }).map(|p| vec![p])
        }
    };
    match written {
        Ok(paths) => {
            for path in paths {
                let path = tebiki::diag::display_path(&path);
                println!("{}", Msg::Wrote { path }.render(lang).message);
            }
            println!("{}", Msg::ScaffoldNext.render(lang).message);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", e.message().line(lang));
            ExitCode::FAILURE
        }
    }
}

fn diff(
    old: &str,
    new: Option<&str>,
    json: bool,
    themes: &std::path::Path,
    as_of: Date,
    lang: Lang,
) -> ExitCode {
    use tebiki::revisions::{self, DiffFailure, version::Version};
    let repo = std::path::Path::new(".");
    let open = |spec: &str| {
        Version::open(spec, repo).map_err(|e| {
            let error = e.to_string();
            eprintln!("{}", Msg::DiffCannotOpen { error }.line(lang));
        })
    };
    let Ok(old) = open(old) else {
        return ExitCode::FAILURE;
    };
    let Ok(new) = open(new.unwrap_or(".")) else {
        return ExitCode::FAILURE;
    };
    match revisions::diff(&old, &new, themes, as_of) {
        Ok(report) => {
            if json {
                match serde_json::to_string_pretty(&report) {
                    Ok(text) => println!("{text}"),
                    Err(e) => {
                        let error = e.to_string();
                        eprintln!("{}", Msg::CannotWriteJson { error }.line(lang));
                        return ExitCode::FAILURE;
                    }
                }
            } else {
                print!("{}", report.to_text());
            }
            ExitCode::SUCCESS
        }
        Err(DiffFailure::Content(diags)) => {
            eprint!("{}", diags.report_in(lang));
            eprintln!("{}", Msg::DiffStopped.render(lang).message);
            ExitCode::FAILURE
        }
        Err(DiffFailure::Io(e)) => {
            let error = e.to_string();
            eprintln!("{}", Msg::DiffCannotBuild { error }.line(lang));
            ExitCode::FAILURE
        }
    }
}

fn export(pdf: &std::path::Path, lang: Lang) -> ExitCode {
    let bytes = match tebiki::load::file::read_limited(pdf, tebiki::load::file::BINARY_LIMIT) {
        Ok(bytes) => bytes,
        Err(e) => {
            let failed = Msg::CannotReadPdf {
                pdf: pdf.display().to_string(),
                error: e.to_string(),
            };
            eprintln!("{}", failed.line(lang));
            return ExitCode::FAILURE;
        }
    };
    match tebiki::forms::export::export(&bytes) {
        Ok(values) => {
            let json = serde_json::to_string_pretty(&values).unwrap_or_default();
            println!("{json}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let failed = Msg::ExportFailed {
                pdf: pdf.display().to_string(),
                error: e.to_string(),
                unfilled: matches!(e, tebiki::forms::export::ExportError::Unfilled),
            };
            eprintln!("{}", failed.line(lang));
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_has_its_japanese_help() {
        assert_eq!(
            tebiki::messages::cli::untranslated(Cli::command()),
            Vec::<String>::new()
        );
    }

    #[test]
    fn lang_is_found_before_the_command_line_is_parsed() {
        let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(
            lang_in(&args(&["tebiki", "--lang", "ja", "check"])),
            Some(Lang::Ja)
        );
        assert_eq!(
            lang_in(&args(&["tebiki", "check", "--lang=en"])),
            Some(Lang::En)
        );
        assert_eq!(lang_in(&args(&["tebiki", "--lang", "fr", "check"])), None);
        assert_eq!(lang_in(&args(&["tebiki", "check"])), None);
    }
}
