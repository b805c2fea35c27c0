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
        stderr.contains("error: ex#S: missing `aws.auth#sigv4`"),
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
