//! model/chime-createroom.apigateway.yaml: CreateRoom as an API Gateway
//! export describes it, with no `x-sdkgen-*` extension. Its client sends
//! the request the Smithy-generated Chime client sends (the same literals
//! `tests/create_room.rs`, `tests/signing.rs` and `tests/endpoints.rs` assert
//! of it), reads a created room and the errors, and checks its input before
//! anything is sent; on a loopback wiremock server.
#![deny(warnings)]

include!("snapshots/chime_apigateway.rs");

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4::SigningParams;
use aws_smithy_http_client::test_util::capture_request;
use aws_smithy_runtime_api::client::identity::Identity;
use operation::create_room::CreateRoomError;
use primitives::{DateTime, DateTimeFormat};
use std::time::{Duration, SystemTime};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SESSION: &str = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
/// A `format: password` value: never in Debug output.
const NAME: &str = "Secret Project Hydra";

const ROOM_BODY: &str = r#"{
    "Room": {
        "RoomId": "room-1",
        "Name": "Team Room",
        "AccountId": "acct-1",
        "CreatedBy": "arn:aws:iam::111122223333:user/alice",
        "CreatedTimestamp": "2019-12-02T21:25:26.123Z",
        "UpdatedTimestamp": "2019-12-02T21:30:00Z",
        "SomethingNew": {"added": "later"}
    }
}"#;

fn credentials() -> config::Credentials {
    config::Credentials::new("AKIDEXAMPLE", SECRET, Some(SESSION.into()), None, "t")
}

/// No region: like the Smithy client's global endpoint test, the request
/// is signed for the region of the document's server host.
fn config(url: &str) -> config::Builder {
    config::Config::builder()
        .credentials_provider(credentials())
        .endpoint_url(url)
        .retry_config(
            config::RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)),
        )
}

async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_raw(ROOM_BODY, "application/json")
}

fn header<'r>(req: &'r Request, name: &str) -> &'r str {
    req.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The `Authorization` header aws-sigv4 computes, on its own, for the
/// request that arrived, signed for `region` and `chime`.
fn independent_signature(req: &Request, region: &str) -> String {
    let authorization = header(req, "authorization");
    let signed = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .expect("SignedHeaders");
    let headers: Vec<(&str, &str)> = signed.split(';').map(|n| (n, header(req, n))).collect();
    // x-amz-date is ISO 8601 basic: 20261125T191539Z.
    let d = header(req, "x-amz-date");
    assert_eq!(d.len(), 16, "{d}");
    let extended = format!(
        "{}-{}-{}T{}:{}:{}Z",
        &d[0..4],
        &d[4..6],
        &d[6..8],
        &d[9..11],
        &d[11..13],
        &d[13..15]
    );
    let time = DateTime::from_str(&extended, DateTimeFormat::DateTime).unwrap();
    let identity: Identity = credentials().into();
    let params = SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("chime")
        .time(SystemTime::try_from(time).unwrap())
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let uri = format!("http://{}{}", header(req, "host"), req.url.path());
    let signable = SignableRequest::new(
        "POST",
        &uri,
        headers.into_iter(),
        SignableBody::Bytes(&req.body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let (expected, _) = instructions.into_parts();
    expected
        .iter()
        .find(|h| h.name() == "authorization")
        .expect("an authorization header")
        .value()
        .to_owned()
}

#[tokio::test]
async fn request_on_the_wire_is_the_smithy_clients() {
    let server = server_answering(created()).await;
    Client::from_conf(config(&server.uri()).build())
        .create_room()
        .account_id("acct 1/x")
        .name("Team Room")
        .client_request_token("tok-123")
        .send()
        .await
        .expect("CreateRoom succeeds");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), "/accounts/acct%201%2Fx/rooms");
    assert_eq!(req.url.query(), None);
    assert_eq!(header(req, "content-type"), "application/json");
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        r#"{"ClientRequestToken":"tok-123","Name":"Team Room"}"#
    );
    let date = &header(req, "x-amz-date")[..8];
    let authorization = header(req, "authorization");
    assert!(
        authorization.starts_with(&format!(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date}/us-east-1/chime/aws4_request, "
        )),
        "{authorization}"
    );
    assert_eq!(authorization, independent_signature(req, "us-east-1"));
    assert_eq!(header(req, "x-amz-security-token"), SESSION);
}

#[tokio::test]
async fn labels_are_encoded_as_the_smithy_client_encodes_them() {
    let server = server_answering(created()).await;
    let client = Client::from_conf(config(&server.uri()).build());
    let cases = [
        ("a/b", "/accounts/a%2Fb/rooms"),
        ("a?b=c", "/accounts/a%3Fb%3Dc/rooms"),
        ("a#b", "/accounts/a%23b/rooms"),
        ("100%", "/accounts/100%25/rooms"),
        ("../..", "/accounts/..%2F../rooms"),
        ("żółw", "/accounts/%C5%BC%C3%B3%C5%82w/rooms"),
    ];
    for (account, _) in cases {
        client
            .create_room()
            .account_id(account)
            .name("n")
            .client_request_token("tok-123")
            .send()
            .await
            .unwrap_or_else(|e| panic!("{account}: {}", error::DisplayErrorContext(&e)));
    }
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    let expected: Vec<&str> = cases.iter().map(|(_, p)| *p).collect();
    assert_eq!(paths, expected);
}

/// Without an endpoint URL the request goes to the document's server,
/// signed for the region its host names whatever region is configured (a
/// request to chime.us-east-1 signed for eu-west-1 is refused by AWS), as
/// the Smithy client's rules sign it (`tests/endpoints.rs`).
#[tokio::test]
async fn the_server_host_is_signed_for_its_own_region() {
    for region in [None, Some("us-east-1"), Some("eu-west-1")] {
        let (http, requests) = capture_request(None);
        let client = Client::from_conf(
            config::Config::builder()
                .region(region.map(config::Region::new))
                .credentials_provider(credentials())
                .http_client(http)
                .build(),
        );
        client
            .create_room()
            .account_id("acct-1")
            .name("Team Room")
            .client_request_token("tok-123")
            .send()
            .await
            .expect("the captured answer (200, empty) reads as an empty output");
        let request = requests.expect_request();
        assert_eq!(
            request.uri(),
            "https://chime.us-east-1.amazonaws.com/accounts/acct-1/rooms"
        );
        let authorization = request.headers().get("authorization").unwrap();
        assert!(
            authorization.contains("/us-east-1/chime/aws4_request, "),
            "{region:?}: {authorization}"
        );
    }
}

#[tokio::test]
async fn a_created_room_is_read_with_its_timestamps() {
    let server = server_answering(created()).await;
    let out = Client::from_conf(config(&server.uri()).build())
        .create_room()
        .account_id("acct-1")
        .name("Team Room")
        .send()
        .await
        .unwrap();
    let room = out.room().expect("room");
    assert_eq!(room.room_id(), Some("room-1"));
    assert_eq!(room.name(), Some("Team Room"));
    assert_eq!(room.account_id(), Some("acct-1"));
    assert_eq!(
        room.created_by(),
        Some("arn:aws:iam::111122223333:user/alice")
    );
    let created = DateTime::from_str("2019-12-02T21:25:26.123Z", DateTimeFormat::DateTime).unwrap();
    assert_eq!(room.created_timestamp(), Some(&created));
    assert_eq!(
        room.created_timestamp().unwrap().subsec_nanos(),
        123_000_000
    );
    assert_eq!(
        room.updated_timestamp(),
        Some(&DateTime::from_secs(1_575_322_200))
    );
    let shown = format!("{out:?}");
    assert!(!shown.contains("Team Room"), "{shown}");
}

/// The error of a call answered with `status`, a Chime error header and
/// body, and how many requests were made.
async fn service_error(status: u16, kind: &str, code: &str) -> (CreateRoomError, usize) {
    let response = ResponseTemplate::new(status)
        .insert_header(
            "x-amzn-ErrorType",
            format!("{kind}:http://internal.amazon.com/coral/com.amazonaws.chime/").as_str(),
        )
        .insert_header("x-amzn-RequestId", "req-42")
        .set_body_raw(
            format!(r#"{{"Code":"{code}","Message":"because {kind}"}}"#),
            "application/json",
        );
    let server = server_answering(response).await;
    let err = Client::from_conf(config(&server.uri()).build())
        .create_room()
        .account_id("acct-1")
        .name("Team Room")
        .client_request_token("tok-123")
        .send()
        .await
        .unwrap_err();
    let requests = server.received_requests().await.unwrap();
    let tokens: Vec<&[u8]> = requests.iter().map(|r| &r.body[..]).collect();
    assert!(
        tokens.windows(2).all(|w| w[0] == w[1]),
        "same request on every attempt"
    );
    match err {
        error::SdkError::ServiceError(e) => (e.into_err(), requests.len()),
        other => panic!(
            "expected a service error: {}",
            error::DisplayErrorContext(&other)
        ),
    }
}

#[tokio::test]
async fn a_404_is_the_not_found_error_with_its_code_and_message() {
    let (err, attempts) = service_error(404, "NotFoundException", "NotFound").await;
    assert_eq!(attempts, 1);
    let CreateRoomError::NotFoundError(e) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(e.code(), Some(&types::ErrorCode::NotFound));
    assert_eq!(e.message(), Some("because NotFoundException"));
    assert_eq!(err.meta().message(), Some("because NotFoundException"));
    assert_eq!(
        err.to_string(),
        "NotFoundError (NotFound): because NotFoundException [request id: req-42]"
    );
}

#[tokio::test]
async fn a_429_is_the_too_many_requests_error_and_retried_as_throttling() {
    let (err, attempts) = service_error(429, "ThrottledClientException", "Throttled").await;
    // Standard retries: three attempts, as the Smithy client makes.
    assert_eq!(attempts, 3);
    let CreateRoomError::TooManyRequestsError(e) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(e.code(), Some(&types::ErrorCode::Throttled));
    assert_eq!(e.message(), Some("because ThrottledClientException"));
}

/// BadRequestException and ResourceLimitExceededException share the 400
/// response: one variant, told apart by the body's `Code`.
#[tokio::test]
async fn both_400_errors_read_as_the_bad_request_error_by_their_code() {
    for (kind, code) in [
        ("BadRequestException", types::ErrorCode::BadRequest),
        (
            "ResourceLimitExceededException",
            types::ErrorCode::ResourceLimitExceeded,
        ),
    ] {
        let (err, attempts) = service_error(400, kind, code.as_str()).await;
        assert_eq!(attempts, 1);
        let CreateRoomError::BadRequestError(e) = &err else {
            panic!("{err:?}");
        };
        assert_eq!(e.code(), Some(&code));
        assert_eq!(e.message(), Some(format!("because {kind}").as_str()));
    }
}

#[tokio::test]
async fn bad_input_fails_validation_before_anything_is_sent() {
    let server = server_answering(created()).await;
    let client = Client::from_conf(config(&server.uri()).build());
    let cases = [
        (Some("x"), Some(NAME), "CreateRoomInput.ClientRequestToken"),
        (
            Some("tok 12345!"),
            Some(NAME),
            "CreateRoomInput.ClientRequestToken",
        ),
        (Some("tok-123"), None, "CreateRoomInput.Name"),
    ];
    for (token, name, member) in cases {
        let err = client
            .create_room()
            .account_id("acct-1")
            .set_name(name.map(str::to_owned))
            .set_client_request_token(token.map(str::to_owned))
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(err, error::SdkError::ConstructionFailure(_)),
            "{err:?}"
        );
        let message = error::DisplayErrorContext(&err).to_string();
        assert!(message.contains(member), "{message}");
        // Values are never echoed (a one-letter token is in any text).
        for value in [token.unwrap_or_default(), NAME] {
            assert!(value.len() < 2 || !message.contains(value), "{message}");
        }
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn the_name_and_the_credentials_are_never_in_debug() {
    let client = Client::from_conf(config("http://127.0.0.1:1").build());
    let builder = client
        .create_room()
        .account_id("acct-1")
        .name(NAME)
        .client_request_token("tok-123");
    let input = operation::create_room::CreateRoomInput::builder()
        .account_id("acct-1")
        .name(NAME)
        .build()
        .unwrap();
    let shown = format!("{builder:?} {input:?} {client:?} {:?}", client.config());
    for secret in [NAME, SECRET, SESSION] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("acct-1"), "{shown}");
}
