//! bearer.json under a TRACE-level subscriber: everything the SDK and its
//! runtime log while signing with a bearer token, on the success and error
//! paths, holds no token.
//!
//! Alone in its test binary: tracing caches per-callsite interest process
//! wide, and a test running on another thread without a subscriber could
//! make this one miss events.
#![deny(warnings)]

include!("snapshots/bearer.rs");

use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "tr4ce-bearer-t0ken";

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
async fn trace_logs_hold_no_bearer_token() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(path("/projects/denied"))
        .respond_with(ResponseTemplate::new(403).insert_header("x-amzn-ErrorType", "AccessDenied"))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"Name":"p"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = Client::from_conf(
        config::Config::builder()
            .region(config::Region::new("us-west-2"))
            .endpoint_url(server.uri())
            .token_provider(config::Token::new(TOKEN, None))
            .build(),
    );
    client.get_project().name("p").send().await.unwrap();
    client
        .get_project()
        .name("denied")
        .send()
        .await
        .unwrap_err();
    client.list_public_projects().send().await.unwrap();

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 3);
    assert!(received
        .iter()
        .all(|r| r.headers["authorization"] == format!("Bearer {TOKEN}")));
    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("transmitting request"),
        "the runtime's request log was captured"
    );
    assert!(
        !log.contains(TOKEN),
        "the token is in the TRACE log:\n{log}"
    );
}
