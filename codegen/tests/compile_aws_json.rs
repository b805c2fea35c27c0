//! aws_json.json: an awsJson1_1 service. Every call is `POST /` with
//! `X-Amz-Target: Ledger.<Operation>` and an `application/x-amz-json-1.1`
//! body (`{}` for an empty input); HTTP binding traits and `@jsonName` are
//! ignored; timestamps are epoch seconds; errors are named by `__type` or
//! `X-Amzn-Errortype`; pagination hands a map token along; validation and
//! idempotency tokens work as for restJson1.
#![deny(warnings)]

include!("snapshots/aws_json.rs");

use aws_smithy_http_client::test_util::capture_request;
use std::time::Duration;
use wiremock::matchers::{any, body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const JSON_1_1: &str = "application/x-amz-json-1.1";

fn config(url: &str) -> config::Builder {
    config::Config::builder()
        .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
        .region(config::Region::new("eu-west-1"))
        .endpoint_url(url)
        .retry_config(
            config::RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)),
        )
}

#[tokio::test]
async fn an_empty_input_is_an_empty_object_posted_to_slash() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/"))
        .and(header("x-amz-target", "Ledger.Ping"))
        .and(header("content-type", JSON_1_1))
        .and(body_json(serde_json::json!({})))
        .respond_with(ResponseTemplate::new(200).set_body_raw("", JSON_1_1))
        .expect(1)
        .mount(&server)
        .await;
    Client::from_conf(config(&server.uri()).build())
        .ping()
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn members_go_in_the_body_by_name_with_epoch_seconds() {
    let (http, requests) = capture_request(Some(
        http::Response::builder()
            .status(200)
            .body(aws_smithy_types::body::SdkBody::from(
                r#"{"Entry": {"Name": "rent", "At": 1700000000.5}}"#,
            ))
            .unwrap(),
    ));
    let client = Client::from_conf(
        config("https://ledger.example.com")
            .http_client(http)
            .idempotency_token_provider(config::IdempotencyTokenProvider::fixed("tok-1"))
            .build(),
    );
    let out = client
        .put_entry()
        .book("home")
        .name("rent")
        .at(primitives::DateTime::from_secs(1_700_000_000))
        .note("monthly")
        .send()
        .await
        .unwrap();
    let entry = out.entry().unwrap();
    assert_eq!(entry.name(), "rent");
    assert_eq!(
        entry.at(),
        Some(&primitives::DateTime::from_secs_f64(1_700_000_000.5))
    );
    // `Amount` is @required and absent: error correction makes it 0.
    assert_eq!(entry.amount(), 0);

    let request = requests.expect_request();
    assert_eq!(request.method(), "POST");
    // The host prefix applies as in restJson1.
    assert_eq!(request.uri(), "https://home.ledger.example.com/");
    assert_eq!(
        request.headers().get("x-amz-target"),
        Some("Ledger.PutEntry")
    );
    assert_eq!(request.headers().get("content-type"), Some(JSON_1_1));
    // The user agent names the service as aws-sdk-rust does: the SDK id
    // (`Ledger Book`) in lower case without spaces.
    let ua = request
        .headers()
        .get("x-amz-user-agent")
        .unwrap_or_default();
    assert!(
        ua.contains(concat!(" api/ledgerbook/", env!("CARGO_PKG_VERSION"), " ")),
        "{ua}"
    );
    // `@httpHeader` means nothing in awsJson: `Note` is a body member.
    assert_eq!(request.headers().get("x-note"), None);
    let body: serde_json::Value = serde_json::from_slice(request.body().bytes().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "At": 1700000000,
            "Book": "home",
            "Name": "rent",
            "Note": "monthly",
            "Token": "tok-1"
        }),
        "`@jsonName` is ignored: `Name`, not `entryName`"
    );
}

#[tokio::test]
async fn invalid_input_sends_nothing() {
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(
        config("https://ledger.example.com")
            .http_client(http)
            .build(),
    );
    let err = client
        .put_entry()
        .book("home")
        .name("a name far too long")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    let text = error::DisplayErrorContext(&err).to_string();
    assert!(text.contains("PutEntryInput.Name"), "{text}");
    requests.expect_no_request();
}

#[tokio::test]
async fn errors_are_named_by_type_in_the_body_or_the_header() {
    // `__type` in the body, namespace and all.
    let (http, _requests) = capture_request(Some(
        http::Response::builder()
            .status(400)
            .body(aws_smithy_types::body::SdkBody::from(
                r#"{"__type": "example.rpc#Conflict", "Message": "taken", "Existing": "rent"}"#,
            ))
            .unwrap(),
    ));
    let client = Client::from_conf(
        config("https://ledger.example.com")
            .http_client(http)
            .build(),
    );
    let err = client
        .put_entry()
        .book("home")
        .name("rent")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    match &err {
        operation::put_entry::PutEntryError::Conflict(c) => {
            assert_eq!(c.existing(), Some("rent"));
            assert_eq!(c.message(), Some("taken"));
        }
        other => panic!("expected Conflict, got {other:?}"),
    }

    // `X-Amzn-Errortype`, with the `:` suffix some services add.
    let server = MockServer::start().await;
    Mock::given(header("x-amz-target", "Ledger.Ping"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header(
                    "x-amzn-errortype",
                    "Throttled:http://internal.amazon.com/coral/example.rpc/",
                )
                .set_body_raw(r#"{"message": "slow down"}"#, JSON_1_1),
        )
        .mount(&server)
        .await;
    let client = Client::from_conf(config(&server.uri()).build());
    // A throttling error: retried (3 attempts), then typed.
    let err = client.ping().send().await.unwrap_err().into_service_error();
    match &err {
        operation::ping::PingError::Throttled(t) => assert_eq!(t.message(), Some("slow down")),
        other => panic!("expected Throttled, got {other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn a_map_token_pages_until_it_is_absent() {
    let server = MockServer::start().await;
    Mock::given(body_json(serde_json::json!({"Limit": 2})))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"Entries": [{"Name": "a", "Amount": 1}, {"Name": "b", "Amount": 2}], "LastKey": {"pk": "b"}}"#,
            JSON_1_1,
        ))
        .mount(&server)
        .await;
    Mock::given(body_json(
        serde_json::json!({"Limit": 2, "StartKey": {"pk": "b"}}),
    ))
    .respond_with(ResponseTemplate::new(200).set_body_raw(
        r#"{"Entries": [{"Name": "c", "Amount": 3}], "LastKey": {}}"#,
        JSON_1_1,
    ))
    .mount(&server)
    .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let entries = Client::from_conf(config(&server.uri()).build())
        .list_entries()
        .into_paginator()
        .page_size(2)
        .items()
        .send()
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = entries.iter().map(|e| e.name()).collect();
    assert_eq!(names, ["a", "b", "c"], "an empty map ends the pages");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

// ---------------------------------------------------------------------------
// The generated fake (`fake::FakeServer`): routed by `X-Amz-Target`.
// ---------------------------------------------------------------------------

fn fake_client(fake: &fake::FakeServer, validate: bool) -> Client {
    Client::from_conf(
        // The fake's configuration sends `PutEntry` (host prefix `{Book}.`)
        // to the fake too.
        fake.config()
            .validation(validate)
            .retry_config(
                config::RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)),
            )
            .build(),
    )
}

#[tokio::test]
async fn fake_answers_each_operation_by_target_as_the_model_says() {
    let fake = fake::FakeServer::start().await.unwrap();
    let client = fake_client(&fake, true);
    client.ping().send().await.expect("Ping");
    let out = client
        .put_entry()
        .book("home")
        .name("rent")
        .at(primitives::DateTime::from_secs(1_700_000_000))
        .send()
        .await
        .expect("PutEntry");
    let entry = out.entry().expect("the output's members are filled");
    // Echoed from the input (`Name`, `At`); `Amount` made up within the model.
    assert_eq!(entry.name(), "rent");
    assert_eq!(
        entry.at(),
        Some(&primitives::DateTime::from_secs(1_700_000_000))
    );
    assert_eq!(entry.amount(), 0);
    let requests = fake.requests();
    let targets: Vec<_> = requests
        .iter()
        .map(|r| {
            (
                r.operation.clone(),
                r.header("x-amz-target").map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(
        targets,
        [
            (Some("Ping".to_owned()), Some("Ledger.Ping".to_owned())),
            (
                Some("PutEntry".to_owned()),
                Some("Ledger.PutEntry".to_owned())
            ),
        ]
    );
    // The input as the fake read it: by member name, `@jsonName` ignored
    // (awsJson), the idempotency token filled by the client.
    let input = &requests[1].input;
    assert_eq!(input["Name"], "rent");
    assert_eq!(input["At"], 1_700_000_000.0);
    assert!(input["Token"].as_str().is_some_and(|t| t.len() == 36));
}

#[tokio::test]
async fn fake_rejects_what_the_model_forbids_with_an_unmodeled_validation_exception() {
    let fake = fake::FakeServer::start().await.unwrap();
    // Ledger models no validation error (Throttled and Conflict only): the
    // fake answers as AWS services do, 400 ValidationException.
    let err = fake_client(&fake, false)
        .put_entry()
        .book("home")
        .name("a name far too long")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(400));
    let err = err.into_service_error();
    assert!(
        matches!(err, operation::put_entry::PutEntryError::Unhandled(_)),
        "{err:?}"
    );
    assert_eq!(err.meta().code(), Some("ValidationException"));
    assert_eq!(
        err.meta().message(),
        Some("1 validation error detected: PutEntryInput.Name must have a length between 1 and 10")
    );
    let err = fake_client(&fake, false)
        .list_entries()
        .limit(0)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        err.meta().message(),
        Some("1 validation error detected: ListEntriesInput.Limit must be between 1 and 100")
    );
    assert_eq!(fake.list_entries().stats().rejected, 1);
}

#[tokio::test]
async fn fake_scripts_pages_and_modeled_errors() {
    let fake = fake::FakeServer::start().await.unwrap();
    // The first page is scripted with a token; the model's answer leaves
    // the token out, so the paginator stops after the second page.
    fake.list_entries()
        .once(fake::Reply::json(serde_json::json!({
            "Entries": [{"Name": "a", "Amount": 1, "At": 1700000000}],
            "LastKey": {"pk": "a"}
        })));
    let entries = fake_client(&fake, true)
        .list_entries()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].name(), "a");
    assert_eq!(
        entries[0].at(),
        Some(&primitives::DateTime::from_secs(1_700_000_000))
    );
    // Made up: the required members, and the optional ones at this depth.
    assert!(!entries[1].name().is_empty());
    let pages = fake.list_entries().requests();
    assert_eq!(pages[1].input["StartKey"], serde_json::json!({"pk": "a"}));

    fake.put_entry().fail(409, "Conflict", "taken");
    let err = fake_client(&fake, true)
        .put_entry()
        .book("home")
        .name("rent")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    match err {
        operation::put_entry::PutEntryError::Conflict(c) => assert_eq!(c.message(), Some("taken")),
        other => panic!("expected Conflict, got {other:?}"),
    }
    // A throttling error is retried: the second attempt gets the model's answer.
    fake.ping()
        .once(fake::Reply::error(400, "Throttled", "slow down"));
    fake_client(&fake, true)
        .ping()
        .send()
        .await
        .expect("retried");
    assert_eq!(fake.ping().stats().received, 2);
}

#[tokio::test]
async fn fake_answers_an_unknown_target_with_unknown_operation() {
    let fake = fake::FakeServer::start().await.unwrap();
    let client = fake_client(&fake, true);
    let err = client
        .ping()
        .customize()
        .mutate_request(|r| {
            r.headers_mut().insert("x-amz-target", "Ledger.Nope");
        })
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(400));
    assert_eq!(
        err.into_service_error().meta().code(),
        Some("UnknownOperationException")
    );
    assert_eq!(fake.requests()[0].operation, None);
}

/// A map keyed by an enum shape has the enum as its key type, as
/// aws-sdk-rust has it: the setter takes the enum, the key is written as
/// its value and read back into the enum, an unknown key kept as such.
#[tokio::test]
async fn a_map_keyed_by_an_enum_has_enum_keys() {
    let (http, requests) = capture_request(Some(
        http::Response::builder()
            .status(200)
            .body(aws_smithy_types::body::SdkBody::from(
                r#"{"Entry": {"Name": "rent", "Amount": 1, "Limits": {"DAILY": 3, "YEARLY": 40}}}"#,
            ))
            .unwrap(),
    ));
    let client = Client::from_conf(
        config("https://ledger.example.com")
            .http_client(http)
            .idempotency_token_provider(config::IdempotencyTokenProvider::fixed("tok-1"))
            .build(),
    );
    let out = client
        .put_entry()
        .book("home")
        .name("rent")
        .limits(types::Period::Monthly, 12)
        .send()
        .await
        .unwrap();
    let limits: &::std::collections::HashMap<types::Period, i32> =
        out.entry().unwrap().limits().unwrap();
    assert_eq!(limits.get(&types::Period::Daily), Some(&3));
    assert_eq!(limits.get(&types::Period::from("YEARLY")), Some(&40));
    assert_eq!(limits.len(), 2);

    let request = requests.expect_request();
    let body: serde_json::Value = serde_json::from_slice(request.body().bytes().unwrap()).unwrap();
    assert_eq!(body["Limits"], serde_json::json!({"MONTHLY": 12}));
}
