//! `sdkgen corpus DIR`: generates every model of a folder and reports, per
//! model, whether it generated (time, lines, warnings) or its first error;
//! then `cargo check`s the crates asked for, all in one target directory,
//! counting the warnings rustc reports in generated code; with
//! `--endpoint-tests`, runs each checked crate's `tests/endpoints.rs` (the
//! model's `endpointTests` cases through the crate's `DefaultResolver`) and
//! counts the cases that pass.
//!
//! This is how the generator is measured on models it was not written for
//! (the AWS models in `../shared/models/aws`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// What to `cargo check` after generating.
#[derive(Debug, Clone)]
pub enum CheckSet {
    /// Nothing.
    None,
    /// Every model that generated.
    All,
    /// These models, by file stem (`appflow-2020-08-23`) or its service
    /// part (`appflow`).
    Named(Vec<String>),
}

/// Options of one corpus run.
#[derive(Debug)]
pub struct Options {
    /// The folder of models (`*.json`, `*.yaml`, `*.yml`).
    pub dir: PathBuf,
    /// Where the generated crates go (one folder per model).
    pub out: PathBuf,
    /// Only models of this protocol (`restJson1`, `awsJson1_0`, ...).
    pub protocol: Option<String>,
    /// What to check.
    pub check: CheckSet,
    /// The shared target directory of the checks.
    pub target_dir: PathBuf,
    /// A file listing models expected to fail generation, one file stem a
    /// line (`#` starts a comment: the reason). A listed model that
    /// generates fails the run too, so the list only shrinks.
    pub expected_failures: Option<PathBuf>,
    /// Run the endpoint test cases of every checked crate that has them
    /// (`cargo test --test endpoints`).
    pub endpoint_tests: bool,
    /// The AWS partitions the endpoint cases run on
    /// (`SDKGEN_ENDPOINT_PARTITIONS` of the generated tests): those the
    /// models' cases were written against. Default: the embedded ones.
    pub partitions: Option<PathBuf>,
    /// Endpoint cases expected to fail, one a line: `model case-index
    /// reason` (`#` starts a comment). A listed case of a model that ran and
    /// passed fails the run too.
    pub endpoint_expected_failures: Option<PathBuf>,
    /// The runtime the generated crates depend on.
    pub runtime: sdkgen::RuntimeDep,
}

/// The models of an expected-failures file.
fn read_expected(path: &Path) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

/// The endpoint cases of an expected-failures file, as (model, case index).
fn read_expected_cases(path: &Path) -> Result<Vec<(String, usize)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let mut words = line.split_whitespace();
        match (words.next(), words.next().map(str::parse::<usize>)) {
            (Some(model), Some(Ok(index))) => cases.push((model.to_owned(), index)),
            _ => {
                return Err(format!(
                    "{}:{}: expected `model case-index reason`",
                    path.display(),
                    n + 1
                ))
            }
        }
    }
    Ok(cases)
}

/// One model's outcome.
struct Row {
    stem: String,
    protocol: String,
    generated: Result<Generated, String>,
    check: Option<Result<usize, String>>,
    endpoints: Option<Result<EndpointRun, String>>,
}

/// The endpoint cases of one crate: those that passed and those that
/// failed, by case index, and the time of the test build and run.
struct EndpointRun {
    passed: usize,
    failed: Vec<usize>,
    time: Duration,
}

struct Generated {
    time: Duration,
    lines: usize,
    warnings: usize,
    /// Operations skipped with a warning (OpenAPI documents).
    skipped: usize,
    /// Why, by message with the names in it left out, and how often.
    skip_reasons: std::collections::BTreeMap<String, usize>,
}

/// A warning's message without what is between backticks, so that one
/// reason is counted once.
fn reason(message: &str) -> String {
    let mut out = String::new();
    for (i, part) in message.split('`').enumerate() {
        out.push_str(if i % 2 == 0 { part } else { "…" });
    }
    out
}

/// The protocol trait of the model's service shape (the first service),
/// without its namespace: `restJson1`, `awsJson1_1`, or `none`.
fn protocol_of(text: &str) -> String {
    if sdkgen::openapi::is_openapi(text) {
        return "openapi".into();
    }
    let Ok(json) = serde_json::from_str::<serde_json::Value>(text) else {
        return "unreadable".into();
    };
    let shapes = json.get("shapes").and_then(|s| s.as_object());
    let service = shapes.and_then(|shapes| {
        shapes
            .values()
            .find(|s| s.get("type").and_then(|t| t.as_str()) == Some("service"))
    });
    let traits = service
        .and_then(|s| s.get("traits"))
        .and_then(|t| t.as_object());
    const PROTOCOLS: [&str; 7] = [
        "aws.protocols#restJson1",
        "aws.protocols#awsJson1_0",
        "aws.protocols#awsJson1_1",
        "aws.protocols#restXml",
        "aws.protocols#awsQuery",
        "aws.protocols#ec2Query",
        "smithy.protocols#rpcv2Cbor",
    ];
    traits
        .and_then(|t| t.keys().find(|k| PROTOCOLS.contains(&k.as_str())))
        .and_then(|k| k.split('#').nth(1))
        .unwrap_or("none")
        .to_owned()
}

fn selected(check: &CheckSet, stem: &str) -> bool {
    match check {
        CheckSet::None => false,
        CheckSet::All => true,
        CheckSet::Named(names) => names.iter().any(|n| {
            n == stem
                || stem.strip_prefix(n.as_str()).is_some_and(|rest| {
                    rest.starts_with('-') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
                })
        }),
    }
}

/// Runs the corpus; prints the table and returns 0 when every selected
/// model generated and every checked crate checked without warnings.
pub fn run(opts: &Options) -> ExitCode {
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&opts.dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| e == "json" || e == "yaml" || e == "yml")
            })
            .collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", opts.dir.display());
            return ExitCode::from(2);
        }
    };
    paths.sort();
    let expected = match opts.expected_failures.as_deref().map(read_expected) {
        None => Vec::new(),
        Some(Ok(list)) => list,
        Some(Err(e)) => {
            eprintln!("cannot read the expected failures: {e}");
            return ExitCode::from(2);
        }
    };
    let expected_cases = match opts
        .endpoint_expected_failures
        .as_deref()
        .map(read_expected_cases)
    {
        None => Vec::new(),
        Some(Ok(list)) => list,
        Some(Err(e)) => {
            eprintln!("cannot read the expected endpoint failures: {e}");
            return ExitCode::from(2);
        }
    };
    let mut rows = Vec::new();
    for path in &paths {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                rows.push(Row {
                    stem,
                    protocol: "unreadable".into(),
                    generated: Err(format!("cannot read: {e}")),
                    check: None,
                    endpoints: None,
                });
                continue;
            }
        };
        let protocol = protocol_of(&text);
        if opts.protocol.as_ref().is_some_and(|p| *p != protocol) {
            continue;
        }
        rows.push(generate_one(opts, path, &stem, protocol, text));
    }
    let to_check: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].generated.is_ok() && selected(&opts.check, &rows[i].stem))
        .collect();
    let check_start = Instant::now();
    for i in to_check {
        let dir = opts.out.join(&rows[i].stem);
        eprintln!("checking {}", rows[i].stem);
        rows[i].check = Some(cargo_check(&dir, &opts.target_dir));
        if opts.endpoint_tests && dir.join("tests/endpoints.rs").exists() {
            eprintln!("running the endpoint cases of {}", rows[i].stem);
            rows[i].endpoints = Some(endpoint_cases(
                &dir,
                &opts.target_dir,
                opts.partitions.as_deref(),
            ));
        }
    }
    let check_time = check_start.elapsed();
    print!("{}", report(&rows, check_time));
    let mut failed = false;
    for r in &rows {
        let listed = expected.contains(&r.stem);
        match (&r.generated, listed) {
            (Err(_), false) => failed = true,
            (Ok(_), true) => {
                println!(
                    "{} generates now: remove it from the expected failures",
                    r.stem
                );
                failed = true;
            }
            _ => {}
        }
        if r.check.as_ref().is_some_and(|c| !matches!(c, Ok(0))) {
            failed = true;
        }
        match &r.endpoints {
            None => {}
            Some(Err(e)) => {
                println!("{}: the endpoint cases did not run: {e}", r.stem);
                failed = true;
            }
            Some(Ok(run)) => {
                let listed = |i: &usize| expected_cases.contains(&(r.stem.clone(), *i));
                for i in run.failed.iter().filter(|i| !listed(i)) {
                    println!("{}: endpoint_case_{i} FAILED", r.stem);
                    failed = true;
                }
                for (_, i) in expected_cases
                    .iter()
                    .filter(|(m, i)| *m == r.stem && !run.failed.contains(i))
                {
                    println!(
                        "{}: endpoint_case_{i} passes now: remove it from the expected endpoint failures",
                        r.stem
                    );
                    failed = true;
                }
            }
        }
    }
    if !expected.is_empty() {
        let listed_failed = rows
            .iter()
            .filter(|r| r.generated.is_err() && expected.contains(&r.stem))
            .count();
        println!(
            "expected failures: {} listed, {listed_failed} of them failed",
            expected.len()
        );
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn generate_one(opts: &Options, path: &Path, stem: &str, protocol: String, text: String) -> Row {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let start = Instant::now();
    // An OpenAPI document may refer to files beside it.
    let mut settings = sdkgen::Settings::default();
    settings.model_dir = path.parent().map(Path::to_owned);
    let result = sdkgen::generate(&[(name.clone(), text)], &settings);
    let time = start.elapsed();
    let generated = match result {
        Ok(g) => {
            let dir = opts.out.join(stem);
            // A package name is letters, digits, `-` and `_`.
            let crate_name: String = format!("corpus-{}", stem.to_ascii_lowercase())
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '_' {
                        c
                    } else {
                        '-'
                    }
                })
                .collect();
            match sdkgen::write_generated_crate(
                &g,
                &[&name],
                &dir,
                Some(&crate_name),
                &opts.runtime,
            ) {
                Ok(()) => {
                    // The repository's lock file pins the runtime's
                    // dependencies, so every crate checks against the same
                    // artifacts in the shared target directory.
                    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
                    if !dir.join("Cargo.lock").exists() {
                        let _ = std::fs::copy(lock, dir.join("Cargo.lock"));
                    }
                    Ok(Generated {
                        time,
                        lines: g.code.lines().count(),
                        warnings: g.warnings.len(),
                        skipped: g
                            .warnings
                            .iter()
                            .filter(|w| w.message.starts_with("operation skipped"))
                            .count(),
                        skip_reasons: g
                            .warnings
                            .iter()
                            .filter(|w| w.message.starts_with("operation skipped"))
                            .fold(Default::default(), |mut m, w| {
                                *m.entry(reason(&w.message)).or_insert(0) += 1;
                                m
                            }),
                    })
                }
                Err(e) => Err(first_error(&e)),
            }
        }
        Err(e) => Err(first_error(&e)),
    };
    Row {
        stem: stem.to_owned(),
        protocol,
        generated,
        check: None,
        endpoints: None,
    }
}

/// The first error of a failed generation (errors sort before warnings),
/// with the number of errors.
fn first_error(e: &sdkgen::Error) -> String {
    let errors: Vec<_> = e
        .diagnostics
        .iter()
        .filter(|d| d.severity == sdkgen::Severity::Error)
        .collect();
    match errors.first() {
        Some(d) => format!(
            "{} error(s); first: {}: {}",
            errors.len(),
            d.location,
            d.message
        ),
        None => "failed without a located error".into(),
    }
}

/// `cargo test --test endpoints` of one generated crate: the cases that
/// passed and failed, read from the test harness's lines
/// (`test endpoint_case_<n> ... ok|FAILED`).
fn endpoint_cases(
    dir: &Path,
    target_dir: &Path,
    partitions: Option<&Path>,
) -> Result<EndpointRun, String> {
    let start = Instant::now();
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .arg("test")
        .arg("--message-format=short")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .arg("--test")
        .arg("endpoints")
        .env("CARGO_TARGET_DIR", target_dir);
    match partitions {
        // The tests run in the crate's folder: an absolute path.
        Some(p) => command.env(
            "SDKGEN_ENDPOINT_PARTITIONS",
            std::path::absolute(p).unwrap_or_else(|_| p.to_owned()),
        ),
        None => command.env_remove("SDKGEN_ENDPOINT_PARTITIONS"),
    };
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let (mut passed, mut failed) = (0, Vec::new());
    for line in stdout.lines() {
        let Some(rest) = line.strip_prefix("test endpoint_case_") else {
            continue;
        };
        let Some((index, outcome)) = rest.split_once(" ... ") else {
            continue;
        };
        let Ok(index) = index.parse::<usize>() else {
            continue;
        };
        match outcome.trim() {
            "ok" => passed += 1,
            _ => failed.push(index),
        }
    }
    if passed + failed.len() == 0 {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .find(|l| l.contains("error"))
            .unwrap_or("no endpoint case ran");
        return Err(first.to_owned());
    }
    failed.sort_unstable();
    Ok(EndpointRun {
        passed,
        failed,
        time: start.elapsed(),
    })
}

/// `cargo check` of one generated crate: the number of warnings in it, or
/// the first error.
fn cargo_check(dir: &Path, target_dir: &Path) -> Result<usize, String> {
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .arg("check")
        .arg("--quiet")
        .arg("--message-format=short")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let mine = |l: &&str| l.starts_with("src/") || l.contains("/src/lib.rs:");
    if !output.status.success() {
        let first = stderr
            .lines()
            .find(|l| l.contains("error"))
            .unwrap_or("cargo check failed");
        return Err(first.to_owned());
    }
    let warnings = stderr
        .lines()
        .filter(mine)
        .filter(|l| l.contains("warning"))
        .count();
    Ok(warnings)
}

fn report(rows: &[Row], check_time: Duration) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<48} {:<11} {:>9} {:>8} {:>5} {:>5}  result",
        "model", "protocol", "gen ms", "lines", "warn", "skip"
    );
    let (mut ok, mut checked, mut clean) = (0, 0, 0);
    let (mut cases_passed, mut cases_failed, mut case_crates) = (0, 0, 0);
    let mut case_time = Duration::ZERO;
    let mut total = Duration::ZERO;
    for r in rows {
        let (ms, lines, warns, skips, result) = match &r.generated {
            Ok(g) => {
                ok += 1;
                total += g.time;
                let check = match &r.check {
                    None => "generated".to_owned(),
                    Some(Ok(0)) => {
                        checked += 1;
                        clean += 1;
                        "generated, checked clean".to_owned()
                    }
                    Some(Ok(n)) => {
                        checked += 1;
                        format!("generated, checked with {n} warning(s)")
                    }
                    Some(Err(e)) => {
                        checked += 1;
                        format!("generated, check FAILED: {e}")
                    }
                };
                let check = match &r.endpoints {
                    None => check,
                    Some(Ok(run)) => {
                        case_crates += 1;
                        cases_passed += run.passed;
                        cases_failed += run.failed.len();
                        case_time += run.time;
                        format!(
                            "{check}; endpoint cases {}/{} ({:.1} s)",
                            run.passed,
                            run.passed + run.failed.len(),
                            run.time.as_secs_f64()
                        )
                    }
                    Some(Err(e)) => format!("{check}; endpoint cases FAILED to run: {e}"),
                };
                (
                    format!("{:.1}", g.time.as_secs_f64() * 1000.0),
                    g.lines.to_string(),
                    g.warnings.to_string(),
                    g.skipped.to_string(),
                    check,
                )
            }
            Err(e) => (
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                format!("FAILED: {e}"),
            ),
        };
        let _ = writeln!(
            out,
            "{:<48} {:<11} {ms:>9} {lines:>8} {warns:>5} {skips:>5}  {result}",
            r.stem, r.protocol
        );
    }
    let documents: Vec<&Row> = rows.iter().filter(|r| r.protocol == "openapi").collect();
    if !documents.is_empty() {
        let generated = documents.iter().filter(|r| r.generated.is_ok()).count();
        let clean = documents
            .iter()
            .filter(|r| matches!(r.check, Some(Ok(0))))
            .count();
        let skipped: usize = documents
            .iter()
            .filter_map(|r| r.generated.as_ref().ok())
            .map(|g| g.skipped)
            .sum();
        for r in &documents {
            let Ok(g) = &r.generated else { continue };
            for (why, n) in &g.skip_reasons {
                let _ = writeln!(out, "  {}: {n} × {why}", r.stem);
            }
        }
        let _ = writeln!(
            out,
            "openapi documents: {generated} of {} generate, {clean} checked clean; {skipped} operations skipped with a warning",
            documents.len()
        );
    }
    let _ = writeln!(
        out,
        "corpus: {} models, {ok} generated, {} failed; generation {:.2} s in all; \
         {checked} checked, {clean} clean, check {:.1} s",
        rows.len(),
        rows.len() - ok,
        total.as_secs_f64(),
        check_time.as_secs_f64()
    );
    if case_crates > 0 {
        let _ = writeln!(
            out,
            "endpoint cases: {cases_passed} passed, {cases_failed} failed, of {} in {case_crates} crates; \
             test builds and runs {:.1} s",
            cases_passed + cases_failed,
            case_time.as_secs_f64()
        );
    }
    out
}
