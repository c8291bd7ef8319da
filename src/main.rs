//! The `tebiki` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use tebiki::build::{self, Failure, Options};
use tebiki::load::Inputs;
use tebiki::model::Date;

/// Building pages allocates many small strings on every thread; mimalloc
/// serves them from per-thread pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
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
    let cli = Cli::parse();
    let as_of = cli.as_of.unwrap_or_else(Date::today);
    let inputs = Inputs {
        content: cli.content.clone(),
        forms: cli.forms.clone(),
    };
    match cli.command {
        Command::Forms {
            command: FormsCommand::Export { pdf },
        } => export(&pdf),
        Command::New { command } => scaffold(&inputs, command),
        Command::Schema { out } => {
            match tebiki::schema::write(&out, &inputs.content, &inputs.forms) {
                Ok(written) => {
                    for path in written {
                        println!("{}", tebiki::diag::display_path(&path));
                    }
                    ExitCode::SUCCESS
                }
                Err(refused) => {
                    eprintln!("{refused}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check => {
            let (guide, diags) = build::check(&inputs, as_of);
            eprint!("{}", diags.report());
            if diags.has_errors() {
                return ExitCode::FAILURE;
            }
            println!(
                "ok: {} cities, {} national add-ons, {} forms",
                guide.cities.len(),
                guide.national.addons.len(),
                guide.forms.len()
            );
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
            if let Err(code) = announce_output(&options) {
                return code;
            }
            match build::build_with(&options, !no_guides) {
                Ok((summary, diags)) => {
                    eprint!("{}", diags.report());
                    println!(
                        "built {} pages, {} forms and {} guides into {}",
                        summary.pages,
                        summary.forms,
                        summary.guides,
                        out.display()
                    );
                    if timings {
                        for (step, took) in &summary.timings {
                            eprintln!("{step:>16}: {:8.1} ms", took.as_secs_f64() * 1000.0);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(Failure::Content(diags)) => {
                    eprint!("{}", diags.report());
                    eprintln!(
                        "build stopped: fix the errors above; {} was not changed",
                        out.display()
                    );
                    ExitCode::FAILURE
                }
                Err(Failure::Refused(refusal)) => {
                    eprintln!("{refusal}");
                    ExitCode::FAILURE
                }
                Err(Failure::Io(e)) => {
                    eprintln!("error: cannot write {}: {e}", out.display());
                    eprintln!(
                        "  = hint: check that the folder is writable; the previous output was kept"
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve {
            out,
            port,
            open,
            force,
        } => {
            let build = Options {
                inputs,
                as_of,
                themes: cli.themes,
                out,
                base_url: None,
                force,
            };
            if let Err(code) = announce_output(&build) {
                return code;
            }
            let options = tebiki::serve::ServeOptions {
                build,
                follow_today: cli.as_of.is_none(),
                port,
                open,
            };
            match tebiki::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Diff { old, new, json } => diff(&old, new.as_deref(), json, &cli.themes, as_of),
    }
}

/// Refuses an output folder that may not be written, and says what a forced
/// build deletes before it does.
fn announce_output(options: &Options) -> Result<(), ExitCode> {
    match build::check_output(options) {
        Ok(target) => {
            if let Some(warning) = target.warning(&options.out) {
                eprint!("{warning}");
            }
            Ok(())
        }
        Err(Failure::Refused(refusal)) => {
            eprintln!("{refusal}");
            Err(ExitCode::FAILURE)
        }
        Err(_) => Ok(()),
    }
}

fn scaffold(inputs: &Inputs, command: NewCommand) -> ExitCode {
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
                println!("wrote {}", tebiki::diag::display_path(&path));
            }
            println!("next: replace each 【記入】 with the guide's words, then run `tebiki check`");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
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
) -> ExitCode {
    use tebiki::revisions::{self, DiffFailure, snapshot::Snapshot};
    let repo = std::path::Path::new(".");
    let open = |spec: &str| {
        Snapshot::open(spec, repo).map_err(|e| {
            eprintln!("error: {e}");
            eprintln!("  = hint: name a folder that holds content/ and forms/, or a git revision such as HEAD~1");
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
                        eprintln!("error: cannot write the report as JSON: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            } else {
                print!("{}", report.to_text());
            }
            ExitCode::SUCCESS
        }
        Err(DiffFailure::Content(diags)) => {
            eprint!("{}", diags.report());
            eprintln!("diff stopped: one of the versions has content errors");
            ExitCode::FAILURE
        }
        Err(DiffFailure::Io(e)) => {
            eprintln!("error: cannot build the versions to compare: {e}");
            ExitCode::FAILURE
        }
    }
}

fn export(pdf: &std::path::Path) -> ExitCode {
    let bytes = match tebiki::load::file::read_limited(pdf, tebiki::load::file::BINARY_LIMIT) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", pdf.display());
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
            eprintln!("error: {}: {e}", pdf.display());
            let hint = match e {
                tebiki::forms::export::ExportError::Unfilled => {
                    "fill the form in a PDF reader and save it, then export the saved copy"
                }
                _ => "pass a PDF form made by `tebiki build` (site/<city>/forms/<form>.pdf)",
            };
            eprintln!("  = hint: {hint}");
            ExitCode::FAILURE
        }
    }
}
