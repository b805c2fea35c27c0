//! Drop-in test: this file is written the way a user of `aws-sdk-chime`
//! (1.121.x) writes code for `CreateRoom`. Only the crate name changes (the
//! `use chime_sdk as aws_sdk_chime;` line below); everything else names
//! `aws_sdk_chime::...` paths and signatures exactly as aws-sdk-chime has
//! them. A few types are taken from the crates a user of aws-sdk-chime also
//! has (`aws-config`, `aws-smithy-runtime-api`), which works with both.
//!
//! The calls run against the generated fake (`chime_sdk::fake::FakeServer`)
//! or, for the transport-level items, against an `HttpClient` written here.
//!
//! The second half exercises the items added for drop-in use (`// added:`)
//! and asserts chime-sdk's behaviour where it differs (`// differs:`); the
//! README lists what is deliberately not offered.

use chime_sdk as aws_sdk_chime;

use aws_sdk_chime::config::http::{HttpRequest, HttpResponse};
use aws_sdk_chime::config::{BehaviorVersion, Config, Credentials, Region};
use aws_sdk_chime::error::{
    BuildError, DisplayErrorContext, ErrorMetadata, ProvideErrorMetadata, SdkError,
};
use aws_sdk_chime::operation::create_room::builders::{
    CreateRoomFluentBuilder, CreateRoomInputBuilder, CreateRoomOutputBuilder,
};
use aws_sdk_chime::operation::create_room::{CreateRoomError, CreateRoomInput, CreateRoomOutput};
use aws_sdk_chime::primitives::{Blob, DateTime, DateTimeFormat};
use aws_sdk_chime::types::builders::RoomBuilder;
use aws_sdk_chime::types::error::builders::{
    BadRequestExceptionBuilder, ForbiddenExceptionBuilder, NotFoundExceptionBuilder,
    ResourceLimitExceededExceptionBuilder, ServiceFailureExceptionBuilder,
    ServiceUnavailableExceptionBuilder, ThrottledClientExceptionBuilder,
    UnauthorizedClientExceptionBuilder,
};
use aws_sdk_chime::types::error::{
    BadRequestException, ForbiddenException, NotFoundException, ResourceLimitExceededException,
    ServiceFailureException, ServiceUnavailableException, ThrottledClientException,
    UnauthorizedClientException,
};
use aws_sdk_chime::types::{ErrorCode, Room};
use aws_sdk_chime::Client;

// Both SDKs re-export these (`config::retry::RetryConfig`,
// `config::timeout::TimeoutConfig`, `config::HttpClient`,
// `config::RuntimeComponents`); taking them from the crates they come from
// works with both.
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;

use chime_sdk::fake::{FakeServer, Reply};

use std::collections::{BTreeSet, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const REDACTED: &str = "*** Sensitive Data Redacted ***";

fn credentials() -> Credentials {
    Credentials::new("AKIDEXAMPLE", "drop-in-secret", None, None, "drop-in")
}

/// The configuration a test suite of an aws-sdk-chime user typically has:
/// explicit behavior version, region, static credentials, a local endpoint,
/// fast retries.
fn config(mock: &FakeServer) -> aws_sdk_chime::config::Builder {
    Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials())
        .endpoint_url(mock.endpoint_url())
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
}

fn client(mock: &FakeServer) -> Client {
    Client::from_conf(config(mock).build())
}

/// The fake, with a rule of Chime's that the model does not state: a blank
/// name is a BadRequestException.
async fn mock() -> FakeServer {
    let fake = FakeServer::start().await.expect("the fake starts");
    fake.create_room().respond_with(|request| {
        let name = request.input["Name"].as_str().unwrap_or_default();
        if name.trim().is_empty() {
            Reply::error(400, "BadRequestException", "Name is required")
        } else {
            Reply::model()
        }
    });
    fake
}

/// The fake, answering the first `n` requests (and keeping their rooms)
/// with a 503 instead of the answer, as if it were lost on the way back.
async fn losing_first(n: usize) -> FakeServer {
    let fake = mock().await;
    fake.create_room().times(
        n,
        Reply::lost(503, "ServiceUnavailableException", "the response was lost"),
    );
    fake
}

fn request_body(mock: &FakeServer, n: usize) -> serde_json::Value {
    serde_json::from_str(&mock.requests()[n].body).expect("a JSON body")
}

// ---------------------------------------------------------------------------
// Client, fluent builder, output and Room
// ---------------------------------------------------------------------------

#[tokio::test]
async fn create_room_with_client_from_conf() {
    let mock = mock().await;
    let client = client(&mock);
    assert_eq!(client.config().region(), Some(&Region::new("us-east-1")));

    let output: CreateRoomOutput = client
        .create_room()
        .account_id("12a3456b-7c89-012d-3456-78901e23fg45")
        .name("Team Room")
        .client_request_token("token-0001")
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateRoom fails: {}", DisplayErrorContext(&e)));

    let room: &Room = output.room().expect("a room");
    assert_eq!(room.name(), Some("Team Room"));
    assert_eq!(
        room.account_id(),
        Some("12a3456b-7c89-012d-3456-78901e23fg45")
    );
    assert!(room.room_id().is_some_and(|id| !id.is_empty()));
    // Made up by the fake within the model (`\\S`).
    assert!(room.created_by().is_some_and(|s| !s.trim().is_empty()));
    let created: &DateTime = room.created_timestamp().expect("created");
    let updated: &DateTime = room.updated_timestamp().expect("updated");
    assert!(created.secs() > 1_500_000_000, "{created}");
    assert_eq!(created, updated);
    // The public fields say the same as the accessors.
    assert_eq!(output.room.as_ref(), Some(room));
    assert_eq!(room.name.as_deref(), Some("Team Room"));

    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].method, "POST");
    assert_eq!(
        requests[0].uri,
        "/accounts/12a3456b-7c89-012d-3456-78901e23fg45/rooms"
    );
    assert_eq!(
        request_body(&mock, 0),
        serde_json::json!({"ClientRequestToken": "token-0001", "Name": "Team Room"})
    );
}

#[tokio::test]
async fn fluent_builder_setters_getters_and_as_input() {
    let mock = mock().await;
    let client = client(&mock);

    let builder: CreateRoomFluentBuilder = client
        .create_room()
        .set_account_id(Some("acct-1".to_owned()))
        .set_name(Some("First".to_owned()))
        .set_client_request_token(Some("token-0002".to_owned()));
    assert_eq!(builder.get_account_id(), &Some("acct-1".to_owned()));
    assert_eq!(builder.get_name(), &Some("First".to_owned()));
    assert_eq!(
        builder.get_client_request_token(),
        &Some("token-0002".to_owned())
    );
    let input: &CreateRoomInputBuilder = builder.as_input();
    assert_eq!(input.get_name().as_deref(), Some("First"));

    // Fluent builders are Clone and Debug; Debug hides the sensitive members.
    let again = builder.clone().name("Second");
    let debug = format!("{again:?}");
    assert!(
        !debug.contains("Second") && !debug.contains("token-0002"),
        "{debug}"
    );

    let first = builder.send().await.expect("first");
    let second = again.send().await.expect("second");
    // The same ClientRequestToken: the mock (like Chime) returns the same room.
    assert_eq!(
        first.room().and_then(Room::room_id),
        second.room().and_then(Room::room_id)
    );
    assert_eq!(mock.create_room().stats().generated, 1);

    // Unset token: the SDK fills in a UUIDv4.
    client
        .create_room()
        .account_id("acct-1")
        .name("Third")
        .set_client_request_token(None)
        .send()
        .await
        .expect("third");
    let token = request_body(&mock, 2)["ClientRequestToken"]
        .as_str()
        .expect("a token was sent")
        .to_owned();
    assert_eq!(token.len(), 36, "{token}");
    assert_eq!(&token[14..15], "4", "UUID version 4: {token}");
    assert_eq!(mock.create_room().stats().generated, 2);
}

#[tokio::test]
async fn client_new_from_sdk_config_loaded_by_aws_config() {
    let mock = mock().await;
    let sdk_config = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials())
        .endpoint_url(mock.endpoint_url())
        .load()
        .await;

    let client = Client::new(&sdk_config);
    assert_eq!(client.config().region(), Some(&Region::new("us-east-1")));
    let out = client
        .create_room()
        .account_id("acct")
        .name("From SdkConfig")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{}", DisplayErrorContext(&e)));
    assert_eq!(out.room().unwrap().name(), Some("From SdkConfig"));

    // `Config: From<&SdkConfig>`, then the config handed on, as it came.
    let config = Config::from(&sdk_config);
    let client = Client::from_conf(config.clone());
    let out = client
        .create_room()
        .account_id("acct")
        .name("From Config::from")
        .send()
        .await
        .unwrap();
    assert_eq!(out.room().unwrap().name(), Some("From Config::from"));

    // The sleep and time source aws-config made, passed on by hand (what a
    // user does to share them between clients).
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(sdk_config.region().cloned())
        .credentials_provider(credentials())
        .endpoint_url(mock.endpoint_url())
        .sleep_impl(sdk_config.sleep_impl().expect("aws-config sets a sleep"))
        .time_source(
            sdk_config
                .time_source()
                .expect("aws-config sets a time source"),
        )
        .build();
    let out = Client::from_conf(config)
        .create_room()
        .account_id("acct")
        .name("Shared sleep")
        .send()
        .await
        .unwrap();
    assert_eq!(out.room().unwrap().name(), Some("Shared sleep"));
    assert_eq!(mock.create_room().stats().generated, 3);
}

#[tokio::test]
async fn config_to_builder_and_back() {
    let mock = mock().await;
    let client = client(&mock);
    let config: Config = client
        .config()
        .to_builder()
        .region(Region::from_static("us-west-2"))
        .build();
    assert_eq!(config.region(), Some(&Region::new("us-west-2")));
    let client = Client::from_conf(config);
    let out = client
        .create_room()
        .account_id("acct")
        .name("Rebuilt")
        .send()
        .await
        .unwrap();
    assert_eq!(out.room().unwrap().name(), Some("Rebuilt"));
    let auth = mock.requests()[0]
        .headers
        .iter()
        .find(|(k, _)| k == "authorization")
        .map(|(_, v)| v.clone())
        .expect("signed");
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"),
        "{auth}"
    );
    assert!(auth.contains("/us-west-2/chime/aws4_request"), "{auth}");
}

#[tokio::test]
async fn one_client_shared_by_tasks() {
    let mock = mock().await;
    let client = client(&mock);
    let tasks: Vec<_> = (0..8)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .create_room()
                    .account_id("acct")
                    .name(format!("Room {i}"))
                    .send()
                    .await
            })
        })
        .collect();
    let mut names = BTreeSet::new();
    for task in tasks {
        let out = task.await.unwrap().unwrap();
        names.insert(out.room().unwrap().name().unwrap().to_owned());
    }
    assert_eq!(names.len(), 8);
    assert!(names.contains("Room 7"));
    assert_eq!(mock.create_room().stats().generated, 8);
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

#[tokio::test]
async fn bad_request_is_a_typed_service_error() {
    let mock = mock().await;
    let client = client(&mock);
    // Chime rejects a blank name (the model only says it is required).
    let err: SdkError<CreateRoomError, HttpResponse> = client
        .create_room()
        .account_id("acct")
        .name("   ")
        .send()
        .await
        .expect_err("the mock rejects a blank name");

    let context = DisplayErrorContext(&err).to_string();
    assert!(context.contains("BadRequestException"), "{context}");
    assert!(context.contains("Name is required"), "{context}");

    // ProvideErrorMetadata on the SdkError.
    assert_eq!(err.code(), Some("BadRequestException"));
    assert_eq!(err.message(), Some("Name is required"));
    assert_eq!(err.meta().code(), Some("BadRequestException"));

    let raw = err.raw_response().expect("a response came back");
    assert_eq!(raw.status().as_u16(), 400);
    assert_eq!(
        raw.headers().get("x-amzn-requestid"),
        Some(mock.requests()[0].request_id.as_str())
    );

    let service_error: &CreateRoomError = err.as_service_error().expect("a service error");
    assert!(service_error.is_bad_request_exception());
    assert!(!service_error.is_forbidden_exception());
    assert!(!service_error.is_not_found_exception());
    assert!(!service_error.is_resource_limit_exceeded_exception());
    assert!(!service_error.is_service_failure_exception());
    assert!(!service_error.is_service_unavailable_exception());
    assert!(!service_error.is_throttled_client_exception());
    assert!(!service_error.is_unauthorized_client_exception());
    assert_eq!(service_error.meta().code(), Some("BadRequestException"));
    assert_eq!(service_error.meta().message(), Some("Name is required"));
    assert!(service_error.to_string().contains("Name is required"));

    match &err {
        SdkError::ServiceError(context) => {
            assert!(context.err().is_bad_request_exception());
            assert_eq!(context.raw().status().as_u16(), 400);
        }
        other => panic!("expected a service error: {}", DisplayErrorContext(other)),
    }

    // The modeled members.
    match err.into_service_error() {
        CreateRoomError::BadRequestException(e) => {
            assert_eq!(e.code(), Some(&ErrorCode::BadRequest));
            assert_eq!(e.code, Some(ErrorCode::BadRequest));
            assert_eq!(e.message(), Some("Name is required"));
            assert_eq!(ProvideErrorMetadata::code(&e), Some("BadRequestException"));
            assert_eq!(ProvideErrorMetadata::message(&e), Some("Name is required"));
            let display = e.to_string();
            assert!(display.starts_with("BadRequestException"), "{display}");
            assert!(display.contains("Name is required"), "{display}");
            let _: &dyn std::error::Error = &e;
        }
        other => panic!("expected BadRequestException, got {other:?}"),
    }
    assert_eq!(mock.create_room().stats().generated, 0);
}

#[tokio::test]
async fn errors_convert_to_box_dyn_error_with_question_mark() {
    async fn create(client: &Client) -> Result<Room, Box<dyn std::error::Error + Send + Sync>> {
        let out = client
            .create_room()
            .account_id("acct")
            .name(" ")
            .send()
            .await?;
        Ok(out.room.expect("room"))
    }
    let mock = mock().await;
    let err = create(&client(&mock)).await.expect_err("a blank name");
    let err = err
        .downcast::<SdkError<CreateRoomError, HttpResponse>>()
        .expect("an SdkError");
    assert!(err.into_service_error().is_bad_request_exception());
}

#[tokio::test]
async fn a_missing_label_fails_before_anything_is_sent() {
    let mock = mock().await;
    let err = client(&mock)
        .create_room()
        .name("No account")
        .send()
        .await
        .expect_err("account_id is required");
    assert!(
        matches!(err, SdkError::ConstructionFailure(_)),
        "{}",
        DisplayErrorContext(&err)
    );
    assert!(err.as_service_error().is_none());
    assert!(err.raw_response().is_none());
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn lost_response_is_retried_with_the_same_token() {
    let mock = losing_first(1).await;
    let out = client(&mock)
        .create_room()
        .account_id("acct")
        .name("Retried")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{}", DisplayErrorContext(&e)));
    assert_eq!(out.room().unwrap().name(), Some("Retried"));
    assert_eq!(mock.requests().len(), 2);
    assert_eq!(
        request_body(&mock, 0)["ClientRequestToken"],
        request_body(&mock, 1)["ClientRequestToken"]
    );
    assert_eq!(mock.create_room().stats().generated, 1);
}

#[tokio::test]
async fn service_unavailable_after_the_last_attempt() {
    let mock = losing_first(10).await;
    let err = client(&mock)
        .create_room()
        .account_id("acct")
        .name("Unlucky")
        .send()
        .await
        .expect_err("every attempt fails");
    assert_eq!(mock.requests().len(), 3, "standard retries: 3 attempts");
    let err = err.into_service_error();
    assert!(err.is_service_unavailable_exception(), "{err:?}");
    let CreateRoomError::ServiceUnavailableException(e) = err else {
        unreachable!()
    };
    assert_eq!(e.code(), Some(&ErrorCode::ServiceUnavailable));
    assert_eq!(e.message(), Some("the response was lost"));

    // Retries disabled: one attempt.
    let mock = losing_first(10).await;
    let client = Client::from_conf(config(&mock).retry_config(RetryConfig::disabled()).build());
    let err = client
        .create_room()
        .account_id("acct")
        .name("Once")
        .send()
        .await
        .expect_err("fails");
    assert!(err.into_service_error().is_service_unavailable_exception());
    assert_eq!(mock.requests().len(), 1);
}

// ---------------------------------------------------------------------------
// Transport: http_client and timeout_config
// ---------------------------------------------------------------------------

const CANNED_ROOM: &str = r#"{"Room":{"RoomId":"room-1","Name":"Canned","AccountId":"acct-1",
"CreatedBy":"arn:aws:iam::111122223333:user/alice","CreatedTimestamp":"2019-12-02T21:25:26.123Z",
"UpdatedTimestamp":"2019-12-02T21:30:00Z"}}"#;

/// What [`CannedHttpClient`] was sent: method, URI, `authorization` header.
type Sent = (String, String, Option<String>);

/// An `HttpClient` that answers every request with 201 and a room, and
/// records what it was sent (what users write in place of the test-util
/// replay clients).
#[derive(Clone, Debug, Default)]
struct CannedHttpClient {
    sent: Arc<Mutex<Vec<Sent>>>,
    never_answer: bool,
}

impl HttpClient for CannedHttpClient {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

impl HttpConnector for CannedHttpClient {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        self.sent.lock().unwrap().push((
            request.method().to_owned(),
            request.uri().to_owned(),
            request.headers().get("authorization").map(str::to_owned),
        ));
        if self.never_answer {
            return HttpConnectorFuture::new(std::future::pending());
        }
        let mut response =
            HttpResponse::new(StatusCode::try_from(201).unwrap(), CANNED_ROOM.into());
        response
            .headers_mut()
            .insert("content-type", "application/json");
        response
            .headers_mut()
            .insert("x-amzn-requestid", "canned-request-id");
        HttpConnectorFuture::ready(Ok(response))
    }
}

#[tokio::test]
async fn http_client_replaces_the_transport() {
    let http = CannedHttpClient::default();
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials())
        .http_client(http.clone())
        .build();
    let out = Client::from_conf(config)
        .create_room()
        .account_id("acct-1")
        .name("Canned")
        .send()
        .await
        .unwrap_or_else(|e| panic!("{}", DisplayErrorContext(&e)));
    let room = out.room().unwrap();
    assert_eq!(room.room_id(), Some("room-1"));
    assert_eq!(
        room.created_timestamp(),
        Some(&DateTime::from_str("2019-12-02T21:25:26.123Z", DateTimeFormat::DateTime).unwrap())
    );
    assert_eq!(room.updated_timestamp().unwrap().secs(), 1_575_322_200);

    let sent = http.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    let (method, uri, auth) = &sent[0];
    assert_eq!(method, "POST");
    // The default endpoint for us-east-1.
    assert_eq!(
        uri,
        "https://chime.us-east-1.amazonaws.com/accounts/acct-1/rooms"
    );
    let auth = auth.as_deref().expect("signed");
    assert!(auth.contains("/us-east-1/chime/aws4_request"), "{auth}");
}

#[tokio::test]
async fn operation_timeout_ends_a_call_that_never_answers() {
    let http = CannedHttpClient {
        never_answer: true,
        ..Default::default()
    };
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials())
        .http_client(http.clone())
        .retry_config(RetryConfig::standard().with_max_attempts(1))
        .timeout_config(
            TimeoutConfig::builder()
                .operation_timeout(Duration::from_millis(200))
                .build(),
        )
        .build();
    let started = std::time::Instant::now();
    let err = Client::from_conf(config)
        .create_room()
        .account_id("acct-1")
        .name("Never")
        .send()
        .await
        .expect_err("times out");
    assert!(
        matches!(err, SdkError::TimeoutError(_)),
        "{}",
        DisplayErrorContext(&err)
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(http.sent.lock().unwrap().len(), 1);
}

// ---------------------------------------------------------------------------
// Input, output and type builders without a call
// ---------------------------------------------------------------------------

#[test]
fn input_builder_and_input() {
    let builder = CreateRoomInput::builder()
        .account_id("acct")
        .name("Secret Name")
        .client_request_token("token-3");
    assert_eq!(builder.get_account_id(), &Some("acct".to_owned()));
    assert_eq!(builder.get_name(), &Some("Secret Name".to_owned()));
    assert_eq!(
        builder.get_client_request_token(),
        &Some("token-3".to_owned())
    );
    let builder_debug = format!("{builder:?}");
    assert!(!builder_debug.contains("Secret Name"), "{builder_debug}");
    assert_eq!(
        builder.clone(),
        builder.clone().set_name(Some("Secret Name".into()))
    );

    let input: CreateRoomInput = builder.build().expect("build never fails");
    assert_eq!(input.account_id(), Some("acct"));
    assert_eq!(input.name(), Some("Secret Name"));
    assert_eq!(input.client_request_token(), Some("token-3"));
    assert_eq!(input.account_id.as_deref(), Some("acct"));
    assert_eq!(
        format!("{input:?}"),
        format!(
            "CreateRoomInput {{ account_id: Some(\"acct\"), name: {REDACTED:?}, \
             client_request_token: {REDACTED:?} }}"
        )
    );
    assert_eq!(input.clone(), input);

    // Required members are not checked by `build()`.
    let empty: Result<CreateRoomInput, BuildError> = CreateRoomInputBuilder::default().build();
    let empty = empty.unwrap();
    assert_eq!(empty.account_id(), None);
    assert_eq!(empty.name(), None);
}

#[test]
fn output_builder_room_builder_and_room() {
    let created = DateTime::from_secs(1_575_321_926);
    let updated = DateTime::from_millis(1_575_322_200_000);
    let builder: RoomBuilder = Room::builder()
        .room_id("room-1")
        .name("Secret Name")
        .account_id("acct")
        .created_by("arn:aws:iam::111122223333:user/alice")
        .created_timestamp(created)
        .updated_timestamp(updated);
    assert_eq!(builder.get_room_id(), &Some("room-1".to_owned()));
    assert_eq!(builder.get_name(), &Some("Secret Name".to_owned()));
    assert_eq!(builder.get_account_id(), &Some("acct".to_owned()));
    assert_eq!(
        builder.get_created_by().as_deref(),
        Some("arn:aws:iam::111122223333:user/alice")
    );
    assert_eq!(builder.get_created_timestamp(), &Some(created));
    assert_eq!(builder.get_updated_timestamp(), &Some(updated));
    assert!(!format!("{builder:?}").contains("Secret Name"));
    let builder = builder
        .set_room_id(Some("room-2".into()))
        .set_name(Some("Other".into()))
        .set_account_id(Some("acct-2".into()))
        .set_created_by(None)
        .set_created_timestamp(Some(created))
        .set_updated_timestamp(None);

    let room: Room = builder.build();
    assert_eq!(room.room_id(), Some("room-2"));
    assert_eq!(room.name(), Some("Other"));
    assert_eq!(room.account_id(), Some("acct-2"));
    assert_eq!(room.created_by(), None);
    assert_eq!(room.created_timestamp(), Some(&created));
    assert_eq!(room.updated_timestamp(), None);
    assert_eq!(
        room.created_timestamp()
            .unwrap()
            .fmt(DateTimeFormat::DateTime)
            .unwrap(),
        "2019-12-02T21:25:26Z"
    );
    assert_eq!(
        format!("{room:?}"),
        format!(
            "Room {{ room_id: Some(\"room-2\"), name: {REDACTED:?}, account_id: Some(\"acct-2\"), \
             created_by: None, created_timestamp: Some({created:?}), updated_timestamp: None }}"
        )
    );

    let output_builder: CreateRoomOutputBuilder = CreateRoomOutput::builder().room(room.clone());
    assert_eq!(output_builder.get_room(), &Some(room.clone()));
    let output = output_builder.set_room(None).build();
    assert_eq!(output.room(), None);
    let output = CreateRoomOutput::builder().room(room.clone()).build();
    assert_eq!(output.room(), Some(&room));
    assert_eq!(output.clone(), output);
    assert!(!format!("{output:?}").contains("Other"));
}

#[test]
fn error_code_enum() {
    assert_eq!(ErrorCode::from("BadRequest"), ErrorCode::BadRequest);
    assert_eq!(
        "Throttled".parse::<ErrorCode>().unwrap(),
        ErrorCode::Throttled
    );
    assert_eq!(ErrorCode::NotFound.as_str(), "NotFound");
    assert_eq!(
        ErrorCode::ServiceUnavailable.to_string(),
        "ServiceUnavailable"
    );
    assert_eq!(ErrorCode::Unauthorized.as_ref(), "Unauthorized");
    let values: HashSet<&str> = ErrorCode::values().iter().copied().collect();
    assert_eq!(ErrorCode::values().len(), 15);
    for v in [
        "AccessDenied",
        "BadRequest",
        "Conflict",
        "Forbidden",
        "NotFound",
        "PhoneNumberAssociationsExist",
        "PreconditionFailed",
        "ResourceLimitExceeded",
        "ServiceFailure",
        "ServiceUnavailable",
        "Throttled",
        "Throttling",
        "Unauthorized",
        "Unprocessable",
        "VoiceConnectorGroupAssociationsExist",
    ] {
        assert!(values.contains(v), "{v}");
        assert_eq!(ErrorCode::from(v).as_str(), v);
    }
    // Unknown values are kept as sent (matching on `Unknown` is discouraged:
    // compare `as_str()` instead).
    let new = ErrorCode::from("SomethingNew");
    assert_eq!(new.as_str(), "SomethingNew");
    assert_eq!(new.to_string(), "SomethingNew");
    assert_ne!(new, ErrorCode::BadRequest);
    // Ord + Hash + Clone.
    let set: BTreeSet<ErrorCode> = [
        ErrorCode::Throttled,
        ErrorCode::BadRequest,
        ErrorCode::Throttled,
    ]
    .into_iter()
    .collect();
    assert_eq!(set.len(), 2);
    let hashed: HashSet<ErrorCode> = set.iter().cloned().collect();
    assert!(hashed.contains(&ErrorCode::BadRequest));
}

fn meta(code: &str) -> ErrorMetadata {
    ErrorMetadata::builder()
        .code(code)
        .message("because")
        .custom("extra", "value")
        .build()
}

/// What every modeled exception offers through its traits.
fn check_exception<E>(e: &E, name: &str)
where
    E: ProvideErrorMetadata + std::error::Error + Clone + PartialEq + Send + Sync + 'static,
{
    assert_eq!(e.meta().code(), Some(name));
    assert_eq!(ProvideErrorMetadata::code(e), Some(name));
    assert_eq!(ProvideErrorMetadata::message(e), Some("because"));
    assert_eq!(e.meta().extra("extra"), Some("value"));
    assert!(e.to_string().starts_with(name), "{e}");
    assert!(e.to_string().contains("msg"), "{e}");
    assert_eq!(&e.clone(), e);
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e.clone());
    assert!(boxed.to_string().starts_with(name));
}

#[test]
fn exception_builders_and_accessors() {
    let builder: BadRequestExceptionBuilder = BadRequestException::builder()
        .code(ErrorCode::BadRequest)
        .message("msg");
    assert_eq!(builder.get_code(), &Some(ErrorCode::BadRequest));
    assert_eq!(builder.get_message(), &Some("msg".to_owned()));
    let e = builder
        .set_code(Some(ErrorCode::BadRequest))
        .set_message(Some("msg".into()))
        .meta(meta("BadRequestException"))
        .build();
    assert_eq!(e.code(), Some(&ErrorCode::BadRequest));
    assert_eq!(e.message(), Some("msg"));
    assert_eq!(e.message.as_deref(), Some("msg"));
    check_exception(&e, "BadRequestException");
    let op_err = CreateRoomError::BadRequestException(e);
    assert!(op_err.is_bad_request_exception());
    assert_eq!(op_err.meta().code(), Some("BadRequestException"));
    assert_eq!(
        ProvideErrorMetadata::code(&op_err),
        Some("BadRequestException")
    );

    let b: ForbiddenExceptionBuilder = ForbiddenException::builder();
    let e = b
        .code(ErrorCode::Forbidden)
        .message("msg")
        .meta(meta("ForbiddenException"))
        .build();
    assert_eq!(e.code(), Some(&ErrorCode::Forbidden));
    check_exception(&e, "ForbiddenException");
    assert!(CreateRoomError::ForbiddenException(e).is_forbidden_exception());

    let b: NotFoundExceptionBuilder = NotFoundException::builder();
    let e = b
        .code(ErrorCode::NotFound)
        .message("msg")
        .meta(meta("NotFoundException"))
        .build();
    assert_eq!(e.message(), Some("msg"));
    check_exception(&e, "NotFoundException");
    assert!(CreateRoomError::NotFoundException(e).is_not_found_exception());

    let b: ResourceLimitExceededExceptionBuilder = ResourceLimitExceededException::builder();
    let e = b
        .code(ErrorCode::ResourceLimitExceeded)
        .message("msg")
        .meta(meta("ResourceLimitExceededException"))
        .build();
    check_exception(&e, "ResourceLimitExceededException");
    assert!(
        CreateRoomError::ResourceLimitExceededException(e).is_resource_limit_exceeded_exception()
    );

    let b: ServiceFailureExceptionBuilder = ServiceFailureException::builder();
    let e = b
        .code(ErrorCode::ServiceFailure)
        .message("msg")
        .meta(meta("ServiceFailureException"))
        .build();
    check_exception(&e, "ServiceFailureException");
    assert!(CreateRoomError::ServiceFailureException(e).is_service_failure_exception());

    let b: ServiceUnavailableExceptionBuilder = ServiceUnavailableException::builder();
    let e = b
        .code(ErrorCode::ServiceUnavailable)
        .message("msg")
        .meta(meta("ServiceUnavailableException"))
        .build();
    check_exception(&e, "ServiceUnavailableException");
    assert!(CreateRoomError::ServiceUnavailableException(e).is_service_unavailable_exception());

    let b: ThrottledClientExceptionBuilder = ThrottledClientException::builder();
    let e = b
        .code(ErrorCode::Throttled)
        .message("msg")
        .meta(meta("ThrottledClientException"))
        .build();
    check_exception(&e, "ThrottledClientException");
    assert!(CreateRoomError::ThrottledClientException(e).is_throttled_client_exception());

    let b: UnauthorizedClientExceptionBuilder = UnauthorizedClientException::builder();
    let e = b
        .code(ErrorCode::Unauthorized)
        .message("msg")
        .meta(meta("UnauthorizedClientException"))
        .build();
    check_exception(&e, "UnauthorizedClientException");
    assert!(CreateRoomError::UnauthorizedClientException(e).is_unauthorized_client_exception());

    // Defaults: no code, no message, empty metadata.
    let e = BadRequestException::builder().build();
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), None);
    assert_eq!(e.meta().code(), None);
}

#[test]
fn sdk_error_constructors_and_build_error() {
    let build_error = BuildError::missing_field("account_id", "it is required");
    assert!(
        build_error.to_string().contains("account_id"),
        "{build_error}"
    );
    let err: SdkError<CreateRoomError, HttpResponse> = SdkError::construction_failure(build_error);
    assert!(matches!(err, SdkError::ConstructionFailure(_)));
    assert!(DisplayErrorContext(&err).to_string().contains("account_id"));
    assert_eq!(err.code(), None);

    let raw = HttpResponse::new(StatusCode::try_from(403).unwrap(), "{}".into());
    let service = CreateRoomError::ForbiddenException(
        ForbiddenException::builder()
            .meta(meta("ForbiddenException"))
            .build(),
    );
    let err: SdkError<CreateRoomError, HttpResponse> = SdkError::service_error(service, raw);
    assert_eq!(err.code(), Some("ForbiddenException"));
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    assert!(err.into_service_error().is_forbidden_exception());
}

#[test]
fn primitives() {
    let blob = Blob::new(b"bytes".to_vec());
    assert_eq!(blob.clone().into_inner(), b"bytes".to_vec());
    assert_eq!(blob, Blob::new("bytes"));
    let t = DateTime::from_str("2019-12-02T21:25:26.123Z", DateTimeFormat::DateTime).unwrap();
    assert_eq!(t.secs(), 1_575_321_926);
    assert_eq!(t.subsec_nanos(), 123_000_000);
    assert_eq!(
        t.fmt(DateTimeFormat::HttpDate).unwrap(),
        "Mon, 02 Dec 2019 21:25:26 GMT"
    );
    assert_eq!(aws_sdk_chime::Config::builder().build().region(), None);
}

// ===========================================================================
// Items added for drop-in use; each block names what it exercises. Where
// chime-sdk behaves differently (`differs:`), the test asserts chime-sdk's
// behaviour and says what aws-sdk-chime does.
// ===========================================================================

// added: aws_sdk_chime::client::Client (the `client` module path)
// added: aws_sdk_chime::meta::PKG_VERSION
#[test]
fn crate_level_paths() {
    let _: fn(Config) -> aws_sdk_chime::client::Client = aws_sdk_chime::client::Client::from_conf;
    assert!(!aws_sdk_chime::meta::PKG_VERSION.is_empty());
}

// added: aws_sdk_chime::config::retry::{RetryConfig, RetryMode, ReconnectMode, RetryConfigBuilder}
// added: aws_sdk_chime::config::timeout::{TimeoutConfig, TimeoutConfigBuilder}
// added: Config::retry_config(&self) -> Option<&RetryConfig>
// added: Config::timeout_config(&self) -> Option<&TimeoutConfig>
// added: Config::sleep_impl / time_source / http_client getters
// added: Config::new(&SdkConfig)
// added: config::Builder::new()
// added: Builder::behavior_version_latest()
// added: Builder::set_region / set_credentials_provider / set_endpoint_url / set_retry_config / set_timeout_config / set_behavior_version
#[tokio::test]
async fn config_paths_and_getters() {
    use aws_sdk_chime::config::retry::{ReconnectMode, RetryConfig, RetryMode};
    use aws_sdk_chime::config::timeout::TimeoutConfig;
    let mock = mock().await;
    let retry = RetryConfig::standard()
        .with_max_attempts(2)
        .with_initial_backoff(Duration::from_millis(1))
        .with_reconnect_mode(ReconnectMode::ReconnectOnTransientError);
    let timeout = TimeoutConfig::builder()
        .operation_timeout(Duration::from_secs(5))
        .build();
    let mut builder = aws_sdk_chime::config::Builder::new().behavior_version_latest();
    builder
        .set_region(Some(Region::new("us-east-1")))
        .set_credentials_provider(Some(aws_sdk_chime::config::SharedCredentialsProvider::new(
            credentials(),
        )))
        .set_endpoint_url(Some(mock.endpoint_url()))
        .set_retry_config(Some(retry.clone()))
        .set_timeout_config(Some(timeout.clone()))
        .set_behavior_version(Some(BehaviorVersion::latest()));
    let config = builder.build();
    assert_eq!(
        config.retry_config().map(|r| r.mode()),
        Some(RetryMode::Standard)
    );
    assert_eq!(config.retry_config().map(|r| r.max_attempts()), Some(2));
    assert_eq!(
        config.timeout_config().and_then(|t| t.operation_timeout()),
        Some(Duration::from_secs(5))
    );
    // differs: no `signing_name()` (the runtime's Config serves every
    // generated SDK); no time source until one is set (the client uses the
    // system clock).
    assert!(config.time_source().is_none());
    assert!(config.sleep_impl().is_none()); // the defaults are added by the client, not the Config
    assert!(config.http_client().is_none());
    let out = Client::from_conf(config)
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert_eq!(out.room().unwrap().name(), Some("n"));
}

// added: impl From<&SdkConfig> for aws_sdk_chime::config::Builder
#[tokio::test]
async fn builder_from_sdk_config_to_override_one_setting() {
    let mock = mock().await;
    let sdk_config = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(credentials())
        .endpoint_url(mock.endpoint_url())
        .load()
        .await;
    let config = aws_sdk_chime::config::Builder::from(&sdk_config)
        .retry_config(RetryConfig::disabled())
        .build();
    let out = Client::from_conf(config)
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert!(out.room().is_some());
    let _same: Config = Config::new(&sdk_config);
}

// added: Builder::sleep_impl(impl AsyncSleep + 'static)
// added: Builder::time_source(impl TimeSource + 'static)
// added: aws_sdk_chime::config::{AsyncSleep, SharedAsyncSleep, Sleep, SharedHttpClient, HttpClient, RuntimeComponents, IntoShared}
#[derive(Debug)]
struct NoSleep;
impl aws_sdk_chime::config::AsyncSleep for NoSleep {
    fn sleep(&self, _: Duration) -> aws_sdk_chime::config::Sleep {
        aws_sdk_chime::config::Sleep::new(std::future::ready(()))
    }
}
#[tokio::test]
async fn custom_sleep_impl() {
    let mock = losing_first(1).await;
    let config = config(&mock)
        .retry_config(RetryConfig::standard()) // 1 s backoff, but sleeping is a no-op
        .sleep_impl(NoSleep)
        // Timeouts sleep on the same implementation: off, or they fire at once.
        .timeout_config(TimeoutConfig::disabled())
        .build();
    let started = std::time::Instant::now();
    Client::from_conf(config)
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() < Duration::from_millis(500));
}

// added: Builder::idempotency_token_provider(impl Into<IdempotencyTokenProvider>) with From<&'static str>
// (aws-sdk-chime's provider type is not nameable: users pass a &'static str)
#[tokio::test]
async fn fixed_idempotency_token() {
    let mock = mock().await;
    let client = Client::from_conf(
        config(&mock)
            .idempotency_token_provider("00000000-0000-4000-8000-000000000000")
            .build(),
    );
    client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert_eq!(
        request_body(&mock, 0)["ClientRequestToken"],
        "00000000-0000-4000-8000-000000000000"
    );
}

// added: Builder::interceptor(impl Intercept + 'static), push_interceptor, set_interceptors; Config::interceptors()
// added: aws_sdk_chime::config::{Intercept, SharedInterceptor}, aws_sdk_chime::config::interceptors::BeforeTransmitInterceptorContextMut, ConfigBag, RuntimeComponents
#[derive(Debug)]
struct AddHeader;
impl aws_sdk_chime::config::Intercept for AddHeader {
    fn name(&self) -> &'static str {
        "AddHeader"
    }
    fn modify_before_signing(
        &self,
        context: &mut aws_sdk_chime::config::interceptors::BeforeTransmitInterceptorContextMut<'_>,
        _rc: &aws_sdk_chime::config::RuntimeComponents,
        _cfg: &mut aws_sdk_chime::config::ConfigBag,
    ) -> Result<(), aws_sdk_chime::error::BoxError> {
        context.request_mut().headers_mut().insert("x-drop-in", "1");
        Ok(())
    }
}
#[tokio::test]
async fn config_interceptor() {
    let mock = mock().await;
    let client = Client::from_conf(config(&mock).interceptor(AddHeader).build());
    assert_eq!(client.config().interceptors().count(), 1);
    client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert!(mock.requests()[0]
        .headers
        .iter()
        .any(|(k, v)| k == "x-drop-in" && v == "1"));
}

// added: CreateRoomFluentBuilder::customize()
// added: aws_sdk_chime::client::customize::CustomizableOperation::{mutate_request, map_request, interceptor, send}
#[tokio::test]
async fn customize_one_call() {
    let mock = mock().await;
    let client = client(&mock);
    let out = client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .mutate_request(|req| {
            req.headers_mut().insert("x-mutated", "yes");
        })
        .map_request(Ok::<_, std::convert::Infallible>)
        .interceptor(AddHeader)
        .send()
        .await
        .unwrap();
    assert!(out.room().is_some());
    assert!(mock.requests()[0]
        .headers
        .iter()
        .any(|(k, v)| k == "x-mutated" && v == "yes"));
    assert!(mock.requests()[0]
        .headers
        .iter()
        .any(|(k, v)| k == "x-drop-in" && v == "1"));
}

// added: CustomizableOperation::config_override(impl Into<aws_sdk_chime::config::Builder>)
// added: aws_sdk_chime::config::AppName, Builder::app_name / set_app_name, Config::app_name
#[tokio::test]
async fn config_override_and_app_name() {
    use aws_sdk_chime::config::AppName;
    let mock = mock().await;
    let mut builder = config(&mock);
    builder.set_app_name(Some(AppName::new("drop-in-app").unwrap()));
    let client = Client::from_conf(builder.build());
    assert_eq!(
        client.config().app_name().map(|a| a.to_string()),
        Some("drop-in-app".to_owned())
    );
    client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .config_override(
            aws_sdk_chime::config::Config::builder()
                .app_name(AppName::new("one-call").unwrap())
                .retry_config(RetryConfig::disabled()),
        )
        .send()
        .await
        .unwrap();
    client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    let agents: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| {
            r.headers
                .iter()
                .find(|(k, _)| k == "x-amz-user-agent")
                .map(|(_, v)| v.clone())
                .unwrap()
        })
        .collect();
    assert!(agents[0].ends_with(" app/one-call"), "{agents:?}");
    assert!(agents[1].ends_with(" app/drop-in-app"), "{agents:?}");
}

// added: Builder::with_test_defaults / with_test_defaults_v2 / apply_test_defaults(_v2)
// (feature `test-util`, as in aws-sdk-chime)
#[tokio::test]
async fn test_defaults() {
    let mock = mock().await;
    let config = aws_sdk_chime::config::Config::builder()
        .with_test_defaults_v2()
        .endpoint_url(mock.endpoint_url())
        .build();
    assert_eq!(
        config.region().map(|r| r.to_string()),
        Some("us-east-1".to_owned())
    );
    assert!(config.time_source().is_some());
    Client::from_conf(config)
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    let mut builder = aws_sdk_chime::config::Config::builder();
    builder.apply_test_defaults();
    assert!(builder.build().region().is_none(), "v1 sets no region");
    assert_eq!(
        request_body(&mock, 0)["ClientRequestToken"],
        "00000000-0000-4000-8000-000000000000"
    );
    let ua = &mock.requests()[0].headers;
    let ua = ua.iter().find(|(k, _)| k == "x-amz-user-agent").unwrap();
    assert!(ua.1.starts_with("aws-sdk-rust/0.123.test"), "{}", ua.1);
}

// added: CreateRoomInputBuilder::send_with(&Client)
#[tokio::test]
async fn input_builder_send_with() {
    let mock = mock().await;
    let out = CreateRoomInput::builder()
        .account_id("a")
        .name("Sent with")
        .send_with(&client(&mock))
        .await
        .unwrap();
    assert_eq!(out.room().unwrap().name(), Some("Sent with"));
}

// added: aws_sdk_chime::operation::RequestId (aws_types::request_id::RequestId)
// added: impl RequestId for CreateRoomOutput, CreateRoomError, each types::error::*Exception, aws_sdk_chime::Error
#[tokio::test]
async fn request_ids() {
    use aws_sdk_chime::operation::RequestId;
    let mock = mock().await;
    let client = client(&mock);
    // As aws-sdk-chime: the output keeps the response's `x-amzn-RequestId`.
    let out: CreateRoomOutput = client
        .create_room()
        .account_id("a")
        .name("Ids")
        .send()
        .await
        .unwrap();
    let sent = mock.requests()[0].request_id.clone();
    assert_eq!(out.request_id(), Some(sent.as_str()));
    // One built by hand has none.
    assert_eq!(CreateRoomOutput::builder().build().request_id(), None);
    let err = client
        .create_room()
        .account_id("a")
        .name(" ")
        .send()
        .await
        .unwrap_err();
    let id = mock.requests()[1].request_id.clone();
    assert_ne!(id, sent, "each response has its own request id");
    assert_eq!(err.request_id(), Some(id.as_str()));
    let err = err.into_service_error();
    assert_eq!(err.request_id(), Some(id.as_str()));
    let CreateRoomError::BadRequestException(e) = err else {
        panic!()
    };
    assert_eq!(e.request_id(), Some(id.as_str()));
}

// added: aws_sdk_chime::Error (the service-wide error enum)
// added: impl<R> From<SdkError<CreateRoomError, R>> for aws_sdk_chime::Error, From<CreateRoomError>, From<BuildError>
#[tokio::test]
async fn crate_error_with_question_mark() {
    async fn create(client: &Client, name: &str) -> Result<Room, aws_sdk_chime::Error> {
        let out = client
            .create_room()
            .account_id("a")
            .name(name)
            .send()
            .await?;
        Ok(out.room.expect("room"))
    }
    let mock = mock().await;
    let client = client(&mock);
    assert!(create(&client, "ok").await.is_ok());
    match create(&client, " ").await.unwrap_err() {
        aws_sdk_chime::Error::BadRequestException(e) => {
            assert_eq!(e.message(), Some("Name is required"))
        }
        other => panic!("{other:?}"),
    }
    let err: aws_sdk_chime::Error = BuildError::missing_field("f", "d").into();
    assert!(err.to_string().starts_with("unhandled error"), "{err}");
    assert_eq!(ProvideErrorMetadata::code(&err), None);
}

// added: aws_sdk_chime::error::SdkError<E, R = HttpResponse> (the default for R)
// added: aws_sdk_chime::error::{BoxError, ConnectorError}
#[test]
fn sdk_error_alias_default_and_reexports() {
    fn is_service(e: &SdkError<CreateRoomError>) -> bool {
        e.as_service_error().is_some()
    }
    let boxed: aws_sdk_chime::error::BoxError = "x".into();
    let err: SdkError<CreateRoomError> =
        SdkError::dispatch_failure(aws_sdk_chime::error::ConnectorError::other(boxed, None));
    assert!(!is_service(&err));
}

// added: CreateRoomError::unhandled(impl Into<Box<dyn Error + Send + Sync + 'static>>)
// added: CreateRoomError::generic(ErrorMetadata)
#[test]
fn create_room_error_constructors() {
    let e = CreateRoomError::generic(meta("SomethingElse"));
    assert_eq!(e.meta().code(), Some("SomethingElse"));
    // differs: aws-sdk-chime prints "unhandled error (SomethingElse)"
    assert!(
        e.to_string().starts_with("unhandled error SomethingElse"),
        "{e}"
    );
    let e = CreateRoomError::unhandled("boom");
    assert_eq!(e.meta().code(), None);
}

// added: ErrorCode::try_parse(&str) -> Result<ErrorCode, aws_sdk_chime::error::UnknownVariantError>
// added: ErrorCode::values() sorted, as aws-sdk-chime lists them
#[test]
fn error_code_try_parse_and_values_order() {
    assert_eq!(
        ErrorCode::try_parse("Forbidden").unwrap(),
        ErrorCode::Forbidden
    );
    let err: aws_sdk_chime::error::UnknownVariantError = ErrorCode::try_parse("Nope").unwrap_err();
    assert_eq!(err.to_string(), "unknown enum variant: 'Nope'");
    assert_eq!(ErrorCode::values()[0], "AccessDenied");
    assert_eq!(ErrorCode::values()[1], "BadRequest");
}

// added: <X>ExceptionBuilder::set_meta(&mut self, Option<ErrorMetadata>) -> &mut Self
#[test]
fn exception_builder_set_meta() {
    let mut b = BadRequestException::builder();
    b.set_meta(Some(meta("BadRequestException")));
    assert_eq!(b.build().meta().code(), Some("BadRequestException"));
}

// differs: Display of modeled exceptions and CreateRoomError
// (aws-sdk-chime: "BadRequestException: Name is required"; ours appends " (BadRequest)" and
// " [request id: ...]"; aws-sdk-chime shows an Unhandled error as "unhandled error (Code)")
// added: std::error::Error::source() of CreateRoomError: the inner exception
#[tokio::test]
async fn error_display_and_source_as_aws_sdk_chime() {
    use std::error::Error as _;
    let mock = mock().await;
    let err = client(&mock)
        .create_room()
        .account_id("a")
        .name(" ")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    // differs: aws-sdk-chime prints "BadRequestException: Name is required"
    assert!(
        err.to_string()
            .starts_with("BadRequestException (BadRequest): Name is required"),
        "{err}"
    );
    assert!(err.source().is_some());
}

// differs: validation before sending (aws-sdk-chime sends whatever it is given;
// ours rejects a ClientRequestToken shorter than 2 characters, a missing Name,
// ... with a ConstructionFailure before any I/O, where aws-sdk-chime gets the
// service's BadRequestException)
#[tokio::test]
async fn service_side_validation_only() {
    let mock = mock().await;
    // chime-sdk's behaviour: a construction failure, and nothing sent.
    let err = client(&mock)
        .create_room()
        .account_id("a")
        .client_request_token("x")
        .name("n")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::ConstructionFailure(_)), "{err:?}");
    let err = client(&mock)
        .create_room()
        .account_id("a")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::ConstructionFailure(_)), "{err:?}");
    assert!(mock.requests().is_empty());
}
