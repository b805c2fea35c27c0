//! api_key_query.json: a service with `@httpApiKeyAuth` in the query
//! string (`api_key`) and `@httpBearerAuth`, without a `smithy.api#auth`
//! list (so the key first, by trait id); on the wire.
#![deny(warnings)]

include!("snapshots/api_key_query.rs");

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "k3y+with/chars";
const TOKEN: &str = "s3arch-bearer-t0ken";

fn config(url: &str) -> config::Builder {
    config::Config::builder()
        .region(config::Region::new("us-west-2"))
        .endpoint_url(url)
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(r#"{"Hits":1}"#, "application/json"))
        .mount(&server)
        .await;
    server
}

/// The query string and `Authorization` header of every request.
async fn received(server: &MockServer) -> Vec<(Option<String>, Option<String>)> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.url.query().map(str::to_owned),
                r.headers
                    .get("authorization")
                    .map(|v| v.to_str().unwrap().to_owned()),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_api_key_goes_percent_encoded_after_the_query() {
    let server = server().await;
    let client = Client::from_conf(
        config(&server.uri())
            .api_key(config::Token::new(KEY, None))
            .token_provider(config::Token::new(TOKEN, None))
            .build(),
    );
    assert_eq!(
        client.find().query("a b").send().await.unwrap().hits(),
        Some(1)
    );
    client.find().send().await.unwrap();
    assert_eq!(
        received(&server).await,
        [
            (Some("q=a%20b&api_key=k3y%2Bwith%2Fchars".to_owned()), None),
            (Some("api_key=k3y%2Bwith%2Fchars".to_owned()), None),
        ]
    );
    let shown = format!("{:?} {client:?}", client.config());
    assert!(!shown.contains("k3y"), "{shown}");
}

#[tokio::test]
async fn without_a_key_the_bearer_token_signs() {
    let server = server().await;
    let client = Client::from_conf(
        config(&server.uri())
            .token_provider(config::Token::new(TOKEN, None))
            .build(),
    );
    client.find().query("x").send().await.unwrap();
    assert_eq!(
        received(&server).await,
        [(Some("q=x".to_owned()), Some(format!("Bearer {TOKEN}")))]
    );
}

#[tokio::test]
async fn without_either_nothing_is_sent() {
    let server = server().await;
    let client = Client::from_conf(config(&server.uri()).build());
    let err = client.find().send().await.unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    let message = format!("{}", error::DisplayErrorContext(&err));
    assert!(
        message.contains("neither an API key nor a token provider is configured: set one in Config (api_key or token_provider) or load SdkConfig with aws-config"),
        "{message}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
