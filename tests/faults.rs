//! A misbehaving server on loopback: every fault ends in the right
//! `SdkError` class, within the configured timeouts, without a panic.

mod common;

use chime_sdk::error::{DisplayErrorContext, SdkError};
use chime_sdk::operation::create_room::CreateRoomError;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Copy, Debug)]
enum Fault {
    /// Closes the connection once the request is read, before any byte of a response.
    ResetBeforeHeaders,
    /// Sends the status line and headers of a 201, a few body bytes, then closes.
    ResetAfterHeaders,
    /// Declares a shorter Content-Length than the JSON it sends.
    ShortContentLength,
    /// Reads the request and never answers.
    NeverAnswers,
    /// A 201 whose 32 MiB body is not JSON.
    HugeBody,
    /// The same error status on every attempt.
    Storm(u16, &'static str),
}

/// Reads one HTTP/1.1 request (head and Content-Length body).
async fn read_request(stream: &mut TcpStream) -> Option<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = stream.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            return Some(());
        }
    }
}

/// Starts the server; returns its URL and a count of requests it read.
async fn start(fault: Fault) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = Arc::new(AtomicUsize::new(0));
    let count = requests.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let count = count.clone();
            tokio::spawn(async move {
                while read_request(&mut stream).await.is_some() {
                    count.fetch_add(1, Ordering::SeqCst);
                    let response: Vec<u8> = match fault {
                        Fault::ResetBeforeHeaders => return,
                        Fault::ResetAfterHeaders => {
                            let _ = stream.write_all(b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"Room\":").await;
                            return;
                        }
                        Fault::ShortContentLength => {
                            b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: 5\r\n\r\n{\"Room\":{}}".to_vec()
                        }
                        Fault::NeverAnswers => {
                            // Hold the connection open until the client gives up.
                            let mut sink = [0u8; 1];
                            let _ = stream.read(&mut sink).await;
                            return;
                        }
                        Fault::HugeBody => {
                            let body = vec![b'x'; 32 << 20];
                            let mut r = format!("HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len()).into_bytes();
                            r.extend_from_slice(&body);
                            r
                        }
                        Fault::Storm(status, kind) => {
                            let body = r#"{"Message":"storm"}"#;
                            format!("HTTP/1.1 {status} Storm\r\nx-amzn-errortype: {kind}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}", body.len()).into_bytes()
                        }
                    };
                    if stream.write_all(&response).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, requests)
}

fn client(url: &str) -> chime_sdk::Client {
    let timeouts = chime_sdk::config::TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(1))
        .operation_attempt_timeout(Duration::from_millis(500))
        .build();
    chime_sdk::Client::from_conf(common::config(url).timeout_config(timeouts).build())
}

async fn outcome(
    fault: Fault,
) -> (
    SdkError<CreateRoomError, chime_sdk::config::http::HttpResponse>,
    usize,
) {
    let (url, requests) = start(fault).await;
    let err = client(&url)
        .create_room()
        .account_id("acct")
        .name("n")
        .send()
        .await
        .expect_err("the fault surfaces");
    (err, requests.load(Ordering::SeqCst))
}

fn class(e: &SdkError<CreateRoomError, chime_sdk::config::http::HttpResponse>) -> &'static str {
    match e {
        SdkError::ConstructionFailure(_) => "construction",
        SdkError::TimeoutError(_) => "timeout",
        SdkError::DispatchFailure(_) => "dispatch",
        SdkError::ResponseError(_) => "response",
        SdkError::ServiceError(_) => "service",
        _ => "other",
    }
}

#[tokio::test]
async fn connection_reset_before_headers_is_a_retried_dispatch_failure() {
    let (err, requests) = outcome(Fault::ResetBeforeHeaders).await;
    assert_eq!(class(&err), "dispatch", "{}", DisplayErrorContext(&err));
    assert_eq!(requests, 3, "io errors are transient and retried");
}

#[tokio::test]
async fn connection_reset_mid_body_is_a_response_error() {
    let (err, requests) = outcome(Fault::ResetAfterHeaders).await;
    assert_eq!(class(&err), "response", "{}", DisplayErrorContext(&err));
    assert!(format!("{}", DisplayErrorContext(&err))
        .contains("end of file before message length reached"));
    assert!(requests >= 1);
}

/// A success whose body cannot be read as the output: the operation's
/// `Unhandled` error, sent once, as aws-sdk-chime makes it.
fn assert_unreadable_success(
    err: SdkError<CreateRoomError, chime_sdk::config::http::HttpResponse>,
    requests: usize,
    why: &str,
) {
    assert_eq!(class(&err), "service", "{}", DisplayErrorContext(&err));
    assert!(
        format!("{}", DisplayErrorContext(&err)).contains(why),
        "{}",
        DisplayErrorContext(&err)
    );
    assert_eq!(requests, 1, "a success is not retried");
    let SdkError::ServiceError(context) = err else {
        unreachable!()
    };
    assert_eq!(context.raw().status().as_u16(), 201);
    assert!(matches!(context.err(), CreateRoomError::Unhandled(_)));
}

#[tokio::test]
async fn short_content_length_yields_invalid_json_as_an_unhandled_error() {
    let (err, requests) = outcome(Fault::ShortContentLength).await;
    assert_unreadable_success(err, requests, "not valid JSON");
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let (err, requests) = outcome(Fault::NeverAnswers).await;
    assert_eq!(class(&err), "timeout", "{}", DisplayErrorContext(&err));
    assert_eq!(requests, 3, "each attempt timed out and was retried");
}

#[tokio::test]
async fn a_huge_non_json_body_is_an_unhandled_error() {
    let (err, requests) = outcome(Fault::HugeBody).await;
    assert_unreadable_success(err, requests, "not valid JSON");
}

#[tokio::test]
async fn error_storms_end_after_three_attempts_with_the_modeled_error() {
    for (status, kind, check) in [
        (
            429,
            "ThrottledClientException",
            CreateRoomError::is_throttled_client_exception as fn(&CreateRoomError) -> bool,
        ),
        (
            500,
            "ServiceFailureException",
            CreateRoomError::is_service_failure_exception,
        ),
        (
            503,
            "ServiceUnavailableException",
            CreateRoomError::is_service_unavailable_exception,
        ),
    ] {
        let (err, requests) = outcome(Fault::Storm(status, kind)).await;
        assert_eq!(requests, 3, "{kind}");
        let err = err.into_service_error();
        assert!(check(&err), "{err}");
    }
}

#[tokio::test]
async fn retries_after_a_lost_response_create_no_second_room() {
    let mock = chime_sdk::mock::MockChime::start_failing_first(2)
        .await
        .unwrap();
    let client = chime_sdk::Client::from_conf(common::config(&mock.endpoint_url()).build());
    let out = client
        .create_room()
        .account_id("acct")
        .name("n")
        .send()
        .await
        .unwrap();
    assert!(out.room().is_some());
    let requests = mock.requests();
    assert_eq!(
        requests.len(),
        3,
        "two answers were lost, the third arrived"
    );
    let tokens: std::collections::BTreeSet<_> = requests.iter().map(|r| r.body.clone()).collect();
    assert_eq!(
        tokens.len(),
        1,
        "every attempt carried the same token and body"
    );
    assert_eq!(
        mock.rooms_created(),
        1,
        "the token made the retries idempotent"
    );
}
