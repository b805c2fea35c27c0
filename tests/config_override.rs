//! Configuration as layers, as in aws-sdk-rust: the runtime's defaults for
//! the behavior version under the client's configuration, and
//! `customize().config_override(...)` over it for one call (as
//! `ConfigOverrideRuntimePlugin` does); the application's name in the user
//! agent. On the wire: loopback
//! wiremock servers record what each call sent.

mod common;

use chime_sdk::config::interceptors::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextMut,
};
use chime_sdk::config::{
    AppName, BehaviorVersion, Config, ConfigBag, Credentials, Intercept, Region, RetryConfig,
    RuntimeComponents, TimeoutConfig,
};
use chime_sdk::error::{BoxError, DisplayErrorContext, SdkError};
use chime_sdk::Client;
use common::{client, config, ROOM_BODY};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_raw(ROOM_BODY, "application/json")
}

fn unavailable() -> ResponseTemplate {
    ResponseTemplate::new(503)
        .insert_header("x-amzn-ErrorType", "ServiceUnavailableException")
        .set_body_raw(r#"{"Message":"later"}"#, "application/json")
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording is on")
}

fn header<'a>(request: &'a Request, name: &str) -> &'a str {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

/// The credential scope's `<region>/chime` and the access key id of a
/// request's SigV4 `Authorization` header.
fn signed_by(request: &Request) -> String {
    let auth = header(request, "authorization");
    let credential = auth
        .split("Credential=")
        .nth(1)
        .and_then(|c| c.split(',').next())
        .expect("a SigV4 credential");
    let mut parts = credential.split('/');
    let key = parts.next().unwrap();
    let region = parts.nth(1).unwrap();
    format!("{key} {region}")
}

/// Sets a header on every request it sees.
#[derive(Debug)]
struct Tag(&'static str);

impl Intercept for Tag {
    fn name(&self) -> &'static str {
        "Tag"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        context.request_mut().headers_mut().insert(self.0, "1");
        Ok(())
    }
}

#[tokio::test]
async fn an_endpoint_override_holds_for_one_call_only() {
    let (client_server, call_server) = (
        server_answering(created()).await,
        server_answering(created()).await,
    );
    let client = client(&client_server.uri());
    client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .config_override(Config::builder().endpoint_url(call_server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(received(&call_server).await.len(), 1);
    assert!(received(&client_server).await.is_empty());
    // The client is unchanged: the next call goes where it always did.
    client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert_eq!(received(&client_server).await.len(), 1);
    assert_eq!(received(&call_server).await.len(), 1);
    assert_eq!(
        client.config().endpoint_url(),
        Some(client_server.uri().as_str())
    );
}

#[tokio::test]
async fn a_retry_override_holds_for_one_call_only() {
    let server = server_answering(unavailable()).await;
    let client = client(&server.uri());
    let err = client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .config_override(Config::builder().retry_config(RetryConfig::disabled()))
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_service_unavailable_exception());
    assert_eq!(received(&server).await.len(), 1, "no retries for this call");
    client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        received(&server).await.len(),
        4,
        "the next call retries as the client does: three attempts"
    );
}

#[tokio::test]
async fn an_http_client_override_sends_that_call_through_it() {
    let server = server_answering(created()).await;
    let client = client(&server.uri());
    let (http, captured) = aws_smithy_http_client::test_util::capture_request(None);
    // The capturing client answers 200 with an empty body: an empty room.
    client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .config_override(Config::builder().http_client(http))
        .send()
        .await
        .unwrap();
    let request = captured.expect_request();
    assert!(
        request.uri().ends_with("/accounts/a/rooms"),
        "{}",
        request.uri()
    );
    assert!(received(&server).await.is_empty());
    client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn region_and_credentials_overrides_sign_that_call_with_them() {
    let server = server_answering(created()).await;
    let client = client(&server.uri());
    client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .config_override(
            Config::builder()
                .region(Region::new("eu-central-1"))
                .credentials_provider(Credentials::new("AKIDCALL", "call", None, None, "t")),
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
    let requests = received(&server).await;
    assert_eq!(signed_by(&requests[0]), "AKIDCALL eu-central-1");
    assert_eq!(signed_by(&requests[1]), "AKIDEXAMPLE us-west-2");
}

#[tokio::test]
async fn override_interceptors_run_after_the_clients_for_that_call() {
    let server = server_answering(created()).await;
    let client = Client::from_conf(config(&server.uri()).interceptor(Tag("x-client")).build());
    client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .config_override(Config::builder().interceptor(Tag("x-override")))
        .interceptor(Tag("x-call"))
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
    let requests = received(&server).await;
    for name in ["x-client", "x-override", "x-call"] {
        assert_eq!(header(&requests[0], name), "1", "{name}");
    }
    assert_eq!(header(&requests[1], "x-client"), "1");
    assert!(requests[1].headers.get("x-override").is_none());
    assert!(requests[1].headers.get("x-call").is_none());
}

/// Records the timeouts each call runs with: what the orchestrator merged
/// from the default plugins', the client's and the override's layers.
#[derive(Debug, Clone, Default)]
struct SeenTimeouts(Arc<Mutex<Vec<TimeoutConfig>>>);

impl SeenTimeouts {
    fn take(&self) -> Vec<TimeoutConfig> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl Intercept for SeenTimeouts {
    fn name(&self) -> &'static str {
        "SeenTimeouts"
    }

    fn read_before_serialization(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let timeouts = cfg.load::<TimeoutConfig>().cloned().expect("timeouts set");
        self.0.lock().unwrap().push(timeouts);
        Ok(())
    }
}

#[tokio::test]
#[allow(
    deprecated,
    reason = "an older behavior version, as a user can name it"
)]
async fn default_timeouts_are_the_behavior_versions_as_in_aws_sdk_rust() {
    let server = server_answering(created()).await;
    let seen = SeenTimeouts::default();
    for version in [BehaviorVersion::latest(), BehaviorVersion::v2024_03_28()] {
        let config = config(&server.uri())
            .behavior_version(version)
            .interceptor(seen.clone())
            .build();
        assert!(
            config.timeout_config().is_none(),
            "nothing set, nothing there"
        );
        Client::from_conf(config)
            .create_room()
            .account_id("a")
            .name("n")
            .send()
            .await
            .unwrap();
    }
    let [latest, old] = <[TimeoutConfig; 2]>::try_from(seen.take()).unwrap();
    // aws-smithy-runtime's default_timeout_config_plugin_v2: 3.1 s connect
    // from v2026_01_12 on, no timeouts before.
    assert_eq!(latest.connect_timeout(), Some(Duration::from_millis(3100)));
    assert_eq!(latest.operation_timeout(), None);
    assert!(!old.has_timeouts(), "{old:?}");
}

#[tokio::test]
#[allow(
    deprecated,
    reason = "an older behavior version, as a user can name it"
)]
async fn default_retries_are_the_behavior_versions_as_in_aws_sdk_rust() {
    let server = server_answering(unavailable()).await;
    let mut sent = Vec::new();
    for version in [BehaviorVersion::latest(), BehaviorVersion::v2024_03_28()] {
        let config = Config::builder()
            .behavior_version(version)
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKID", "secret", None, None, "t"))
            .endpoint_url(server.uri())
            .build();
        assert!(
            config.retry_config().is_none(),
            "nothing set, nothing there"
        );
        let before = received(&server).await.len();
        Client::from_conf(config)
            .create_room()
            .account_id("a")
            .name("n")
            .send()
            .await
            .unwrap_err();
        sent.push(received(&server).await.len() - before);
    }
    // Standard retries from v2026_01_12 on, none before (aws-smithy-runtime's
    // default_retry_config_plugin_v2 for an AWS SDK client). The default
    // backoff makes this test wait up to 3 s.
    assert_eq!(sent, [3, 1]);
}

#[tokio::test]
async fn a_timeout_override_is_merged_over_the_clients_timeouts() {
    // The answer comes after 5 s; the overridden call waits 300 ms for it.
    let server = server_answering(created().set_delay(Duration::from_secs(5))).await;
    let seen = SeenTimeouts::default();
    let client = Client::from_conf(
        config(&server.uri())
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(2))
                    .build(),
            )
            .interceptor(seen.clone())
            .build(),
    );
    let err = client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .config_override(
            Config::builder().timeout_config(
                TimeoutConfig::builder()
                    .operation_timeout(Duration::from_millis(300))
                    .build(),
            ),
        )
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, SdkError::TimeoutError(_)),
        "{}",
        DisplayErrorContext(&err)
    );
    assert!(
        DisplayErrorContext(&err)
            .to_string()
            .contains("operation timeout"),
        "{}",
        DisplayErrorContext(&err)
    );
    let [call] = <[TimeoutConfig; 1]>::try_from(seen.take()).unwrap();
    assert_eq!(call.operation_timeout(), Some(Duration::from_millis(300)));
    assert_eq!(call.connect_timeout(), Some(Duration::from_secs(2)));
    assert_eq!(
        client
            .config()
            .timeout_config()
            .unwrap()
            .operation_timeout(),
        None,
        "the client's configuration is unchanged"
    );
}

#[tokio::test]
async fn the_app_name_is_in_the_user_agent() {
    let server = server_answering(created()).await;
    let client = Client::from_conf(
        config(&server.uri())
            .app_name(AppName::new("room-booker").unwrap())
            .build(),
    );
    assert_eq!(
        client.config().app_name().map(AsRef::as_ref),
        Some("room-booker")
    );
    client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    // An override names another application for one call.
    client
        .create_room()
        .account_id("a")
        .name("n")
        .customize()
        .config_override(Config::builder().app_name(AppName::new("one-off").unwrap()))
        .send()
        .await
        .unwrap();
    let requests = received(&server).await;
    for (request, app) in requests.iter().zip(["app/room-booker", "app/one-off"]) {
        for name in ["user-agent", "x-amz-user-agent"] {
            let ua = header(request, name);
            assert!(ua.ends_with(app), "{name}: {ua}");
            assert!(ua.contains("api/chime/"), "{name}: {ua}");
        }
    }
}

#[tokio::test]
async fn the_app_name_of_an_sdk_config_reaches_the_user_agent() {
    let server = server_answering(created()).await;
    let sdk_config = aws_types::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(aws_types::sdk_config::SharedCredentialsProvider::new(
            Credentials::new("AKID", "secret", None, None, "t"),
        ))
        .endpoint_url(server.uri())
        .app_name(AppName::new("from-sdk-config").unwrap())
        .build();
    Client::new(&sdk_config)
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    let requests = received(&server).await;
    assert!(header(&requests[0], "x-amz-user-agent").ends_with("app/from-sdk-config"));
}
