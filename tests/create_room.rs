//! The generated client against a real HTTP server on 127.0.0.1: what goes
//! on the wire, and what comes back.

mod common;

use aws_smithy_types::retry::ProvideErrorKind;
use chime_sdk::error::{DisplayErrorContext, SdkError};
use chime_sdk::operation::create_room::CreateRoomError;
use chime_sdk::operation::RequestId;
use chime_sdk::primitives::{DateTime, DateTimeFormat};
use common::{client, client_with_token, ROOM_BODY};
use serde_json::Value;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_raw(ROOM_BODY, "application/json")
}

async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn header<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    req.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn request_on_the_wire_matches_aws_sdk_chime() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/accounts/acct-1/rooms"))
        .respond_with(created())
        .expect(1)
        .mount(&server)
        .await;

    client(&server.uri())
        .create_room()
        .account_id("acct-1")
        .name("Team Room")
        .client_request_token("tok-123")
        .send()
        .await
        .expect("CreateRoom succeeds");

    let requests = server.received_requests().await.unwrap();
    let req = &requests[0];
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), "/accounts/acct-1/rooms");
    assert_eq!(req.url.query(), None);
    assert_eq!(header(req, "content-type"), Some("application/json"));
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        r#"{"ClientRequestToken":"tok-123","Name":"Team Room"}"#
    );
    let auth = header(req, "authorization").expect("signed");
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{auth}"
    );
    assert!(
        auth.contains("/us-west-2/chime/aws4_request"),
        "signed for the configured region: {auth}"
    );
    let date = header(req, "x-amz-date").expect("x-amz-date");
    assert_eq!(date.len(), 16, "basic ISO 8601: {date}");
    assert_eq!(header(req, "x-amz-security-token"), Some(common::SESSION));
}

#[tokio::test]
async fn global_endpoint_signs_for_us_east_1_without_a_region() {
    let server = server_answering(created()).await;
    let config = chime_sdk::Config::builder()
        .credentials_provider(chime_sdk::config::Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
            None,
            "t",
        ))
        .endpoint_url(server.uri())
        .build();
    chime_sdk::Client::from_conf(config)
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    let req = &server.received_requests().await.unwrap()[0];
    assert!(header(req, "authorization")
        .unwrap()
        .contains("/us-east-1/chime/aws4_request"));
}

#[tokio::test]
async fn labels_are_encoded_so_the_path_cannot_change() {
    let server = server_answering(created()).await;
    let client = client(&server.uri());
    let cases = [
        ("a/b", "/accounts/a%2Fb/rooms"),
        ("a?b=c", "/accounts/a%3Fb%3Dc/rooms"),
        ("a#b", "/accounts/a%23b/rooms"),
        ("100%", "/accounts/100%25/rooms"),
        ("a b", "/accounts/a%20b/rooms"),
        ("../..", "/accounts/..%2F../rooms"),
        ("żółw", "/accounts/%C5%BC%C3%B3%C5%82w/rooms"),
    ];
    for (account, _) in &cases {
        client
            .create_room()
            .account_id(*account)
            .name("n")
            .send()
            .await
            .unwrap_or_else(|e| panic!("{account}: {}", DisplayErrorContext(&e)));
    }
    let requests = server.received_requests().await.unwrap();
    let paths: Vec<&str> = requests.iter().map(|r| r.url.path()).collect();
    let expected: Vec<&str> = cases.iter().map(|(_, p)| *p).collect();
    assert_eq!(paths, expected);
    assert!(requests.iter().all(|r| r.url.query().is_none()));
}

#[tokio::test]
async fn created_room_is_parsed_with_timestamps_and_unknown_fields_ignored() {
    let server = server_answering(created()).await;
    let out = client(&server.uri())
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
    assert_eq!(room.updated_timestamp().unwrap().secs(), 1_575_322_200);
}

/// The eight modeled errors: (status, x-amzn-ErrorType, Code in the body).
const ERRORS: [(u16, &str, &str); 8] = [
    (400, "BadRequestException", "BadRequest"),
    (403, "ForbiddenException", "Forbidden"),
    (404, "NotFoundException", "NotFound"),
    (
        400,
        "ResourceLimitExceededException",
        "ResourceLimitExceeded",
    ),
    (500, "ServiceFailureException", "ServiceFailure"),
    (503, "ServiceUnavailableException", "ServiceUnavailable"),
    (429, "ThrottledClientException", "Throttled"),
    (401, "UnauthorizedClientException", "Unauthorized"),
];

fn variant_name(e: &CreateRoomError) -> &'static str {
    match e {
        CreateRoomError::BadRequestException(_) => "BadRequestException",
        CreateRoomError::ForbiddenException(_) => "ForbiddenException",
        CreateRoomError::NotFoundException(_) => "NotFoundException",
        CreateRoomError::ResourceLimitExceededException(_) => "ResourceLimitExceededException",
        CreateRoomError::ServiceFailureException(_) => "ServiceFailureException",
        CreateRoomError::ServiceUnavailableException(_) => "ServiceUnavailableException",
        CreateRoomError::ThrottledClientException(_) => "ThrottledClientException",
        CreateRoomError::UnauthorizedClientException(_) => "UnauthorizedClientException",
        CreateRoomError::Unhandled(_) => "Unhandled",
        _ => "new variant",
    }
}

async fn service_error(response: ResponseTemplate) -> (CreateRoomError, usize) {
    let server = server_answering(response).await;
    let err = client(&server.uri())
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap_err();
    let attempts = server.received_requests().await.unwrap().len();
    match err {
        SdkError::ServiceError(e) => (e.into_err(), attempts),
        other => panic!(
            "expected a service error, got {}",
            DisplayErrorContext(&other)
        ),
    }
}

#[tokio::test]
async fn each_error_maps_to_its_variant_by_header() {
    for (status, kind, code) in ERRORS {
        let body = format!(r#"{{"Code":"{code}","Message":"because {kind}"}}"#);
        let response = ResponseTemplate::new(status)
            .insert_header(
                "x-amzn-ErrorType",
                format!("{kind}:http://internal.amazon.com/coral/com.amazonaws.chime/").as_str(),
            )
            .insert_header("x-amzn-RequestId", "req-42")
            .set_body_raw(body, "application/json");
        let (err, _) = service_error(response).await;
        assert_eq!(variant_name(&err), kind);
        assert_eq!(
            err.meta().message(),
            Some(format!("because {kind}").as_str())
        );
        assert_eq!(
            err.to_string(),
            format!("{kind} ({code}): because {kind} [request id: req-42]")
        );
        // Debug shows the request id Display shows.
        let debug = format!("{err:?}");
        assert!(debug.contains(r#"request_id: Some("req-42")"#), "{debug}");
    }
}

#[tokio::test]
async fn each_error_maps_to_its_variant_by_body_code_without_header() {
    for (status, kind, code) in ERRORS {
        let body = format!(r#"{{"Code":"{code}","Message":"m"}}"#);
        let (err, _) =
            service_error(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
                .await;
        assert_eq!(variant_name(&err), kind, "Code {code} with status {status}");
    }
}

#[tokio::test]
async fn status_alone_identifies_errors_whose_status_is_unique() {
    for (status, kind, _) in ERRORS {
        let (err, _) =
            service_error(ResponseTemplate::new(status).set_body_raw("{}", "application/json"))
                .await;
        // 400 is shared by two errors, so it alone tells nothing.
        let expected = if status == 400 { "Unhandled" } else { kind };
        assert_eq!(variant_name(&err), expected, "status {status}");
    }
}

#[tokio::test]
async fn modeled_error_members_are_read() {
    let body = r#"{"Code":"ResourceLimitExceeded","Message":"too many rooms"}"#;
    let (err, _) =
        service_error(ResponseTemplate::new(400).set_body_raw(body, "application/json")).await;
    let CreateRoomError::ResourceLimitExceededException(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.code(),
        Some(&chime_sdk::types::ErrorCode::ResourceLimitExceeded)
    );
    assert_eq!(e.message(), Some("too many rooms"));
}

#[tokio::test]
async fn unmodeled_error_keeps_code_message_and_request_id() {
    let response = ResponseTemplate::new(409)
        .insert_header("x-amzn-ErrorType", "ConflictException")
        .insert_header("x-amzn-RequestId", "req-409")
        .set_body_raw(
            r#"{"Code":"Conflict","Message":"the room exists"}"#,
            "application/json",
        );
    let (err, _) = service_error(response).await;
    let CreateRoomError::Unhandled(u) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(u.status(), Some(409));
    assert_eq!(err.meta().code(), Some("ConflictException"));
    assert_eq!(err.meta().message(), Some("the room exists"));
    assert_eq!(
        err.to_string(),
        "unhandled error ConflictException (HTTP 409): the room exists [request id: req-409]"
    );
}

#[tokio::test]
async fn html_error_page_from_a_proxy_is_a_typed_error() {
    let response = ResponseTemplate::new(502)
        .set_body_raw("<html><body>Bad Gateway</body></html>", "text/html");
    let (err, attempts) = service_error(response).await;
    assert_eq!(variant_name(&err), "Unhandled");
    assert_eq!(attempts, 3, "502 is transient and retried");
}

#[tokio::test]
async fn malformed_success_body_is_the_unhandled_error_and_sent_once() {
    // As aws-sdk-chime's deserializer makes it (`CreateRoomError::unhandled`):
    // a service error no classifier retries, with the response kept.
    for (body, why) in [
        ("{not json", "response body is not valid JSON"),
        (r#"{"Room":{"Name":5}}"#, "Name: expected a string"),
        (
            r#"{"Room":{"CreatedTimestamp":"yesterday"}}"#,
            "CreatedTimestamp: invalid timestamp",
        ),
    ] {
        let server = server_answering(
            ResponseTemplate::new(201)
                .insert_header("x-amzn-RequestId", "req-201")
                .set_body_raw(body, "application/json"),
        )
        .await;
        let err = client(&server.uri())
            .create_room()
            .account_id("a")
            .name("n")
            .send()
            .await
            .unwrap_err();
        let sent = server.received_requests().await.unwrap().len();
        assert_eq!(sent, 1, "{body}: a success is not retried");
        let text = DisplayErrorContext(&err).to_string();
        assert!(text.contains(why), "{body}: {text}");
        let SdkError::ServiceError(context) = &err else {
            panic!("{body}: expected a service error, got {text}")
        };
        assert_eq!(context.raw().status().as_u16(), 201);
        assert_eq!(context.raw().body().bytes(), Some(body.as_bytes()));
        assert!(
            matches!(context.err(), CreateRoomError::Unhandled(_)),
            "{body}: {text}"
        );
        assert_eq!(context.err().request_id(), Some("req-201"));
        assert_eq!(context.err().code(), None);
    }
}

fn body_token(req: &Request) -> String {
    let body: Value = serde_json::from_slice(&req.body).unwrap();
    body["ClientRequestToken"]
        .as_str()
        .expect("token sent")
        .to_owned()
}

#[tokio::test]
async fn throttled_then_created_retries_with_the_same_token() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-amzn-ErrorType", "ThrottledClientException")
                .set_body_raw("{}", "application/json"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(created())
        .mount(&server)
        .await;

    client(&server.uri())
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .expect("second attempt succeeds");

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let tokens: Vec<String> = requests.iter().map(body_token).collect();
    assert_eq!(tokens[0], tokens[1]);
    let uuid = &tokens[0];
    assert_eq!(uuid.len(), 36);
    assert_eq!(&uuid[14..15], "4", "UUID version 4: {uuid}");
    assert!(
        matches!(&uuid[19..20], "8" | "9" | "a" | "b"),
        "RFC 4122 variant: {uuid}"
    );
    let attempts: Vec<_> = requests
        .iter()
        .map(|r| header(r, "amz-sdk-request").unwrap().to_owned())
        .collect();
    assert_eq!(attempts, ["attempt=1; max=3", "attempt=2; max=3"]);
}

#[tokio::test]
async fn throttled_answers_are_retried_by_their_status_not_a_modeled_kind() {
    let response = ResponseTemplate::new(429)
        .insert_header("x-amzn-ErrorType", "ThrottledClientException")
        .set_body_raw(
            r#"{"Code":"Throttled","Message":"slow"}"#,
            "application/json",
        );
    let (err, attempts) = service_error(response).await;
    assert!(err.is_throttled_client_exception());
    assert_eq!(attempts, 3, "429 is retried (chime-sdk's own classifier)");
    // As in aws-sdk-chime: the model states no `@retryable`, so the error
    // has no retry kind; aws-sdk-chime sends this call once.
    assert_eq!(err.retryable_error_kind(), None);
}

#[tokio::test]
async fn bad_request_is_sent_once() {
    let response = ResponseTemplate::new(400)
        .insert_header("x-amzn-ErrorType", "BadRequestException")
        .set_body_raw(
            r#"{"Code":"BadRequest","Message":"no"}"#,
            "application/json",
        );
    let (err, attempts) = service_error(response).await;
    assert!(err.is_bad_request_exception());
    assert_eq!(attempts, 1);
}

#[tokio::test]
async fn an_aws_throttling_code_is_retried_whatever_the_status() {
    // AwsErrorCodeClassifier's list, as for every aws-sdk-rust client.
    let response = ResponseTemplate::new(400)
        .insert_header("x-amzn-ErrorType", "ThrottlingException")
        .set_body_raw(r#"{"Message":"rate exceeded"}"#, "application/json");
    let (err, attempts) = service_error(response).await;
    assert!(matches!(err, CreateRoomError::Unhandled(_)), "{err:?}");
    assert_eq!(attempts, 3);
}

#[tokio::test]
async fn three_unavailable_answers_give_three_attempts_then_the_error() {
    let response = ResponseTemplate::new(503)
        .insert_header("x-amzn-ErrorType", "ServiceUnavailableException")
        .set_body_raw(
            r#"{"Code":"ServiceUnavailable","Message":"later"}"#,
            "application/json",
        );
    let (err, attempts) = service_error(response).await;
    assert_eq!(attempts, 3);
    assert!(err.is_service_unavailable_exception());
}

#[tokio::test]
async fn service_failure_is_retried_and_client_errors_are_not() {
    let (err, attempts) = service_error(
        ResponseTemplate::new(500).insert_header("x-amzn-ErrorType", "ServiceFailureException"),
    )
    .await;
    assert!(err.is_service_failure_exception());
    assert_eq!(attempts, 3);
    let (err, attempts) = service_error(
        ResponseTemplate::new(403).insert_header("x-amzn-ErrorType", "ForbiddenException"),
    )
    .await;
    assert!(err.is_forbidden_exception());
    assert_eq!(attempts, 1);
}

#[tokio::test]
async fn configured_token_provider_is_used() {
    let server = server_answering(created()).await;
    client_with_token(&server.uri(), "fixed-token_1")
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(body_token(&requests[0]), "fixed-token_1");
}
