//! The `sdkgen` command line.
//!
//! `sdkgen generate --model <FILE>... --out <DIR> [--crate-name NAME] [--service SHAPE_ID] [--operations A,B,...]`
//! writes a complete crate (Cargo.toml, src/lib.rs) for the models; the
//! model's `smithy.rules#endpointTests` cases are in it as an integration
//! test, `tests/endpoints.rs` (`cargo test --test endpoints` in the crate).
//! Exit status: 0 on success, 1 with located errors on a bad model, 2 on a
//! bad command line.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: sdkgen generate --model <FILE>... --out <DIR> [--crate-name NAME] [--service SHAPE_ID] [--operations A,B,...]
       sdkgen diff <OLD> <NEW> [--format text|json] [--service SHAPE_ID]
       sdkgen openapi --model <FILE> [--out FILE] [--service SHAPE_ID]
       sdkgen corpus <DIR> [--out DIR] [--protocol NAME] [--check all|none|A,B,...] [--target-dir DIR] [--expected-failures FILE]
                     [--endpoint-tests] [--partitions FILE] [--endpoint-expected-failures FILE]";

mod corpus;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("generate") => {}
        Some("diff") => return diff(&args[1..]),
        Some("openapi") => return openapi(&args[1..]),
        Some("corpus") => return corpus(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
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

/// `sdkgen diff OLD NEW`: exit 0 when nothing is breaking, 1 when something
/// is, 2 when a model cannot be read (or on a bad command line).
fn diff(args: &[String]) -> ExitCode {
    let mut files = Vec::new();
    let mut json = false;
    let mut settings = sdkgen::Settings::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match (arg.as_str(), it.clone().next()) {
            ("--format", Some(f)) if f == "json" || f == "text" => {
                json = f == "json";
                it.next();
            }
            ("--service", Some(s)) => {
                settings.service = Some(s.clone());
                it.next();
            }
            (a, _) if !a.starts_with("--") => files.push(PathBuf::from(a)),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let [old, new] = files.as_slice() else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let load = |p: &PathBuf| sdkgen::load(std::slice::from_ref(p), &settings);
    let (old, new) = match (load(old), load(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprint!("{e}");
            return ExitCode::from(2);
        }
    };
    let changes = sdkgen::diff::diff(&old, &new);
    if json {
        println!("{}", sdkgen::diff::render_json(&changes));
    } else {
        print!("{}", sdkgen::diff::render_text(&changes));
    }
    if changes.iter().any(|c| c.breaking) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `sdkgen openapi --model FILE`: the model as an OpenAPI 3.0 document.
fn openapi(args: &[String]) -> ExitCode {
    let mut model = None;
    let mut out = None;
    let mut settings = sdkgen::Settings::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match (arg.as_str(), it.next()) {
            ("--model", Some(v)) => model = Some(PathBuf::from(v)),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--service", Some(v)) => settings.service = Some(v.clone()),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(model) = model else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let service = match sdkgen::load(&[model], &settings) {
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
    match out {
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

/// `sdkgen corpus DIR`: every model of a folder generated, the chosen ones
/// checked; exit 0 when all generated and checked clean.
fn corpus(args: &[String]) -> ExitCode {
    let mut dir = None;
    let mut out = std::env::temp_dir().join("sdkgen-corpus");
    let mut protocol = None;
    let mut check = corpus::CheckSet::None;
    let mut target_dir = None;
    let mut expected_failures = None;
    let mut endpoint_tests = false;
    let mut partitions = None;
    let mut endpoint_expected_failures = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match (arg.as_str(), it.clone().next()) {
            ("--out", Some(v)) => out = PathBuf::from(v),
            ("--protocol", Some(v)) => protocol = Some(v.clone()),
            ("--check", Some(v)) => {
                check = match v.as_str() {
                    "all" => corpus::CheckSet::All,
                    "none" => corpus::CheckSet::None,
                    list => corpus::CheckSet::Named(list.split(',').map(str::to_owned).collect()),
                }
            }
            ("--target-dir", Some(v)) => target_dir = Some(PathBuf::from(v)),
            ("--expected-failures", Some(v)) => expected_failures = Some(PathBuf::from(v)),
            ("--endpoint-tests", _) => {
                endpoint_tests = true;
                continue;
            }
            ("--partitions", Some(v)) => partitions = Some(PathBuf::from(v)),
            ("--endpoint-expected-failures", Some(v)) => {
                endpoint_expected_failures = Some(PathBuf::from(v))
            }
            (a, _) if !a.starts_with("--") && dir.is_none() => {
                dir = Some(PathBuf::from(a));
                continue;
            }
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
        it.next();
    }
    let Some(dir) = dir else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let target_dir = target_dir.unwrap_or_else(|| out.join("target"));
    corpus::run(&corpus::Options {
        dir,
        out,
        protocol,
        check,
        target_dir,
        expected_failures,
        endpoint_tests,
        partitions,
        endpoint_expected_failures,
    })
}
