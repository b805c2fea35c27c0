//! The fake server generated from the model (`chime_sdk::fake`, feature
//! `test-util`) on CreateRoom: it answers as the model says, rejects what
//! the model forbids with BadRequestException (the operation's validation
//! error), replays idempotent requests, and answers as scripted; the real
//! client reads every answer as the typed output or error.

use chime_sdk::config::retry::RetryConfig;
use chime_sdk::config::IdempotencyTokenProvider;
use chime_sdk::error::ProvideErrorMetadata;
use chime_sdk::fake::{FakeServer, Reply};
use chime_sdk::operation::create_room::CreateRoomError;
use chime_sdk::types::ErrorCode;
use chime_sdk::Client;
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

async fn fake() -> FakeServer {
    FakeServer::start().await.expect("the fake starts")
}

/// A client of the fake with fast retries and, unless `validate`, no
/// client-side validation (so that what the model forbids reaches the
/// fake).
fn client(fake: &FakeServer, validate: bool) -> Client {
    Client::from_conf(
        fake.config()
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
            .validation(validate)
            .build(),
    )
}

/// The BadRequestException a call failed with, and its message.
fn bad_request(err: chime_sdk::error::SdkError<CreateRoomError>) -> String {
    let status = err.raw_response().map(|r| r.status().as_u16());
    match err.into_service_error() {
        CreateRoomError::BadRequestException(e) => {
            assert_eq!(status, Some(400));
            assert_eq!(e.code(), Some(&ErrorCode::BadRequest));
            assert_eq!(ProvideErrorMetadata::code(&e), Some("BadRequestException"));
            e.message().expect("a message").to_owned()
        }
        other => panic!("expected BadRequestException, got {other:?}"),
    }
}

#[tokio::test]
async fn a_valid_request_gets_a_room_that_satisfies_the_model() {
    let fake = fake().await;
    let out = client(&fake, true)
        .create_room()
        .account_id("acct/1")
        .name("Team Room")
        .client_request_token("token-0001")
        .send()
        .await
        .expect("the fake answers");
    let room = out.room().expect("the output's members are filled");
    // Echoed from the request: the label decoded, the body member.
    assert_eq!(room.account_id(), Some("acct/1"));
    assert_eq!(room.name(), Some("Team Room"));
    // Made up within the model: `\S` ids, timestamps of the response.
    for id in [room.room_id(), room.created_by()] {
        assert!(
            id.is_some_and(|s| s.chars().any(|c| !c.is_whitespace())),
            "{id:?}"
        );
    }
    let created = room.created_timestamp().expect("created");
    assert!(created.secs() > 1_700_000_000, "{created}");
    assert_eq!(room.updated_timestamp(), Some(created));

    let requests = fake.create_room().requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.uri, "/accounts/acct%2F1/rooms");
    assert_eq!(
        request.input,
        json!({"AccountId": "acct/1", "Name": "Team Room", "ClientRequestToken": "token-0001"})
    );
    assert!(request.violations.is_empty());
    assert!(request
        .header("authorization")
        .is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 Credential=AKIDFAKE/")));
    let stats = fake.create_room().stats();
    assert_eq!((stats.received, stats.generated, stats.rejected), (1, 1, 0));
}

#[tokio::test]
async fn headers_are_recorded_with_a_request_id() {
    let fake = fake().await;
    client(&fake, true)
        .create_room()
        .account_id("acct")
        .name("n")
        .customize()
        .mutate_request(|r| {
            r.headers_mut().insert("x-test", "1");
        })
        .send()
        .await
        .expect("a room");
    let request = &fake.requests()[0];
    assert_eq!(request.header("x-test"), Some("1"));
    assert!(request.request_id.starts_with("fake-request-"));
}

#[tokio::test]
async fn a_missing_name_is_a_bad_request_naming_the_member() {
    let fake = fake().await;
    let err = client(&fake, false)
        .create_room()
        .account_id("acct")
        .send()
        .await
        .expect_err("Name is required");
    let message = bad_request(err);
    assert_eq!(
        message,
        "1 validation error detected: CreateRoomInput.Name is required but not set"
    );
    assert_eq!(fake.create_room().stats().rejected, 1);
    assert_eq!(fake.create_room().stats().generated, 0);
}

#[tokio::test]
async fn a_short_token_and_a_bad_pattern_are_bad_requests_without_the_value() {
    let fake = fake().await;
    let client = client(&fake, false);
    let short = client
        .create_room()
        .account_id("acct")
        .name("n")
        .client_request_token("a")
        .send()
        .await
        .expect_err("too short");
    assert_eq!(
        bad_request(short),
        "1 validation error detected: CreateRoomInput.ClientRequestToken must have a length between 2 and 64"
    );
    let bad = client
        .create_room()
        .account_id("acct")
        .name("n")
        .client_request_token("secret token!")
        .send()
        .await
        .expect_err("bad pattern");
    let message = bad_request(bad);
    assert_eq!(
        message,
        "1 validation error detected: CreateRoomInput.ClientRequestToken must match the pattern `^[-_a-zA-Z0-9]*$`"
    );
    // Both at once: every violation is named.
    let both = client
        .create_room()
        .account_id(" ")
        .client_request_token("!")
        .send()
        .await
        .expect_err("three violations");
    let message = bad_request(both);
    assert!(
        message.starts_with("4 validation errors detected: "),
        "{message}"
    );
    for part in [
        "CreateRoomInput.AccountId must match the pattern `\\S`",
        "CreateRoomInput.Name is required",
        "ClientRequestToken must have a length",
        "ClientRequestToken must match the pattern",
    ] {
        assert!(message.contains(part), "{part}: {message}");
    }
}

#[tokio::test]
async fn a_scripted_error_is_the_typed_error() {
    let fake = fake().await;
    fake.create_room().fail(404, "NotFound", "no such account");
    let err = client(&fake, true)
        .create_room()
        .account_id("acct")
        .name("n")
        .send()
        .await
        .expect_err("scripted");
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(404));
    match err.into_service_error() {
        CreateRoomError::NotFoundException(e) => {
            assert_eq!(e.code(), Some(&ErrorCode::NotFound));
            assert_eq!(e.message(), Some("no such account"));
        }
        other => panic!("expected NotFoundException, got {other:?}"),
    }
    // An error the model does not describe is Unhandled, with its code.
    fake.create_room().fail(409, "ConflictException", "taken");
    let err = client(&fake, true)
        .create_room()
        .account_id("acct")
        .name("n")
        .send()
        .await
        .expect_err("scripted");
    let err = err.into_service_error();
    assert!(matches!(err, CreateRoomError::Unhandled(_)), "{err:?}");
    assert_eq!(err.meta().code(), Some("ConflictException"));
    assert_eq!(err.meta().message(), Some("taken"));
    assert_eq!(fake.create_room().stats().scripted, 2);
}

#[tokio::test]
async fn a_scripted_output_is_read_as_scripted() {
    let fake = fake().await;
    fake.create_room().respond_json(json!({
        "Room": {"RoomId": "room-1", "Name": "Scripted", "CreatedTimestamp": 1575321926}
    }));
    let out = client(&fake, true)
        .create_room()
        .account_id("acct")
        .name("n")
        .send()
        .await
        .expect("scripted output");
    let room = out.room().expect("a room");
    assert_eq!(room.room_id(), Some("room-1"));
    assert_eq!(room.name(), Some("Scripted"));
    // Nothing is added to a scripted output; timestamps are written in the
    // member's format (date-time) and read back.
    assert_eq!(room.account_id(), None);
    assert_eq!(room.created_timestamp().map(|t| t.secs()), Some(1575321926));
    assert_eq!(fake.requests().len(), 1);
}

#[tokio::test]
async fn replies_queued_once_come_first_then_the_standing_one() {
    let fake = fake().await;
    fake.create_room()
        .once(Reply::error(429, "ThrottledClientException", "slow down"))
        .once(Reply::error(503, "ServiceUnavailable", "busy"));
    let out = client(&fake, true)
        .create_room()
        .account_id("acct")
        .name("Retried")
        .send()
        .await
        .expect("the third attempt gets the model's answer");
    assert_eq!(out.room().and_then(|r| r.name()), Some("Retried"));
    let stats = fake.create_room().stats();
    assert_eq!((stats.received, stats.scripted, stats.generated), (3, 2, 1));
}

#[tokio::test]
async fn a_closure_answers_with_the_request_in_hand() {
    let fake = fake().await;
    // A rule of the service the model does not state: no blank names.
    fake.create_room().respond_with(|request| {
        let name = request.input["Name"].as_str().unwrap_or_default();
        if name.trim().is_empty() {
            Reply::error(400, "BadRequestException", "Name must not be blank")
        } else {
            Reply::model()
        }
    });
    let client = client(&fake, true);
    let err = client
        .create_room()
        .account_id("acct")
        .name("  ")
        .send()
        .await
        .expect_err("blank");
    assert_eq!(bad_request(err), "Name must not be blank");
    let out = client
        .create_room()
        .account_id("acct")
        .name("Fine")
        .send()
        .await
        .expect("a name");
    assert_eq!(out.room().and_then(|r| r.name()), Some("Fine"));
}

#[tokio::test]
async fn the_same_token_replays_the_first_answer() {
    let fake = fake().await;
    let client = Client::from_conf(
        fake.config()
            .idempotency_token_provider(IdempotencyTokenProvider::fixed("same-token"))
            .build(),
    );
    let a = client
        .create_room()
        .account_id("acct")
        .name("One")
        .send()
        .await
        .unwrap();
    let b = client
        .create_room()
        .account_id("acct")
        .name("One")
        .send()
        .await
        .unwrap();
    // Another account (path) with the same token is another request.
    let c = client
        .create_room()
        .account_id("other")
        .name("One")
        .send()
        .await
        .unwrap();
    let id = |o: &chime_sdk::operation::create_room::CreateRoomOutput| {
        o.room().and_then(|r| r.room_id()).map(str::to_owned)
    };
    assert_eq!(id(&a), id(&b));
    assert_ne!(id(&a), id(&c));
    let stats = fake.create_room().stats();
    assert_eq!((stats.generated, stats.replayed), (2, 1));
}

#[tokio::test]
async fn a_lost_answer_is_retried_into_the_same_room() {
    let fake = fake().await;
    fake.create_room().times(
        2,
        Reply::lost(503, "ServiceUnavailableException", "the response was lost"),
    );
    let out = client(&fake, true)
        .create_room()
        .account_id("acct")
        .name("Lost")
        .send()
        .await
        .expect("the third attempt");
    assert_eq!(out.room().and_then(|r| r.name()), Some("Lost"));
    let stats = fake.create_room().stats();
    assert_eq!((stats.received, stats.generated, stats.replayed), (3, 1, 2));
}

/// Sends `request` as it is and returns the status line and body.
async fn raw(fake: &FakeServer, request: &[u8]) -> (String, String) {
    let mut stream = tokio::net::TcpStream::connect(fake.local_addr())
        .await
        .expect("connects");
    stream.write_all(request).await.expect("sends");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("reads");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text.lines().next().unwrap_or_default().to_owned();
    let body = text.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned();
    (status, body)
}

#[tokio::test]
async fn malformed_requests_get_a_400_never_a_crash() {
    let fake = fake().await;
    let cases: &[(&[u8], &str)] = &[
        (
            b"POST /accounts//rooms HTTP/1.1\r\nhost: x\r\ncontent-length: 12\r\nconnection: close\r\n\r\n{\"Name\":\"n\"}",
            "CreateRoomInput.AccountId must not be empty",
        ),
        (
            b"POST /accounts/a/rooms HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\nconnection: close\r\n\r\n{oops",
            "the body is not a JSON object",
        ),
        (
            b"POST /accounts/a/rooms HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\nconnection: close\r\n\r\n{\"Name\":1}",
            "CreateRoomInput.Name must be a string",
        ),
        (
            b"POST /accounts/%FF/rooms HTTP/1.1\r\nhost: x\r\ncontent-length: 12\r\nconnection: close\r\n\r\n{\"Name\":\"n\"}",
            "CreateRoomInput.AccountId is not UTF-8",
        ),
        (
            b"POST /accounts/a/rooms HTTP/1.1\r\nhost: x\r\ncontent-encoding: gzip\r\ncontent-length: 4\r\nconnection: close\r\n\r\nnope",
            "the body is not valid gzip",
        ),
    ];
    for (request, message) in cases {
        let (status, body) = raw(&fake, request).await;
        assert!(status.starts_with("HTTP/1.1 400"), "{status}: {body}");
        let body: serde_json::Value = serde_json::from_str(&body).expect("a JSON error");
        assert_eq!(body["Code"], "BadRequest");
        let text = body["Message"].as_str().unwrap_or_default();
        assert!(text.contains(message), "{message}: {text}");
    }
    // A valid request: 201, the model's success status, and a Room.
    let (status, body) = raw(
        &fake,
        b"POST /accounts/a/rooms HTTP/1.1\r\nhost: x\r\ncontent-length: 12\r\nconnection: close\r\n\r\n{\"Name\":\"n\"}",
    )
    .await;
    assert!(status.starts_with("HTTP/1.1 201"), "{status}");
    let body: serde_json::Value = serde_json::from_str(&body).expect("a JSON output");
    assert_eq!(body["Room"]["AccountId"], "a");
    assert_eq!(body["Room"]["Name"], "n");
    // No route: UnknownOperationException.
    let (status, _) = raw(
        &fake,
        b"GET /rooms HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n",
    )
    .await;
    assert!(status.starts_with("HTTP/1.1 404"), "{status}");
    let last = fake.requests().pop().expect("recorded");
    assert_eq!(last.operation, None);
    // The fake still answers.
    let out = client(&fake, true)
        .create_room()
        .account_id("acct")
        .name("After")
        .send()
        .await;
    assert!(out.is_ok());
}
