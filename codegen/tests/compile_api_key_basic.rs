//! api_key_basic.json: a service with `@httpApiKeyAuth` (header
//! `X-Api-Key`, no scheme) and `@httpBasicAuth`, listed in that order.
//! `GetSecret` takes either (the key first), `GetLogin` only the login,
//! `GetBasicFirst` the login first, `GetStatus` (`smithy.api#auth: []`)
//! nothing and `ListPublic` (`@optionalAuth`) whatever is configured; on
//! the wire.
#![deny(warnings)]

include!("snapshots/api_key_basic.rs");

use wiremock::matchers::{any, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const KEY: &str = "k3y-0f-the-vault";
const PASSWORD: &str = "pa55w0rd-0f-the-vault";

fn config(url: &str) -> config::Builder {
    config::Config::builder()
        .region(config::Region::new("us-west-2"))
        .endpoint_url(url)
}

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(path("/secrets/denied"))
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
            r#"{"Name":"n","User":"user","Status":"ok","Names":["a"]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    server
}

/// The `X-Api-Key` and `Authorization` headers of every request, in order.
async fn auth_headers(server: &MockServer) -> Vec<(Option<String>, Option<String>)> {
    let header =
        |r: &Request, name: &str| r.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| (header(r, "x-api-key"), header(r, "authorization")))
        .collect()
}

fn key() -> (Option<String>, Option<String>) {
    (Some(KEY.to_owned()), None)
}

fn basic(value: &str) -> (Option<String>, Option<String>) {
    (None, Some(format!("Basic {value}")))
}

#[tokio::test]
async fn the_api_key_goes_in_its_header_and_is_never_shown() {
    let server = server().await;
    let client = Client::from_conf(
        config(&server.uri())
            .api_key(config::Token::new(KEY, None))
            .build(),
    );
    assert_eq!(
        client.get_secret().name("n").send().await.unwrap().name(),
        Some("n")
    );
    let err = client.get_secret().name("denied").send().await.unwrap_err();
    assert!(err.as_service_error().unwrap().is_access_denied(), "{err}");
    assert_eq!(auth_headers(&server).await, [key(), key()]);
    let shown = format!(
        "{:?} {:?} {client:?} {err:?} {err} {}",
        client.config(),
        client.config().to_builder(),
        error::DisplayErrorContext(&err)
    );
    assert!(!shown.contains(KEY), "{shown}");
    assert!(
        shown.contains("api_key: Some(\"** redacted **\")"),
        "{shown}"
    );
}

#[tokio::test]
async fn the_login_goes_as_basic_auth_and_the_password_is_never_shown() {
    let server = server().await;
    let client = Client::from_conf(config(&server.uri()).basic_auth("user", "pass").build());
    client.get_secret().name("n").send().await.unwrap();
    client.get_login().send().await.unwrap();
    // base64("user:pass")
    assert_eq!(
        auth_headers(&server).await,
        [basic("dXNlcjpwYXNz"), basic("dXNlcjpwYXNz")]
    );

    let login = config::Login::new("user", PASSWORD, None);
    let client = Client::from_conf(config(&server.uri()).basic_auth_login(login).build());
    let err = client.get_secret().name("denied").send().await.unwrap_err();
    let shown = format!(
        "{:?} {:?} {client:?} {err:?} {err} {}",
        client.config(),
        client.config().to_builder(),
        error::DisplayErrorContext(&err)
    );
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(
        shown.contains("basic_auth_login: Some(\"** redacted **\")"),
        "{shown}"
    );
}

#[tokio::test]
async fn the_operation_s_order_decides_which_identity_signs() {
    let server = server().await;
    let client = Client::from_conf(
        config(&server.uri())
            .api_key(config::Token::new(KEY, None))
            .basic_auth("user", "pass")
            .build(),
    );
    client.get_secret().name("n").send().await.unwrap();
    client.get_basic_first().send().await.unwrap();
    client.get_login().send().await.unwrap();
    assert_eq!(
        auth_headers(&server).await,
        [key(), basic("dXNlcjpwYXNz"), basic("dXNlcjpwYXNz")]
    );
    // With only the key, the operation that prefers the login takes the key.
    let key_only = Client::from_conf(
        config(&server.uri())
            .api_key(config::Token::new(KEY, None))
            .build(),
    );
    key_only.get_basic_first().send().await.unwrap();
    assert_eq!(auth_headers(&server).await[3], key());
}

#[tokio::test]
async fn an_operation_without_its_identity_fails_before_sending() {
    fn message<E: std::error::Error + 'static>(err: &error::SdkError<E>) -> String {
        format!("{}", error::DisplayErrorContext(err))
    }
    let server = server().await;
    let nothing = Client::from_conf(config(&server.uri()).build());
    let err = nothing.get_secret().name("n").send().await.unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    assert!(message(&err).contains("neither an API key nor a login for HTTP basic auth is configured: set one in Config (api_key or basic_auth)"), "{}", message(&err));

    let key_only = Client::from_conf(
        config(&server.uri())
            .api_key(config::Token::new(KEY, None))
            .build(),
    );
    let err = key_only.get_login().send().await.unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    assert!(message(&err).contains("no login for HTTP basic auth is configured: set one with Config::builder().basic_auth(user, password) or basic_auth_login(Login)"), "{}", message(&err));
    assert!(!message(&err).contains(KEY));

    let login_only = Client::from_conf(config(&server.uri()).basic_auth("user", "pass").build());
    login_only.get_secret().name("n").send().await.unwrap();
    assert_eq!(auth_headers(&server).await, [basic("dXNlcjpwYXNz")]);
}

#[tokio::test]
async fn anonymous_and_optional_operations() {
    let server = server().await;
    let both = Client::from_conf(
        config(&server.uri())
            .api_key(config::Token::new(KEY, None))
            .basic_auth("user", "pass")
            .build(),
    );
    // `smithy.api#auth: []`: nothing, whatever is configured.
    assert_eq!(both.get_status().send().await.unwrap().status(), Some("ok"));
    // `@optionalAuth`: the service's list when an identity is configured,
    // else anonymous.
    both.list_public().send().await.unwrap();
    let nothing = Client::from_conf(config(&server.uri()).build());
    nothing.list_public().send().await.unwrap();
    assert_eq!(
        auth_headers(&server).await,
        [(None, None), key(), (None, None)]
    );
}
