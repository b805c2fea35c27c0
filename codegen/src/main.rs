//! `sdkgen generate --model <FILE>... --out <FILE> [--operations A,B]`:
//! writes the generated module for a model.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: sdkgen generate --model <FILE>... --out <FILE> [--operations A,B,...]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) != Some("generate") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut models = Vec::new();
    let mut out = None;
    let mut settings = sdkgen::Settings::default();
    let mut it = args.into_iter().skip(1);
    while let Some(arg) = it.next() {
        match (arg.as_str(), it.next()) {
            ("--model", Some(v)) => models.push(PathBuf::from(v)),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--operations", Some(v)) => {
                settings.operations = Some(v.split(',').map(str::to_owned).collect())
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
    match sdkgen::build(&models, &out, &settings) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{e}");
            ExitCode::FAILURE
        }
    }
}
