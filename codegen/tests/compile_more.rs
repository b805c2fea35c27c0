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
