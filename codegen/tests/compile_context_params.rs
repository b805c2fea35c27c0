//! context_params.json: an operation's own endpoint parameters, from the
//! model's `staticContextParams`, a member's `contextParam` and
//! `operationContextParams` paths (`A[*].B`, `keys(A)`, `A.B`), read from
//! the input of each call and resolved by the rules; the model's endpoint
//! cases run as the snapshot's unit tests.
#![deny(warnings)]

include!("snapshots/context_params.rs");

use aws_smithy_http_client::test_util::{capture_request, CaptureRequestReceiver};

fn capturing() -> (Client, CaptureRequestReceiver) {
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("us-west-2"))
            .http_client(http)
            .build(),
    );
    (client, requests)
}

#[tokio::test]
async fn a_member_and_a_static_value_choose_the_host() {
    let (client, requests) = capturing();
    client
        .get_secret()
        .vault("team")
        .name("s1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        requests.expect_request().uri(),
        "https://team.read.vault.us-west-2.example.com/secrets/s1"
    );

    // Unset, the member sets nothing: the static value alone.
    let (client, requests) = capturing();
    client.get_secret().name("s1").send().await.unwrap();
    assert_eq!(
        requests.expect_request().uri(),
        "https://read.vault.us-west-2.example.com/secrets/s1"
    );
}

#[tokio::test]
async fn an_input_the_rules_reject_sends_nothing() {
    let (client, requests) = capturing();
    let err = client
        .get_secret()
        .vault("a.b")
        .name("s1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    let text = error::DisplayErrorContext(&err).to_string();
    assert!(text.contains("VaultName must be a host label"), "{text}");
    requests.expect_no_request();
}

#[tokio::test]
async fn paths_into_the_input_give_lists_and_booleans() {
    let (client, requests) = capturing();
    client
        .put_secrets()
        .items(types::Item::builder().key("k1").value("v").build().unwrap())
        .items(types::Item::builder().key("k2").build().unwrap())
        .labels("zone", "b")
        .labels("env", "prod")
        .send()
        .await
        .unwrap();
    let request = requests.expect_request();
    assert_eq!(
        request.uri(),
        "https://write.vault.us-west-2.example.com/secrets"
    );
    // `Items[*].Key` in list order; `keys(Labels)` sorted.
    assert_eq!(request.headers().get("x-first-key"), Some("k1"));
    assert_eq!(request.headers().get("x-first-label"), Some("env"));

    let (client, requests) = capturing();
    client
        .put_secrets()
        .options(types::Options::builder().audit(true).build())
        .send()
        .await
        .unwrap();
    assert_eq!(
        requests.expect_request().uri(),
        "https://audit.write.vault.us-west-2.example.com/secrets"
    );
}

#[tokio::test]
async fn a_configured_endpoint_url_wins_over_the_parameters() {
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("us-west-2"))
            .endpoint_url("https://vault.internal.example")
            .http_client(http)
            .build(),
    );
    client
        .get_secret()
        .vault("team")
        .name("s1")
        .send()
        .await
        .unwrap();
    assert_eq!(
        requests.expect_request().uri(),
        "https://vault.internal.example/secrets/s1"
    );
}
