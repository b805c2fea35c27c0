//! more.json: pagination with items, a retryable (throttling) error, a
//! typed error, an `@endpoint` host prefix, mixins and `apply`, and an
//! event-stream operation that is skipped.
#![deny(warnings)]

include!("snapshots/more.rs");

use aws_smithy_http_client::test_util::capture_request;
use std::time::Duration;
use wiremock::matchers::{any, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

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
async fn items_stream_across_pages() {
    let server = MockServer::start().await;
    Mock::given(query_param("next", "t2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"Items":[{"Id":"c","Owner":"o"}]}"#, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(query_param_is_missing("next"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"Items":[{"Id":"a"},{"Id":"b"}],"NextToken":"t2"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = Client::from_conf(config(&server.uri()).build());
    let items = client
        .list_items()
        .into_paginator()
        .page_size(2)
        .items()
        .send()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = items.iter().map(|i| i.id()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(
        items[2].owner(),
        Some("o"),
        "members come from the mixin too"
    );
}

#[tokio::test]
async fn retryable_throttling_error_is_retried_and_others_are_typed() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-amzn-ErrorType", "Throttled")
                .set_body_raw(r#"{"message":"slow down"}"#, "application/json"),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(410).insert_header("x-amzn-ErrorType", "Gone"))
        .mount(&server)
        .await;
    let client = Client::from_conf(config(&server.uri()).build());
    let err = client
        .list_items()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_gone(), "{err}");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "the 429 was retried"
    );
}

#[tokio::test]
async fn out_of_range_page_size_is_rejected_before_sending() {
    let client = Client::from_conf(config("http://127.0.0.1:9").build());
    let err = client.list_items().max_results(0).send().await.unwrap_err();
    assert!(format!("{}", error::DisplayErrorContext(&err))
        .contains("ListItemsInput.MaxResults must be between 1 and 100"));
}

#[tokio::test]
async fn host_prefix_is_applied_and_checked() {
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(config("https://example.com").http_client(http).build());
    client.ping().region("eu").send().await.unwrap();
    assert_eq!(
        requests.expect_request().uri(),
        "https://eu.data.example.com/ping/eu"
    );
    let err = client.ping().region("bad.label").send().await.unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------
// The generated fake: restJson1 with several operations.
// ---------------------------------------------------------------------------

fn fake_client(fake: &fake::FakeServer, validate: bool) -> Client {
    Client::from_conf(
        fake.config()
            .validation(validate)
            .retry_config(
                config::RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)),
            )
            .build(),
    )
}

#[tokio::test]
async fn the_fake_answers_each_operation_by_route() {
    let fake = fake::FakeServer::start().await.unwrap();
    let client = fake_client(&fake, true);
    // Paginated: the fake leaves the output token out, one page.
    let items = client
        .list_items()
        .into_paginator()
        .page_size(5)
        .items()
        .send()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
    assert!(!items[0].id().is_empty(), "a required member is filled");
    // A label and a host prefix (`{Region}.data.`): the fake's
    // configuration sends it to the fake.
    client.ping().region("eu-west-1").send().await.unwrap();
    let routed: Vec<_> = fake
        .requests()
        .iter()
        .map(|r| (r.operation.clone().unwrap_or_default(), r.uri.clone()))
        .collect();
    assert_eq!(
        routed,
        [
            ("ListItems".to_owned(), "/items?max=5".to_owned()),
            ("Ping".to_owned(), "/ping/eu-west-1".to_owned())
        ]
    );
    assert_eq!(
        fake.ping().requests()[0].input,
        serde_json::json!({"Region": "eu-west-1"})
    );
}

#[tokio::test]
async fn the_fake_rejects_a_query_value_out_of_range() {
    let fake = fake::FakeServer::start().await.unwrap();
    let err = fake_client(&fake, false)
        .list_items()
        .max_results(0)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(400));
    let err = err.into_service_error();
    assert_eq!(err.meta().code(), Some("ValidationException"));
    assert_eq!(
        err.meta().message(),
        Some("1 validation error detected: ListItemsInput.MaxResults must be between 1 and 100")
    );
}

#[tokio::test]
async fn the_fake_answers_scripted_errors_as_the_typed_ones() {
    let fake = fake::FakeServer::start().await.unwrap();
    fake.list_items().fail(410, "Gone", "no more");
    fake.on("Ping")
        .once(fake::Reply::error(429, "Throttled", "slow down"));
    let client = fake_client(&fake, true);
    let err = client
        .list_items()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_gone(), "{err:?}");
    // Throttled is retried; the second attempt gets the model's answer.
    client.ping().region("r").send().await.unwrap();
    let stats = fake.ping().stats();
    assert_eq!((stats.received, stats.scripted, stats.generated), (2, 1, 1));
}
