//! A TRACE-level subscriber records everything the SDK and its runtime log
//! on the success, error and retry paths; no secret may be in it.
//!
//! Alone in its test binary: tracing caches per-callsite interest process
//! wide, and a test running on another thread without a subscriber could
//! make this one miss events.

mod common;

use common::{assert_clean, client_with_token, NAME, TOKEN};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A `MakeWriter` that appends everything to one shared buffer.
#[derive(Clone, Default)]
struct Capture(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn trace_logs_of_success_error_and_retry_paths_hold_no_secret() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    let room = format!(r#"{{"Room":{{"RoomId":"r","Name":"{NAME}"}}}}"#);
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201).set_body_raw(room, "application/json"))
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(400).insert_header("x-amzn-ErrorType", "BadRequestException"),
        )
        .mount(&server)
        .await;
    let client = client_with_token(&server.uri(), TOKEN);
    client
        .create_room()
        .account_id("acct")
        .name(NAME)
        .send()
        .await
        .expect("retried, then created");
    client
        .create_room()
        .account_id("acct")
        .name(NAME)
        .send()
        .await
        .expect_err("bad request");

    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("CreateRoom"),
        "the subscriber saw the calls: {log}"
    );
    assert_clean("TRACE log", &log);
}
