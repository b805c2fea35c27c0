//! Where a request goes and what it is signed for come from the model's
//! endpoint rules and the configuration (region, FIPS, dual-stack, endpoint
//! URL), from `Config` or `SdkConfig`; a configuration the rules reject
//! fails before anything is sent. A resolver of the user's own replaces
//! the rules.

use aws_smithy_http_client::test_util::capture_request;
use chime_sdk::config::endpoint::{
    DefaultResolver, Endpoint, EndpointFuture, Params, ResolveEndpoint,
};
use chime_sdk::config::{Credentials, Region};
use chime_sdk::fake::FakeServer;
use chime_sdk::{Client, Config};
use std::sync::{Arc, Mutex};

fn credentials() -> Credentials {
    Credentials::new("AKIDTEST", "secret", None, None, "test")
}

/// The URI and the SigV4 credential scope of the request a client with
/// `config` sends, or the error of the call where nothing was sent.
async fn sent(config: chime_sdk::config::Builder) -> Result<(String, String), String> {
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(
        config
            .credentials_provider(credentials())
            .http_client(http)
            .build(),
    );
    let result = client
        .create_room()
        .account_id("acct-1")
        .name("Team Room")
        .send()
        .await;
    if let Err(e @ chime_sdk::error::SdkError::ConstructionFailure(_)) = &result {
        requests.expect_no_request();
        return Err(chime_sdk::error::DisplayErrorContext(e).to_string());
    }
    let request = requests.expect_request();
    let auth = request
        .headers()
        .get("authorization")
        .unwrap_or_default()
        .to_owned();
    // `Credential=AKIDTEST/<date>/<region>/<service>/aws4_request`.
    let scope = auth
        .split("Credential=AKIDTEST/")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .and_then(|scope| scope.split_once('/'))
        .map(|(_date, rest)| rest.to_owned())
        .unwrap_or_default();
    Ok((request.uri().to_owned(), scope))
}

fn region(name: &'static str) -> chime_sdk::config::Builder {
    Config::builder().region(Region::new(name))
}

#[tokio::test]
async fn the_region_fips_and_dual_stack_choose_the_endpoint_and_the_signing_region() {
    let cases = [
        (
            region("us-east-1"),
            "https://chime.us-east-1.amazonaws.com/accounts/acct-1/rooms",
            "us-east-1/chime/aws4_request",
        ),
        (
            region("eu-west-1"),
            "https://chime.us-east-1.amazonaws.com/accounts/acct-1/rooms",
            "us-east-1/chime/aws4_request",
        ),
        (
            region("us-east-1").use_fips(true),
            "https://chime-fips.us-east-1.amazonaws.com/accounts/acct-1/rooms",
            "us-east-1/chime/aws4_request",
        ),
        (
            region("us-east-1").use_dual_stack(true),
            "https://chime.us-east-1.api.aws/accounts/acct-1/rooms",
            "us-east-1/chime/aws4_request",
        ),
        (
            region("cn-north-1"),
            "https://chime.cn-north-1.amazonaws.com.cn/accounts/acct-1/rooms",
            "cn-north-1/chime/aws4_request",
        ),
        (
            region("us-gov-east-1").use_fips(true),
            "https://chime-fips.us-gov-east-1.amazonaws.com/accounts/acct-1/rooms",
            "us-gov-east-1/chime/aws4_request",
        ),
        (
            region("us-east-1").endpoint_url("http://127.0.0.1:1"),
            "http://127.0.0.1:1/accounts/acct-1/rooms",
            "us-east-1/chime/aws4_request",
        ),
    ];
    for (config, uri, scope) in cases {
        let what = format!("{config:?}");
        let (sent_uri, sent_scope) = sent(config).await.unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(sent_uri, uri, "{what}");
        assert_eq!(sent_scope, scope, "{what}");
    }
}

#[tokio::test]
async fn a_configuration_the_rules_reject_sends_nothing() {
    let cases = [
        (
            region("us-east-1")
                .use_fips(true)
                .endpoint_url("https://example.com"),
            "Invalid Configuration: FIPS and custom endpoint are not supported",
        ),
        (
            region("us-east-1")
                .use_dual_stack(true)
                .endpoint_url("https://example.com"),
            "Invalid Configuration: Dualstack and custom endpoint are not supported",
        ),
        (Config::builder(), "Invalid Configuration: Missing Region"),
    ];
    for (config, expected) in cases {
        let err = sent(config).await.expect_err("nothing is sent");
        assert!(err.contains(expected), "expected `{expected}` in: {err}");
    }
}

#[tokio::test]
async fn sdk_config_fips_and_dual_stack_are_honoured() {
    let sdk_config = aws_types::SdkConfig::builder()
        .region(Region::new("us-east-1"))
        .use_fips(true)
        .use_dual_stack(true)
        .build();
    let config = Config::from(&sdk_config);
    assert_eq!(
        (config.use_fips(), config.use_dual_stack()),
        (Some(true), Some(true))
    );
    let (uri, _) = sent(config.to_builder()).await.unwrap();
    assert_eq!(
        uri,
        "https://chime-fips.us-east-1.api.aws/accounts/acct-1/rooms"
    );
}

#[tokio::test]
async fn partitions_can_be_replaced() {
    // One partition that has no dual-stack: the rules refuse it.
    let partitions = chime_sdk::config::endpoint::Partitions::from_json(
        r#"{"version": "1.1", "partitions": [{"id": "aws", "regionRegex": "^us\\-\\w+\\-\\d+$", "regions": {},
            "outputs": {"name": "aws", "dnsSuffix": "amazonaws.com", "dualStackDnsSuffix": "api.aws",
                        "supportsFIPS": true, "supportsDualStack": false, "implicitGlobalRegion": "us-east-1"}}]}"#,
    )
    .unwrap();
    let err = sent(
        region("us-west-2")
            .use_dual_stack(true)
            .partitions(partitions),
    )
    .await
    .expect_err("nothing is sent");
    assert!(
        err.contains("DualStack is enabled but this partition does not support DualStack"),
        "{err}"
    );
    // The shipped partitions have dual-stack there.
    let (uri, _) = sent(region("us-west-2").use_dual_stack(true))
        .await
        .unwrap();
    assert_eq!(uri, "https://chime.us-west-2.api.aws/accounts/acct-1/rooms");
}

/// A resolver of the user's own, in place of the rules: it records the
/// parameters it is given and sends every request to `url`, or fails.
#[derive(Debug)]
struct Recording {
    url: Option<String>,
    seen: Arc<Mutex<Vec<Params>>>,
}

impl ResolveEndpoint for Recording {
    fn resolve_endpoint<'a>(&'a self, params: &'a Params) -> EndpointFuture<'a> {
        self.seen.lock().unwrap().push(params.clone());
        EndpointFuture::ready(match &self.url {
            Some(url) => Ok(Endpoint::builder().url(url.clone()).build()),
            None => Err("no endpoint for this stage".into()),
        })
    }
}

fn recording(url: Option<String>) -> (Recording, Arc<Mutex<Vec<Params>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    (
        Recording {
            url,
            seen: seen.clone(),
        },
        seen,
    )
}

#[tokio::test]
async fn a_replaced_resolver_is_given_the_parameters_and_chooses_where_requests_go() {
    let mock = FakeServer::start().await.expect("the mock starts");
    let (resolver, seen) = recording(Some(mock.endpoint_url()));
    let client = Client::from_conf(
        region("eu-west-1")
            .use_dual_stack(true)
            .endpoint_resolver(resolver)
            .credentials_provider(credentials())
            .build(),
    );
    let room = client
        .create_room()
        .account_id("acct-1")
        .name("Team Room")
        .send()
        .await
        .expect("the mock answers");
    assert_eq!(room.room().and_then(|r| r.name()), Some("Team Room"));

    let requests = mock.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].uri, "/accounts/acct-1/rooms");
    // Signed for the configured region: the resolver's endpoint names no
    // other.
    let auth = requests[0]
        .headers
        .iter()
        .find(|(name, _)| name == "authorization")
        .map(|(_, value)| value.as_str())
        .unwrap_or_default();
    assert!(auth.contains("/eu-west-1/chime/aws4_request"), "{auth}");

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "one resolution per request");
    assert_eq!(seen[0].region(), Some("eu-west-1"));
    assert_eq!(seen[0].use_dual_stack(), Some(true));
    // Unset, the rule set's default.
    assert_eq!(seen[0].use_fips(), Some(false));
    assert_eq!(seen[0].endpoint(), None);
}

#[tokio::test]
async fn a_replaced_resolvers_error_fails_the_call_with_nothing_sent() {
    let mock = FakeServer::start().await.expect("the mock starts");
    let (resolver, seen) = recording(None);
    let client = Client::from_conf(
        region("us-east-1")
            .endpoint_resolver(resolver)
            .credentials_provider(credentials())
            .build(),
    );
    let err = client
        .create_room()
        .account_id("acct-1")
        .name("Team Room")
        .send()
        .await
        .expect_err("no endpoint");
    // As in aws-sdk-rust: endpoint resolution is part of dispatching.
    assert!(
        matches!(err, chime_sdk::error::SdkError::DispatchFailure(_)),
        "{err:?}"
    );
    let text = chime_sdk::error::DisplayErrorContext(&err).to_string();
    assert!(text.contains("no endpoint for this stage"), "{text}");
    assert_eq!(seen.lock().unwrap().len(), 1);
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn the_default_resolver_is_the_models_rules() {
    let resolver = DefaultResolver::new();
    let endpoint = resolver
        .resolve_endpoint(
            &Params::new()
                .set("Region", "us-gov-west-1")
                .set("UseFIPS", true),
        )
        .await
        .expect("resolves");
    assert_eq!(
        endpoint.url(),
        "https://chime-fips.us-gov-west-1.amazonaws.com"
    );
    let err = resolver
        .resolve_endpoint(&Params::new())
        .await
        .expect_err("no region");
    assert!(
        err.to_string()
            .contains("Invalid Configuration: Missing Region"),
        "{err}"
    );

    // Configured, it is what a client without a resolver does.
    let (uri, scope) = sent(region("us-west-2").endpoint_resolver(DefaultResolver::new()))
        .await
        .unwrap();
    assert_eq!(
        uri,
        "https://chime.us-east-1.amazonaws.com/accounts/acct-1/rooms"
    );
    assert_eq!(scope, "us-east-1/chime/aws4_request");
}
