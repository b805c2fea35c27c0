//! mixed_auth.json: a service with SigV4 and bearer auth (and an API key
//! scheme sdkgen skips with a warning), whose operations list the schemes
//! in different orders: the first scheme with a configured identity signs.
#![deny(warnings)]

include!("snapshots/mixed_auth.rs");

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "mixed-t0ken";

fn config(url: &str, credentials: bool, token: bool) -> config::Config {
    let mut builder = config::Config::builder()
        .region(config::Region::new("us-west-2"))
        .endpoint_url(url);
    if credentials {
        builder = builder
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"));
    }
    if token {
        builder = builder.bearer_token(config::Token::new(TOKEN, None));
    }
    builder.build()
}

/// How each request was signed: `sigv4`, `bearer` or `none`.
async fn schemes(server: &MockServer) -> Vec<&'static str> {
    let requests = server.received_requests().await.unwrap();
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(server)
        .await;
    requests
        .iter()
        .map(|r| {
            let auth = r.headers.get("authorization").map(|v| v.to_str().unwrap());
            match auth {
                Some(a) if a.starts_with("AWS4-HMAC-SHA256 ") => {
                    assert!(a.contains("/us-west-2/mixed/aws4_request"), "{a}");
                    "sigv4"
                }
                Some(a) if a == format!("Bearer {TOKEN}") => "bearer",
                Some(a) => panic!("unexpected Authorization {a}"),
                None => "none",
            }
        })
        .collect()
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn the_operation_list_order_decides() {
    let server = server().await;
    let client = Client::from_conf(config(&server.uri(), true, true));
    client.default().send().await.unwrap();
    client.sig_v4_first().send().await.unwrap();
    client.bearer_first().send().await.unwrap();
    client.sig_v4_only().send().await.unwrap();
    assert_eq!(
        schemes(&server).await,
        ["sigv4", "sigv4", "bearer", "sigv4"]
    );
}

#[tokio::test]
async fn a_scheme_without_an_identity_is_skipped() {
    let server = server().await;
    let token_only = Client::from_conf(config(&server.uri(), false, true));
    token_only.default().send().await.unwrap();
    token_only.sig_v4_first().send().await.unwrap();
    token_only.bearer_first().send().await.unwrap();
    assert_eq!(schemes(&server).await, ["bearer", "bearer", "bearer"]);
    let err = token_only.sig_v4_only().send().await.unwrap_err();
    let message = format!("{}", error::DisplayErrorContext(&err));
    assert!(
        message.contains("no credentials provider is configured"),
        "{message}"
    );

    let credentials_only = Client::from_conf(config(&server.uri(), true, false));
    credentials_only.bearer_first().send().await.unwrap();
    assert_eq!(schemes(&server).await, ["sigv4"]);
}

#[tokio::test]
async fn no_identity_at_all_is_a_construction_failure() {
    let server = server().await;
    let client = Client::from_conf(config(&server.uri(), false, false));
    let err = client.bearer_first().send().await.unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    // In the operation's order: bearer first.
    let message = format!("{}", error::DisplayErrorContext(&err));
    assert!(
        message.contains("neither a token provider nor a credentials provider is configured: set one in Config (token_provider or credentials_provider) or load SdkConfig with aws-config"),
        "{message}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}
