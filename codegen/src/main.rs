//! The `sdkgen` command line.
//!
//! `sdkgen generate --model <FILE>... --out <DIR> [--crate-name NAME] [--service SHAPE_ID] [--operations A,B,...]`
//! writes a complete crate (Cargo.toml, src/lib.rs) for the models.
//! Exit status: 0 on success, 1 with located errors on a bad model, 2 on a
//! bad command line.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: sdkgen generate --model <FILE>... --out <DIR> [--crate-name NAME] [--service SHAPE_ID] [--operations A,B,...]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) != Some("generate") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut models = Vec::new();
    let mut out = None;
    let mut crate_name = None;
    let mut settings = sdkgen::Settings::default();
    let mut it = args.into_iter().skip(1);
    while let Some(arg) = it.next() {
        match (arg.as_str(), it.next()) {
            ("--model", Some(v)) => models.push(PathBuf::from(v)),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--crate-name", Some(v)) => crate_name = Some(v),
            ("--service", Some(v)) => settings.service = Some(v),
            ("--operations", Some(v)) => {
                settings.operations = Some(v.split(',').map(str::trim).map(str::to_owned).collect())
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let (false, Some(out)) = (models.is_empty(), out) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    match sdkgen::write_crate(&models, &out, crate_name.as_deref(), &settings) {
        Ok(()) => {
            eprintln!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{e}");
            ExitCode::FAILURE
        }
    }
}
