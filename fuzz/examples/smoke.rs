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
//! cargo run --locked --no-default-features --example smoke -- \
//!     --dump <openapi_import|smithy_mutations> FILE...   # the model an input makes
//! cargo run --locked --no-default-features --example smoke -- \
//!     --minimize <openapi_import|smithy_mutations> IN OUT  # a small model, same panic
//! cargo run --locked --no-default-features --example smoke -- \
//!     --minimize-compile <target> IN OUT  # a small model, same first rustc error code
//! ```

use chime_sdk_fuzz::Target;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;

/// Panic messages (with locations) since the last [`take_panics`], from any
/// thread: `generate` formats on worker threads and turns their panics into
/// errors, so the hook is where they are seen.
static PANICS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Whether [`outcome`] is running `generate` (whose panics are findings to
/// collect); any other panic is this program's own and is printed.
static CAPTURING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

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
    let mut args = std::env::args().skip(1).peekable();
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
                // Files up to the next option.
                let mut files = Vec::new();
                while let Some(f) = args.next_if(|a| !a.starts_with("--")) {
                    files.push(PathBuf::from(f));
                }
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
    CAPTURING.store(true, std::sync::atomic::Ordering::SeqCst);
    let result = std::panic::catch_unwind(|| {
        sdkgen::generate(std::slice::from_ref(&model), &sdkgen::Settings::default())
    });
    CAPTURING.store(false, std::sync::atomic::Ordering::SeqCst);
    let panics = take_panics();
    // The first panic is the finding; the others (formatting threads
    // panic independently) matter to --minimize.
    if !panics.is_empty() {
        return Outcome::Panicked(panics.join("\n"));
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
    sdkgen::write_generated_crate(
        g,
        &["x"],
        dir,
        Some(name),
        &sdkgen::checkout_runtime().map_or(sdkgen::RuntimeDep::Release, sdkgen::RuntimeDep::Path),
    ).map_err(|e| e.to_string())?;
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
            Outcome::Panicked(p) => format!("panic {}", p.lines().next().unwrap_or("")),
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
        let output = match Command::new(&exe)
            .arg("--child")
            .arg(target.name())
            .args(rest)
            .output()
        {
            Ok(o) => o,
            Err(e) => {
                eprintln!("smoke: cannot run {}: {e}", exe.display());
                while lines.len() < jobs.len() {
                    lines.push(Line::Died(format!("cannot run the child process: {e}")));
                }
                break;
            }
        };
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

/// Shrinks the model a panicking input makes to a small JSON document that
/// panics the same way (same message, names aside, and generator frames):
/// removes object entries and array items while the panic stays, then
/// shortens strings. Writes the document (a raw input: it starts with `{`).
fn minimize(target: Target, from: &Path, to: &Path) -> ExitCode {
    use serde_json::Value;
    let data = std::fs::read(from).unwrap_or_default();
    let key = match outcome(target, &data) {
        Outcome::Panicked(p) => panic_key(p.lines().next().unwrap_or("")),
        _ => {
            eprintln!("{}: does not panic", from.display());
            return ExitCode::FAILURE;
        }
    };
    println!("minimizing for: {key}");
    let Ok(mut doc) = serde_json::from_str::<Value>(&target.model(&data).1) else {
        eprintln!("{}: the model is not JSON", from.display());
        return ExitCode::FAILURE;
    };
    let same = |v: &Value| {
        let text = serde_json::to_string(v).unwrap_or_default();
        // Any of its panics: parts are formatted on several threads, so
        // which of several panics comes first may vary.
        matches!(outcome(target, text.as_bytes()), Outcome::Panicked(p) if p.lines().any(|l| panic_key(l) == key))
    };
    if !same(&doc) {
        eprintln!("the model as a raw input does not panic the same way");
        return ExitCode::FAILURE;
    }
    let mut tries = 0;
    loop {
        let mut changed = false;
        // Parents before children: a whole subtree goes at once.
        let mut all = chime_sdk_fuzz::common::pointers(&doc);
        all.reverse();
        for at in all {
            let Some((parent, last)) = at.rsplit_once('/') else {
                continue;
            };
            let last = last.replace("~1", "/").replace("~0", "~");
            let mut candidate = doc.clone();
            let removed = match candidate.pointer_mut(parent) {
                Some(Value::Object(o)) => o.shift_remove(&last).is_some(),
                Some(Value::Array(a)) => match last.parse::<usize>() {
                    Ok(i) if i < a.len() => {
                        a.remove(i);
                        true
                    }
                    _ => false,
                },
                _ => false,
            };
            tries += 1;
            if removed && same(&candidate) {
                doc = candidate;
                changed = true;
            }
        }
        // Odd strings, values and keys, to the plainest odd string that
        // keeps the panic (random Unicode becomes `-`, say).
        const PLAIN: &[&str] = &["x", "-", "", "9x", "a-b", "\u{200b}", "\u{9d6}"];
        let simpler = |s: &str, c: &str| {
            c.len() < s.len()
                || (!s.is_ascii() && c.is_ascii()) && c.chars().count() <= s.chars().count()
        };
        for at in chime_sdk_fuzz::common::pointers(&doc) {
            let Some(Value::String(s)) = doc.pointer(&at) else {
                continue;
            };
            let s = s.clone();
            for c in PLAIN.iter().filter(|c| simpler(&s, c)) {
                let mut candidate = doc.clone();
                if let Some(slot) = candidate.pointer_mut(&at) {
                    *slot = Value::String((*c).into());
                }
                tries += 1;
                if same(&candidate) {
                    doc = candidate;
                    changed = true;
                    break;
                }
            }
        }
        for at in chime_sdk_fuzz::common::pointers(&doc) {
            let Some(Value::Object(o)) = doc.pointer(&at) else {
                continue;
            };
            for key in o.keys().cloned().collect::<Vec<_>>() {
                for c in PLAIN.iter().filter(|c| simpler(&key, c)) {
                    let mut candidate = doc.clone();
                    let Some(Value::Object(o)) = candidate.pointer_mut(&at) else {
                        continue;
                    };
                    if o.contains_key(*c) {
                        continue;
                    }
                    chime_sdk_fuzz::common::rename_key(o, &key, c);
                    // The key may be named elsewhere (a `$ref`, a target).
                    let text = serde_json::to_string(&candidate)
                        .unwrap_or_default()
                        .replace(&format!("#{key}\""), &format!("#{c}\""))
                        .replace(&format!("/{key}\""), &format!("/{c}\""));
                    let Ok(candidate) = serde_json::from_str::<Value>(&text) else {
                        continue;
                    };
                    tries += 1;
                    if same(&candidate) {
                        doc = candidate;
                        changed = true;
                        break;
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    if let Err(e) = std::fs::write(to, &text) {
        eprintln!("{}: {e}", to.display());
        return ExitCode::FAILURE;
    }
    println!("{} ({} bytes, {tries} tries)", to.display(), text.len());
    ExitCode::SUCCESS
}

/// The rustc error codes (`E0428`...) of a failed check, sorted.
fn error_codes(errors: &str) -> Vec<String> {
    let mut codes: Vec<String> = errors
        .split("error[")
        .skip(1)
        .filter_map(|e| e.split_once(']').map(|(c, _)| c.to_owned()))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// Like [`minimize`] for an accepted model whose output does not compile:
/// keeps removals after which the model is still accepted and the check
/// still fails with the first error code it failed with. A check takes
/// seconds, so only shapes, members, traits, paths, schemas and
/// properties are tried (JSON pointers up to 6 deep).
fn minimize_compile(target: Target, from: &Path, to: &Path) -> ExitCode {
    use serde_json::Value;
    let data = std::fs::read(from).unwrap_or_default();
    let Ok(mut doc) = serde_json::from_str::<Value>(&target.model(&data).1) else {
        eprintln!("{}: the model is not JSON", from.display());
        return ExitCode::FAILURE;
    };
    let dir = std::env::temp_dir().join(format!("smoke-minimize-{}", std::process::id()));
    let check_target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/smoke/target");
    let fails = |v: &Value| -> Vec<String> {
        let text = serde_json::to_string(v).unwrap_or_default();
        match outcome(target, text.as_bytes()) {
            Outcome::Accepted(g) => match check(&g, &dir, "smoke-minimize", &check_target) {
                Err(e) => error_codes(&e),
                Ok(_) => Vec::new(),
            },
            _ => Vec::new(),
        }
    };
    let Some(code) = fails(&doc).first().cloned() else {
        eprintln!(
            "{}: accepted output compiles, or is not accepted",
            from.display()
        );
        return ExitCode::FAILURE;
    };
    println!("minimizing for {code}");
    let mut tries = 0;
    loop {
        let mut changed = false;
        let mut all = chime_sdk_fuzz::common::pointers(&doc);
        all.retain(|p| p.matches('/').count() <= 6);
        all.reverse();
        for at in all {
            let Some((parent, last)) = at.rsplit_once('/') else {
                continue;
            };
            if doc.pointer(&at).is_none() {
                continue;
            }
            let last = last.replace("~1", "/").replace("~0", "~");
            let mut candidate = doc.clone();
            let removed = match candidate.pointer_mut(parent) {
                Some(Value::Object(o)) => o.shift_remove(&last).is_some(),
                Some(Value::Array(a)) => match last.parse::<usize>() {
                    Ok(i) if i < a.len() => {
                        a.remove(i);
                        true
                    }
                    _ => false,
                },
                _ => false,
            };
            if !removed {
                continue;
            }
            tries += 1;
            if fails(&candidate).contains(&code) {
                doc = candidate;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    if let Err(e) = std::fs::write(to, &text) {
        eprintln!("{}: {e}", to.display());
        return ExitCode::FAILURE;
    }
    println!("{} ({} bytes, {tries} checks)", to.display(), text.len());
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let what = chime_sdk_fuzz::describe(info);
        if !CAPTURING.load(std::sync::atomic::Ordering::SeqCst) {
            eprintln!("smoke: {what}");
        }
        PANICS.lock().unwrap_or_else(|e| e.into_inner()).push(what);
    }));
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, target, jobs @ ..] = args.as_slice() {
        if flag == "--dump" {
            // The model an input file makes, for reading a finding.
            let Some(t) = target_named(target) else {
                return ExitCode::from(2);
            };
            for file in jobs {
                let data = std::fs::read(file).unwrap_or_default();
                println!("{}", t.model(&data).1);
            }
            return ExitCode::SUCCESS;
        }
        if flag == "--minimize" {
            let (Some(t), [from, to]) = (target_named(target), jobs) else {
                eprintln!("smoke: --minimize <target> IN OUT");
                return ExitCode::from(2);
            };
            return minimize(t, Path::new(from), Path::new(to));
        }
        if flag == "--minimize-compile" {
            let (Some(t), [from, to]) = (target_named(target), jobs) else {
                eprintln!("smoke: --minimize-compile <target> IN OUT");
                return ExitCode::from(2);
            };
            return minimize_compile(t, Path::new(from), Path::new(to));
        }
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
        let mut jobs: Vec<String> = Vec::new();
        for f in files {
            if f.is_file() {
                jobs.push(f.display().to_string());
            } else {
                failed = true;
                println!("{}: no such file", f.display());
            }
        }
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
