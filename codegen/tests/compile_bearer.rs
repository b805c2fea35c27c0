//! bearer.json: a service with `@httpBearerAuth` only. `GetProject` needs
//! the token, `GetStatus` (`smithy.api#auth: []`) is anonymous and
//! `ListPublicProjects` (`@optionalAuth`) is signed when a token is
//! configured and anonymous otherwise; on the wire.
#![deny(warnings)]

include!("snapshots/bearer.rs");

use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "s3cr3t-bearer-t0ken";

fn config(url: &str) -> config::Builder {
    config::Config::builder()
        .region(config::Region::new("us-west-2"))
        .endpoint_url(url)
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/projects/denied"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("x-amzn-ErrorType", "AccessDenied")
                .set_body_raw(r#"{"message":"no"}"#, "application/json"),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"Name":"p","Status":"ok","Names":["a"]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    server
}

async fn authorization(server: &MockServer) -> Vec<Option<String>> {
    let header = |r: &Request| {
        r.headers
            .get("authorization")
            .map(|v| v.to_str().unwrap().to_owned())
    };
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(header)
        .collect()
}

#[tokio::test]
async fn bearer_token_is_sent_and_never_shown() {
    let server = server().await;
    let client = Client::from_conf(
        config(&server.uri())
            .token_provider(config::Token::new(TOKEN, None))
            .build(),
    );
    let out = client.get_project().name("p").send().await.unwrap();
    assert_eq!(out.name(), Some("p"));
    let err = client
        .get_project()
        .name("denied")
        .send()
        .await
        .unwrap_err();
    assert!(err.as_service_error().unwrap().is_access_denied(), "{err}");
    assert_eq!(
        authorization(&server).await,
        [
            Some(format!("Bearer {TOKEN}")),
            Some(format!("Bearer {TOKEN}"))
        ]
    );
    let shown = format!(
        "{:?} {:?} {client:?} {err:?} {err} {}",
        client.config(),
        client.config().to_builder(),
        error::DisplayErrorContext(&err)
    );
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("token_provider: Some(\"** redacted **\")"));
}

#[tokio::test]
async fn bearer_operation_without_a_token_fails_before_sending() {
    let server = server().await;
    let client = Client::from_conf(config(&server.uri()).build());
    let err = client.get_project().name("p").send().await.unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    let message = format!("{}", error::DisplayErrorContext(&err));
    assert!(message.contains("token_provider"), "{message}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn anonymous_operation_needs_no_identity_and_sends_none() {
    let server = server().await;
    // No credentials and no token at all.
    let anonymous = Client::from_conf(config(&server.uri()).build());
    let out = anonymous.get_status().send().await.unwrap();
    assert_eq!(out.status(), Some("ok"));
    // With a token configured the operation still goes without it.
    let with_token = Client::from_conf(
        config(&server.uri())
            .bearer_token(config::Token::new(TOKEN, None))
            .build(),
    );
    with_token.get_status().send().await.unwrap();
    assert_eq!(authorization(&server).await, [None, None]);
}

#[tokio::test]
async fn optional_auth_signs_only_when_a_token_is_configured() {
    let server = server().await;
    let signed = Client::from_conf(
        config(&server.uri())
            .token_provider(config::Token::new(TOKEN, None))
            .build(),
    );
    assert_eq!(
        signed.list_public_projects().send().await.unwrap().names(),
        ["a"]
    );
    let unsigned = Client::from_conf(config(&server.uri()).build());
    unsigned.list_public_projects().send().await.unwrap();
    assert_eq!(
        authorization(&server).await,
        [Some(format!("Bearer {TOKEN}")), None]
    );
}

#[tokio::test]
async fn sdk_config_token_provider_is_used() {
    let server = server().await;
    let sdk_config = aws_types::SdkConfig::builder()
        .region(config::Region::new("us-west-2"))
        .endpoint_url(server.uri())
        .token_provider(config::SharedTokenProvider::new(config::Token::new(
            TOKEN, None,
        )))
        .build();
    let client = Client::new(&sdk_config);
    client.get_project().name("p").send().await.unwrap();
    assert_eq!(
        authorization(&server).await,
        [Some(format!("Bearer {TOKEN}"))]
    );
}
