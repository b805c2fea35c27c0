//! `sdkgen generate` writes a crate that builds; bad input exits non-zero
//! with located errors.

use std::path::Path;
use std::process::Command;

fn sdkgen() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sdkgen"))
}

#[test]
fn generated_crate_builds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let out = tmp.join("cli-chime-crate");
    let status = sdkgen()
        .args(["generate", "--model"])
        .arg(root.join("model/chime.json"))
        .arg("--out")
        .arg(&out)
        .args(["--crate-name", "cli-chime", "--operations", "CreateRoom"])
        .status()
        .unwrap();
    assert!(status.success());
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(lib.contains("pub fn create_room("));
    // Same dependency versions as this workspace; a target directory of its
    // own that persists between runs, so a warm run only compiles the crate.
    std::fs::copy(root.join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        // Type-checking under -Dwarnings is what this proves; `check` skips
        // code generation for the whole dependency tree.
        .args(["check", "--manifest-path"])
        .arg(out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", tmp.join("cli-target"))
        .env("RUSTFLAGS", "-Dwarnings")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the generated crate does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn bad_model_exits_1_with_located_errors() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let model = tmp.join("cli-bad-model.json");
    std::fs::write(&model, r#"{"smithy": "2.0", "shapes": {"ex#S": {"type": "service", "operations": [{"target": "ex#Nope"}]}}}"#).unwrap();
    let output = sdkgen()
        .args(["generate", "--model"])
        .arg(&model)
        .arg("--out")
        .arg(tmp.join("cli-bad-out"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error: ex#S: the service uses no protocol the generator supports"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: ex#Nope: the service names an operation that does not exist"),
        "{stderr}"
    );
}

#[test]
fn bad_command_line_exits_2() {
    for args in [&["generate"][..], &["frobnicate"], &["generate", "--model"]] {
        let output = sdkgen().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("usage: sdkgen generate"));
    }
}

/// `sdkgen corpus`: every model of a folder generated and reported, a bad
/// one failing the run unless listed as expected, a listed one that
/// generates failing it too, and a chosen one `cargo check`ed.
#[test]
fn corpus_reports_every_model_and_checks_the_chosen_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp.join("cli-corpus-models");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        root.join("model/chime.json"),
        dir.join("chime-2018-05-01.json"),
    )
    .unwrap();
    std::fs::write(
        dir.join("broken-2020-01-01.json"),
        r#"{"smithy": "2.0", "shapes": {"ex#S": {"type": "service", "operations": [{"target": "ex#Nope"}], "traits": {"aws.protocols#restJson1": {}}}}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("other-2020-01-01.json"),
        r#"{"smithy": "2.0", "shapes": {"ex#S": {"type": "service", "traits": {"aws.protocols#awsJson1_0": {}}}}}"#,
    )
    .unwrap();
    let expected = tmp.join("cli-corpus-expected.txt");
    let corpus = |extra: &[&str]| {
        sdkgen()
            .arg("corpus")
            .arg(&dir)
            .args(["--protocol", "restJson1", "--out"])
            .arg(tmp.join("cli-corpus-out"))
            .arg("--target-dir")
            .arg(tmp.join("cli-target"))
            .args(extra)
            // As generated_crate_builds checks, so the two share artifacts.
            .env("RUSTFLAGS", "-Dwarnings")
            .output()
            .unwrap()
    };
    let text = |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).into_owned();

    // The broken model fails the run; the awsJson one is not a restJson1 model.
    let out = corpus(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let report = text(&out);
    assert!(!report.contains("other-2020-01-01"), "{report}");
    let broken = report
        .lines()
        .find(|l| l.starts_with("broken-2020-01-01"))
        .unwrap();
    assert!(
        broken.ends_with(
            "FAILED: 1 error(s); first: ex#Nope: the service names an operation that does not exist"
        ),
        "{broken}"
    );
    let chime = report
        .lines()
        .find(|l| l.starts_with("chime-2018-05-01"))
        .unwrap();
    assert!(
        chime.contains("restJson1") && chime.ends_with("generated"),
        "{chime}"
    );
    assert!(
        report.contains("corpus: 2 models, 1 generated, 1 failed"),
        "{report}"
    );

    // Listed as expected, the failure passes; the chosen model checks clean.
    std::fs::write(
        &expected,
        "# reasons follow a hash\nbroken-2020-01-01  # a dangling target\n",
    )
    .unwrap();
    let out = corpus(&[
        "--expected-failures",
        expected.to_str().unwrap(),
        "--check",
        "chime",
    ]);
    let report = text(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(report.contains("generated, checked clean"), "{report}");
    assert!(
        report.contains("expected failures: 1 listed, 1 of them failed"),
        "{report}"
    );

    // A listed model that generates fails the run: the list only shrinks.
    std::fs::write(&expected, "broken-2020-01-01\nchime-2018-05-01\n").unwrap();
    let out = corpus(&["--expected-failures", expected.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("chime-2018-05-01 generates now"),
        "{}",
        text(&out)
    );

    // A bad command line exits 2.
    let out = sdkgen().args(["corpus", "--check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
