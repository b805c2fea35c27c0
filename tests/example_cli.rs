//! The example's `--endpoint-url` mode, run as a user runs it: the built
//! example binary, credentials from the environment or from a profile
//! file, against a loopback stand-in that this crate did not write
//! (wiremock), which records what arrived.
//!
//! `cargo test` builds the examples before it runs the tests; run with a
//! target filter (`--test example_cli`), build the example first with
//! `cargo build --example create_room --features test-util`.

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const ACCOUNT: &str = "acct-1";
const TOKEN: &str = "token-0123456789";

fn example_binary() -> PathBuf {
    // target/<profile>/deps/example_cli-<hash> -> target/<profile>/examples/
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("the test binary lives in target/<profile>/deps");
    let bin = profile_dir
        .join("examples")
        .join(format!("create_room{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "{} is not built: `cargo test` builds it; with a target filter run \
         `cargo build --example create_room --features test-util` first",
        bin.display()
    );
    bin
}

/// A scratch directory of this test's own, for profile files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chime-sdk-example-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// How credentials reach the example.
enum Creds {
    Env,
    Profile,
}

/// Runs the example with an environment of nothing but what is set here:
/// no instance metadata (the default chains would otherwise ask
/// 169.254.169.254) and no proxy.
fn run(endpoint: &str, creds: Creds, extra: &[&str]) -> Output {
    command(endpoint, creds, extra)
        .output()
        .expect("the example runs")
}

/// The example's command line and environment, as [`run`] runs it.
fn command(endpoint: &str, creds: Creds, extra: &[&str]) -> Command {
    let home = scratch("home");
    let mut cmd = Command::new(example_binary());
    cmd.env_clear()
        .env("HOME", &home)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_PROXY", "127.0.0.1,localhost")
        .args(["--endpoint-url", endpoint, "--account-id", ACCOUNT])
        .args(["--name", "Team Room"])
        .args(extra);
    match creds {
        Creds::Env => {
            cmd.env("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT")
                .env("AWS_SECRET_ACCESS_KEY", "env-secret");
        }
        Creds::Profile => {
            let dir = scratch("profile");
            let credentials = dir.join("credentials");
            std::fs::write(
                &credentials,
                "[default]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = x\n\n\
                 [team]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = profile-secret\n",
            )
            .unwrap();
            let config = dir.join("config");
            std::fs::write(&config, "[profile team]\nregion = us-east-1\n").unwrap();
            cmd.env("AWS_SHARED_CREDENTIALS_FILE", &credentials)
                .env("AWS_CONFIG_FILE", &config)
                .env("AWS_PROFILE", "team");
        }
    }
    cmd
}

fn room_created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(json!({
        "Room": {
            "AccountId": ACCOUNT,
            "CreatedBy": "arn:aws:iam::111122223333:user/alice",
            "CreatedTimestamp": "2026-12-03T10:00:00Z",
            "Name": "Team Room",
            "RoomId": "room-1",
            "UpdatedTimestamp": "2026-12-03T10:00:00Z"
        }
    }))
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).expect("a JSON body")
}

fn authorization(request: &Request) -> String {
    request
        .headers
        .get("authorization")
        .expect("a signed request")
        .to_str()
        .unwrap()
        .to_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Checks the one request of a successful run: method, path, exact body,
/// and a SigV4 signature for `us-east-1/chime` with the given key id.
fn assert_create_room(request: &Request, key_id: &str) {
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/accounts/acct-1/rooms");
    assert_eq!(
        body(request),
        json!({"ClientRequestToken": TOKEN, "Name": "Team Room"})
    );
    let auth = authorization(request);
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential="), "{auth}");
    let scope = auth
        .split("Credential=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap();
    let parts: Vec<&str> = scope.split('/').collect();
    assert_eq!(parts.len(), 5, "{scope}");
    assert_eq!(
        (parts[0], parts[2], parts[3], parts[4]),
        (key_id, "us-east-1", "chime", "aws4_request")
    );
    assert!(auth.contains("SignedHeaders=") && auth.contains("Signature="));
}

#[tokio::test]
async fn creates_a_room_with_credentials_from_the_environment() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/accounts/acct-1/rooms"))
        .respond_with(room_created())
        .mount(&server)
        .await;
    let out = run(
        &server.uri(),
        Creds::Env,
        &["--client-request-token", TOKEN],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_create_room(&requests[0], "AKIDENVIRONMENT");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("room_id: Some(\n        \"room-1\""),
        "{stdout}"
    );
    assert!(!stdout.contains("env-secret") && !text(&out.stderr).contains("env-secret"));
}

#[tokio::test]
async fn creates_a_room_with_credentials_from_a_profile() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(room_created())
        .mount(&server)
        .await;
    let out = run(
        &server.uri(),
        Creds::Profile,
        &["--client-request-token", TOKEN],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    assert_create_room(&requests[0], "AKIDPROFILE");
}

#[tokio::test]
async fn retries_a_throttled_call_with_the_same_token() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-amzn-ErrorType", "ThrottledClientException")
                .set_body_json(json!({"Code": "Throttled", "Message": "slow down"})),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(room_created())
        .with_priority(2)
        .mount(&server)
        .await;
    // No token given: the SDK makes one, and must send that one again.
    let out = run(&server.uri(), Creds::Env, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let requests = received(&server).await;
    assert_eq!(requests.len(), 2);
    let tokens: Vec<Value> = requests
        .iter()
        .map(|r| body(r)["ClientRequestToken"].clone())
        .collect();
    assert!(
        tokens[0].as_str().is_some_and(|t| t.len() == 36),
        "{tokens:?}"
    );
    assert_eq!(tokens[0], tokens[1]);
}

#[tokio::test]
async fn a_service_error_exits_1_with_its_code_and_message() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-amzn-ErrorType", "BadRequestException")
                .insert_header("x-amzn-RequestId", "req-400")
                .set_body_json(json!({"Code": "BadRequest", "Message": "the account is closed"})),
        )
        .mount(&server)
        .await;
    let out = run(&server.uri(), Creds::Env, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(received(&server).await.len(), 1, "400 is not retried");
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    for part in [
        "BadRequestException",
        "BadRequest",
        "the account is closed",
        "req-400",
    ] {
        assert!(stderr.contains(part), "{part} missing from {stderr}");
    }
    assert!(
        !stderr.contains("ServiceError {"),
        "no Debug tail: {stderr}"
    );
}

#[tokio::test]
async fn a_too_short_token_fails_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(room_created())
        .mount(&server)
        .await;
    let out = run(&server.uri(), Creds::Env, &["--client-request-token", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(received(&server).await.is_empty(), "nothing may be sent");
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("ClientRequestToken"), "{stderr}");
}

#[tokio::test]
async fn a_server_that_never_answers_ends_at_the_timeout_with_exit_1() {
    // Accepts every connection and holds it, never reading or answering.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let started = Instant::now();
    let child = tokio::process::Command::from(command(&endpoint, Creds::Env, &["--timeout", "1"]))
        .kill_on_drop(true)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the example runs");
    // A generous bound: the example gives up after 1 s; its default would
    // be 30 s.
    let out = tokio::time::timeout(Duration::from_secs(25), child.wait_with_output())
        .await
        .expect("the example ends within its --timeout, not at 30 s")
        .unwrap();
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(took >= Duration::from_secs(1), "{took:?}");
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    for part in [
        "error: no answer within 1s (--timeout 1)",
        "operation timeout (all attempts including retries) occurred after 1s",
    ] {
        assert!(stderr.contains(part), "{part} missing from {stderr}");
    }
}

#[test]
fn a_timeout_that_is_not_a_positive_number_is_a_bad_command_line() {
    for bad in ["0", "-1", "soon", "NaN"] {
        let out = Command::new(example_binary())
            .arg(format!("--timeout={bad}"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("invalid value '{bad}' for '--timeout <SECONDS>'")),
            "{stderr}"
        );
    }
}

#[tokio::test]
async fn no_credentials_is_a_clear_error_not_a_panic() {
    let server = MockServer::start().await;
    let home = scratch("nocreds");
    let out = Command::new(example_binary())
        .env_clear()
        .env("HOME", &home)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("none"))
        .env("AWS_CONFIG_FILE", home.join("none"))
        .args(["--endpoint-url", &server.uri(), "--account-id", ACCOUNT])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(received(&server).await.is_empty());
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("credentials"), "{stderr}");
}

#[test]
fn help_and_bad_flags() {
    let help = Command::new(example_binary())
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success());
    assert!(text(&help.stdout).contains("--endpoint-url <URL>"));
    let version = Command::new(example_binary())
        .arg("--version")
        .output()
        .unwrap();
    assert!(version.status.success());
    assert_eq!(
        text(&version.stdout).trim(),
        format!("create_room {}", env!("CARGO_PKG_VERSION"))
    );
    let bad = Command::new(example_binary())
        .arg("--modle")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("--modle"),
        "{}",
        text(&bad.stderr)
    );
    let missing = Command::new(example_binary())
        .arg("--endpoint-url")
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
