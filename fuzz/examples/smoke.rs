//! The front ends' smoke run, without libFuzzer: N deterministic mutations
//! of each model (`model/chime.openapi.json`, `model/chime.json`) through
//! `sdkgen::generate`, counting panics and outputs that do not parse, then
//! `cargo check --offline` of up to K distinct accepted outputs per model
//! (one crate each, one shared target directory, so the runtime's
//! dependencies are checked once). Exits 1 on a panic, an output that does
//! not parse, or a sampled output that does not compile; the inputs of such
//! findings are written to `--save` (replay them with `--replay`).
//!
//! ```text
//! cargo run --locked --no-default-features --example smoke -- \
//!     [--mutations N] [--check K] [--work DIR] [--save DIR] [--only openapi|smithy]
//! cargo run --locked --no-default-features --example smoke -- \
//!     --replay <openapi_import|smithy_mutations> FILE... [--check K]
//! ```

use chime_sdk_fuzz::Target;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;

/// Panic messages (with locations) since the last [`take_panics`], from any
/// thread: `generate` formats on worker threads and turns their panics into
/// errors, so the hook is where they are seen.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn take_panics() -> Vec<String> {
    std::mem::take(&mut *PANICS.lock().unwrap_or_else(|e| e.into_inner()))
}

struct Opts {
    mutations: usize,
    check: usize,
    work: PathBuf,
    save: PathBuf,
    only: Option<Target>,
    replay: Option<(Target, Vec<PathBuf>)>,
}

fn target_named(name: &str) -> Option<Target> {
    match name {
        "openapi" | "openapi_import" => Some(Target::OpenApi),
        "smithy" | "smithy_mutations" => Some(Target::Smithy),
        _ => None,
    }
}

fn opts() -> Result<Opts, String> {
    let fuzz_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| fuzz_dir.join("target"));
    let mut o = Opts {
        mutations: 200,
        check: 3,
        work: target_dir.join("smoke"),
        save: fuzz_dir.join("artifacts/smoke"),
        only: None,
        replay: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--mutations" => o.mutations = value()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--check" => o.check = value()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--work" => o.work = value()?.into(),
            "--save" => o.save = value()?.into(),
            "--only" => {
                let v = value()?;
                o.only = Some(target_named(&v).ok_or(format!("unknown target {v}"))?);
            }
            "--replay" => {
                let v = value()?;
                let t = target_named(&v).ok_or(format!("unknown target {v}"))?;
                let files: Vec<PathBuf> = args.by_ref().map(PathBuf::from).collect();
                o.replay = Some((t, files));
            }
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(o)
}

/// splitmix64: the mutation inputs are the same on every run.
fn input(target: Target, i: usize) -> Vec<u8> {
    let mut state = (i as u64) ^ ((target as u64 + 1) << 40) ^ 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let len = 8 + (next() % 160) as usize;
    let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
    // A leading `{` would make the OpenAPI input a raw document.
    if bytes[0] == b'{' || bytes[0].is_ascii_whitespace() {
        bytes[0] = 0;
    }
    bytes
}

enum Outcome {
    Accepted(sdkgen::Generated),
    Rejected(String),
    Panicked(String),
}

/// `generate` on the model an input makes, panics caught and recorded.
fn outcome(target: Target, data: &[u8]) -> Outcome {
    take_panics();
    let model = target.model(data);
    let result = std::panic::catch_unwind(|| {
        sdkgen::generate(std::slice::from_ref(&model), &sdkgen::Settings::default())
    });
    let panics = take_panics();
    if let Some(first) = panics.into_iter().next() {
        return Outcome::Panicked(first);
    }
    match result {
        Ok(Ok(g)) => match syn::parse_file(&g.code) {
            Ok(_) => Outcome::Accepted(g),
            Err(e) => Outcome::Panicked(format!(
                "generate accepted the model but its output is not Rust: {e}"
            )),
        },
        Ok(Err(e)) => Outcome::Rejected(e.to_string().lines().next().unwrap_or("").to_owned()),
        Err(_) => Outcome::Panicked("a panic without a message".into()),
    }
}

/// `cargo check` of one accepted output as a crate: the number of
/// warnings in the generated code, or the first errors.
fn check(
    g: &sdkgen::Generated,
    dir: &Path,
    name: &str,
    target_dir: &Path,
) -> Result<usize, String> {
    sdkgen::write_generated_crate(g, &["x"], dir, Some(name)).map_err(|e| e.to_string())?;
    // The workspace's lock file: the same dependency versions as the main
    // build, and nothing to resolve offline.
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    if lock.exists() && !dir.join("Cargo.lock").exists() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).map_err(|e| e.to_string())?;
    }
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--offline", "--quiet", "--message-format=short"])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target_dir)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let errors: Vec<&str> = stderr
            .lines()
            .filter(|l| l.contains("error"))
            .take(5)
            .collect();
        return Err(if errors.is_empty() {
            stderr.into_owned()
        } else {
            errors.join("\n")
        });
    }
    Ok(stderr
        .lines()
        .filter(|l| l.contains("src/lib.rs:") && l.contains("warning"))
        .count())
}

fn save(dir: &Path, name: &str, data: &[u8]) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let path = dir.join(name);
    let _ = std::fs::write(&path, data);
    path
}

/// A panic without the names in its message: its locations and wording.
fn panic_key(p: &str) -> String {
    let mut key = String::new();
    let mut quoted = false;
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quoted => {
                chars.next();
            }
            '"' => {
                quoted = !quoted;
                key.push('"');
            }
            _ if quoted => {}
            _ => key.push(c),
        }
    }
    key
}

fn code_hash(code: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    code.hash(&mut h);
    h.finish()
}

/// What the child process reports per input, one line each.
enum Line {
    Accepted(u64),
    Rejected,
    Panicked(String),
    /// The process died on this input (a stack overflow, an abort).
    Died(String),
}

/// Child mode: classifies inputs `jobs` (indices, or files) and prints one
/// line per input, so that an input that kills the process (a stack
/// overflow cannot be caught) is the one after the last line printed.
fn child(target: Target, jobs: &[String]) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for job in jobs {
        let data = match job.parse::<usize>() {
            Ok(i) => input(target, i),
            Err(_) => std::fs::read(job).unwrap_or_default(),
        };
        let line = match outcome(target, &data) {
            Outcome::Accepted(g) => format!("accepted {}", code_hash(&g.code)),
            Outcome::Rejected(_) => "rejected".to_owned(),
            Outcome::Panicked(p) => format!("panic {p}"),
        };
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    }
    ExitCode::SUCCESS
}

/// Runs `jobs` in child processes, restarting after an input that kills
/// one; returns one line per job.
fn classify(target: Target, jobs: &[String]) -> Vec<Line> {
    let exe = std::env::current_exe().expect("the smoke binary's path");
    let mut lines = Vec::with_capacity(jobs.len());
    while lines.len() < jobs.len() {
        let rest = &jobs[lines.len()..];
        let output = Command::new(&exe)
            .arg("--child")
            .arg(target.name())
            .args(rest)
            .output()
            .expect("the smoke binary runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let before = lines.len();
        for l in stdout.lines().take(rest.len()) {
            lines.push(if let Some(h) = l.strip_prefix("accepted ") {
                Line::Accepted(h.parse().unwrap_or(0))
            } else if let Some(p) = l.strip_prefix("panic ") {
                Line::Panicked(p.to_owned())
            } else {
                Line::Rejected
            });
        }
        if lines.len() < jobs.len() && (!output.status.success() || lines.len() == before) {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let why = stderr
                .lines()
                .rfind(|l| !l.trim().is_empty())
                .unwrap_or("no message")
                .to_owned();
            lines.push(Line::Died(format!(
                "the process died ({}): {why}",
                output.status
            )));
        }
    }
    lines
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // Where in the generator: the innermost frame in codegen/src (a
        // panic inside `quote` or `proc_macro2` says little by itself).
        let trace = std::backtrace::Backtrace::force_capture().to_string();
        let frame = trace
            .lines()
            .filter_map(|l| l.trim().strip_prefix("at "))
            .find(|l| l.contains("codegen/src/"))
            .map(|l| {
                format!(
                    " [generator frame: {}]",
                    &l[l.find("codegen/src/").unwrap_or(0)..]
                )
            })
            .unwrap_or_default();
        PANICS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(format!("{}{frame}", info.to_string().replace('\n', " ")));
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, target, jobs @ ..] = args.as_slice() {
        if flag == "--child" {
            return match target_named(target) {
                Some(t) => child(t, jobs),
                None => ExitCode::from(2),
            };
        }
    }
    let o = match opts() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("smoke: {e}");
            return ExitCode::from(2);
        }
    };
    let check_target = o.work.join("target");
    let mut failed = false;

    if let Some((target, files)) = &o.replay {
        let jobs: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let mut checked = 0;
        for (file, line) in jobs.iter().zip(classify(*target, &jobs)) {
            match line {
                Line::Panicked(p) | Line::Died(p) => {
                    failed = true;
                    println!("{file}: PANIC {p}");
                }
                Line::Rejected => {
                    let data = std::fs::read(file).unwrap_or_default();
                    let why = match outcome(*target, &data) {
                        Outcome::Rejected(e) => e,
                        _ => String::new(),
                    };
                    println!("{file}: rejected: {why}");
                }
                Line::Accepted(_) if checked < o.check => {
                    let data = std::fs::read(file).unwrap_or_default();
                    let Outcome::Accepted(g) = outcome(*target, &data) else {
                        continue;
                    };
                    let dir = o.work.join(format!("replay-{checked}"));
                    let name = format!("smoke-replay-{checked}");
                    checked += 1;
                    match check(&g, &dir, &name, &check_target) {
                        Ok(w) => println!("{file}: accepted; compiles ({w} warnings)"),
                        Err(e) => {
                            failed = true;
                            println!(
                                "{file}: accepted; DOES NOT COMPILE ({}):\n{e}",
                                dir.display()
                            );
                        }
                    }
                }
                Line::Accepted(_) => println!("{file}: accepted; parses"),
            }
        }
        return if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }

    for target in [Target::OpenApi, Target::Smithy] {
        if o.only.is_some_and(|t| t != target) {
            continue;
        }
        let baseline = match outcome(target, &[]) {
            Outcome::Accepted(g) => code_hash(&g.code),
            _ => 0,
        };
        let jobs: Vec<String> = (0..o.mutations).map(|i| i.to_string()).collect();
        let (mut accepted, mut rejected, mut panicked) = (0, 0, 0);
        let mut distinct: Vec<String> = Vec::new();
        let mut sample: Vec<(usize, u64)> = Vec::new();
        for (i, line) in classify(target, &jobs).into_iter().enumerate() {
            match line {
                Line::Accepted(h) => {
                    accepted += 1;
                    let new = h != baseline && sample.iter().all(|(_, s)| *s != h);
                    if new && sample.len() < o.check {
                        sample.push((i, h));
                    }
                }
                Line::Rejected => rejected += 1,
                Line::Panicked(p) | Line::Died(p) => {
                    panicked += 1;
                    // One line per distinct panic location and message.
                    let key = panic_key(&p);
                    if !distinct.contains(&key) {
                        let data = input(target, i);
                        let path = save(&o.save, &format!("{}-panic-{i}", target.name()), &data);
                        println!(
                            "  {} mutation {i} PANIC ({}): {p}",
                            target.name(),
                            path.display()
                        );
                        distinct.push(key);
                    }
                }
            }
        }
        let mut compiled = 0;
        for (i, _) in &sample {
            let Outcome::Accepted(g) = outcome(target, &input(target, *i)) else {
                continue;
            };
            let name = format!("smoke-{}-{i}", target.name().replace('_', "-"));
            let dir = o.work.join(&name);
            match check(&g, &dir, &name, &check_target) {
                Ok(w) => {
                    compiled += 1;
                    println!(
                        "  {} mutation {i}: accepted output compiles ({w} warnings)",
                        target.name()
                    );
                }
                Err(e) => {
                    failed = true;
                    let path = save(
                        &o.save,
                        &format!("{}-compile-{i}", target.name()),
                        &input(target, *i),
                    );
                    println!(
                        "  {} mutation {i}: accepted output DOES NOT COMPILE (crate {}, input {}):\n{e}",
                        target.name(),
                        dir.display(),
                        path.display()
                    );
                }
            }
        }
        failed |= panicked > 0;
        println!(
            "smoke {}: {} mutations, {accepted} accepted, {rejected} rejected, {panicked} panicked ({} distinct); {compiled}/{} sampled accepted outputs compile",
            target.name(),
            o.mutations,
            distinct.len(),
            sample.len()
        );
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
