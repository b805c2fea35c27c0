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
        .try_collect()
        .await
        .unwrap();
    let names: Vec<_> = entries.iter().map(|e| e.name()).collect();
    assert_eq!(names, ["a", "b", "c"], "an empty map ends the pages");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
