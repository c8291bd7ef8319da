//! The `tebiki` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use tebiki::build::{self, Failure, Options};
use tebiki::load::Inputs;

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
    },
    /// Works with filled-in PDF forms.
    Forms {
        #[command(subcommand)]
        command: FormsCommand,
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
    let inputs = Inputs {
        content: cli.content.clone(),
        forms: cli.forms.clone(),
    };
    match cli.command {
        Command::Forms {
            command: FormsCommand::Export { pdf },
        } => export(&pdf),
        Command::Check => {
            let (guide, diags) = build::check(&inputs);
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
        Command::Build { out } => {
            let options = Options {
                inputs,
                themes: cli.themes,
                out: out.clone(),
            };
            match build::build(&options) {
                Ok((summary, diags)) => {
                    eprint!("{}", diags.report());
                    println!(
                        "built {} pages and {} forms into {}",
                        summary.pages,
                        summary.forms,
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(Failure::Content(diags)) => {
                    eprint!("{}", diags.report());
                    eprintln!("build stopped: fix the errors above; {} was not changed", out.display());
                    ExitCode::FAILURE
                }
                Err(Failure::Io(e)) => {
                    eprintln!("error: cannot write {}: {e}", out.display());
                    eprintln!("  = hint: check that the folder is writable; the previous output was kept");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn export(pdf: &std::path::Path) -> ExitCode {
    let bytes = match std::fs::read(pdf) {
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
