//! The `sdkgen` command line (`sdkgen --help`, `sdkgen <command> --help`).
//!
//! - `sdkgen generate --model <FILE>... --out <DIR>` writes a complete crate
//!   (Cargo.toml, src/lib.rs) for the models; the model's
//!   `smithy.rules#endpointTests` cases are in it as an integration test,
//!   `tests/endpoints.rs` (`cargo test --test endpoints` in the crate).
//! - `sdkgen diff <OLD> <NEW>` lists the changes between two models.
//! - `sdkgen openapi --model <FILE>` exports a model as OpenAPI 3.0.
//! - `sdkgen corpus <DIR>` generates (and checks) every model of a folder.
//!
//! Exit status: 0 on success, 1 with located errors on a bad model (`diff`:
//! 1 when a change is breaking), 2 on a bad command line.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

mod corpus;

/// Generates Rust SDKs from Smithy JSON AST models (and OpenAPI 3.0).
#[derive(Parser, Debug)]
#[command(name = "sdkgen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a crate for a model: Cargo.toml, src/lib.rs and, where the
    /// model has endpoint tests, tests/endpoints.rs.
    Generate(GenerateArgs),
    /// List the changes between two models, breaking ones first; exit 1 when
    /// one is breaking.
    Diff(DiffArgs),
    /// Export a restJson1 model as an OpenAPI 3.0 document.
    Openapi(OpenapiArgs),
    /// Generate every model of a folder and report each; optionally
    /// `cargo check` them and run their endpoint cases.
    Corpus(CorpusArgs),
}

#[derive(Args, Debug)]
struct GenerateArgs {
    /// A model file (Smithy JSON AST or OpenAPI 3.0); repeat for models
    /// that make one service together.
    #[arg(long, value_name = "FILE", required = true)]
    model: Vec<PathBuf>,
    /// The folder the crate is written into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The crate's name (default: `<sdk id>-sdk`), checked as Cargo checks
    /// package names.
    #[arg(long, value_name = "NAME", value_parser = crate_name)]
    crate_name: Option<String>,
    /// The service to generate, where the model has several.
    #[arg(long, value_name = "SHAPE_ID")]
    service: Option<String>,
    /// Only these operations (by name), comma-separated.
    #[arg(long, value_name = "A,B,...", value_delimiter = ',')]
    operations: Option<Vec<String>>,
    /// Depend on the sdkgen-runtime crate at this path instead of its
    /// release of the generator's version (for working on the runtime).
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
    /// Write into a folder that holds files sdkgen did not write.
    #[arg(long)]
    force: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Args, Debug)]
struct DiffArgs {
    /// The model before the change.
    old: PathBuf,
    /// The model after it.
    new: PathBuf,
    /// How the changes are printed.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The service to compare, where the models have several.
    #[arg(long, value_name = "SHAPE_ID")]
    service: Option<String>,
}

#[derive(Args, Debug)]
struct OpenapiArgs {
    /// The model file.
    #[arg(long, value_name = "FILE")]
    model: PathBuf,
    /// Where the document goes (default: standard output).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The service to export, where the model has several.
    #[arg(long, value_name = "SHAPE_ID")]
    service: Option<String>,
}

#[derive(Args, Debug)]
struct CorpusArgs {
    /// The folder of models (`*.json`).
    dir: PathBuf,
    /// Where the generated crates go, one folder a model.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Only models of this protocol (`restJson1`, `awsJson1_0`, `awsJson1_1`),
    /// or `openapi` for OpenAPI documents.
    #[arg(long, value_name = "NAME")]
    protocol: Option<String>,
    /// What to `cargo check`: `all`, `none`, or model names, comma-separated.
    #[arg(long, value_name = "all|none|A,B,...", default_value = "none")]
    check: String,
    /// The shared target directory of the checks (default: `<out>/target`).
    #[arg(long, value_name = "DIR")]
    target_dir: Option<PathBuf>,
    /// Models expected to fail generation, one a line.
    #[arg(long, value_name = "FILE")]
    expected_failures: Option<PathBuf>,
    /// Run the endpoint cases of every checked crate.
    #[arg(long)]
    endpoint_tests: bool,
    /// The AWS partitions the endpoint cases run on (default: the embedded ones).
    #[arg(long, value_name = "FILE")]
    partitions: Option<PathBuf>,
    /// Endpoint cases expected to fail, one a line: `model case-index reason`.
    #[arg(long, value_name = "FILE")]
    endpoint_expected_failures: Option<PathBuf>,
    /// The sdkgen-runtime the crates depend on (default: the one beside
    /// this generator's sources where it is there, else its release).
    #[arg(long, value_name = "DIR")]
    runtime_path: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` print and exit 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        Command::Generate(args) => generate(args),
        Command::Diff(args) => diff(args),
        Command::Openapi(args) => openapi(args),
        Command::Corpus(args) => corpus(args),
    }
}

/// A package name as Cargo accepts one: ASCII letters, digits, `-` and
/// `_`, not starting with a digit, not a Rust keyword, at most 64
/// characters.
fn crate_name(name: &str) -> Result<String, String> {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
        "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
        "final", "gen", "macro", "override", "priv", "try", "typeof", "unsized", "virtual",
        "yield",
    ];
    if name.is_empty() {
        return Err("a package name cannot be empty".into());
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "invalid character `{c}` in package name `{name}`: use ASCII letters, digits, `-` and `_`"
        ));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "package name `{name}` starts with a digit, which Cargo does not allow"
        ));
    }
    if KEYWORDS.contains(&name) {
        return Err(format!(
            "`{name}` is a Rust keyword and cannot name a package"
        ));
    }
    if name.len() > 64 {
        return Err(format!(
            "package name `{name}` is longer than 64 characters"
        ));
    }
    Ok(name.to_owned())
}

fn settings(service: Option<String>, operations: Option<Vec<String>>) -> sdkgen::Settings {
    let mut settings = sdkgen::Settings::default();
    settings.service = service;
    settings.operations = operations.map(|ops| ops.iter().map(|o| o.trim().to_owned()).collect());
    settings
}

fn generate(args: GenerateArgs) -> ExitCode {
    if !args.force {
        if let Err(why) = sdkgen::check_output_dir(&args.out) {
            eprintln!("error: {why}\n  hint: pass --force to write there anyway");
            return ExitCode::from(2);
        }
    }
    let runtime = match args.runtime_path {
        Some(path) => sdkgen::RuntimeDep::Path(path),
        None => sdkgen::RuntimeDep::Release,
    };
    let settings = settings(args.service, args.operations);
    match sdkgen::write_crate(
        &args.model,
        &args.out,
        args.crate_name.as_deref(),
        &runtime,
        &settings,
    ) {
        Ok(()) => {
            eprintln!("wrote {}", args.out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Exit 0 when nothing is breaking, 1 when something is, 2 when a model
/// cannot be read.
fn diff(args: DiffArgs) -> ExitCode {
    let settings = settings(args.service, None);
    let load = |p: &PathBuf| sdkgen::load(std::slice::from_ref(p), &settings);
    let (old, new) = match (load(&args.old), load(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprint!("{e}");
            return ExitCode::from(2);
        }
    };
    let changes = sdkgen::diff::diff(&old, &new);
    match args.format {
        Format::Json => println!("{}", sdkgen::diff::render_json(&changes)),
        Format::Text => print!("{}", sdkgen::diff::render_text(&changes)),
    }
    if changes.iter().any(|c| c.breaking) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn openapi(args: OpenapiArgs) -> ExitCode {
    let settings = settings(args.service, None);
    let service = match sdkgen::load(&[args.model], &settings) {
        Ok(s) => s,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let text = match sdkgen::openapi::export::export_text(&service) {
        Ok(text) => text,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::FAILURE;
        }
    };
    match args.out {
        Some(path) => match std::fs::write(&path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("cannot write {}: {e}", path.display());
                ExitCode::FAILURE
            }
        },
        None => {
            println!("{text}");
            ExitCode::SUCCESS
        }
    }
}

/// Exit 0 when every selected model generated and checked clean.
fn corpus(args: CorpusArgs) -> ExitCode {
    let out = args
        .out
        .unwrap_or_else(|| std::env::temp_dir().join("sdkgen-corpus"));
    let check = match args.check.as_str() {
        "all" => corpus::CheckSet::All,
        "none" => corpus::CheckSet::None,
        list => corpus::CheckSet::Named(list.split(',').map(str::to_owned).collect()),
    };
    let runtime = match args.runtime_path.or_else(sdkgen::checkout_runtime) {
        Some(path) => sdkgen::RuntimeDep::Path(path),
        None => sdkgen::RuntimeDep::Release,
    };
    let target_dir = args.target_dir.unwrap_or_else(|| out.join("target"));
    corpus::run(&corpus::Options {
        dir: args.dir,
        out,
        protocol: args.protocol,
        check,
        target_dir,
        expected_failures: args.expected_failures,
        endpoint_tests: args.endpoint_tests,
        partitions: args.partitions,
        endpoint_expected_failures: args.endpoint_expected_failures,
        runtime,
    })
}
