//! `Client::new(&SdkConfig)` for any `SdkConfig` a user can build: nothing
//! panics; what is missing is a construction failure that says what to set,
//! and nothing is sent.

use aws_types::sdk_config::{SdkConfig, SharedCredentialsProvider};
use chime_sdk::config::{BehaviorVersion, Credentials, Region};
use chime_sdk::error::SdkError;
use chime_sdk::fake::FakeServer;
use chime_sdk::Client;

fn credentials() -> SharedCredentialsProvider {
    SharedCredentialsProvider::new(Credentials::new("AKID", "secret", None, None, "t"))
}

async fn create_room(client: &Client) -> Result<(), String> {
    match client
        .create_room()
        .account_id("acct-1")
        .name("Team Room")
        .send()
        .await
    {
        Ok(out) => {
            assert_eq!(out.room().and_then(|r| r.name()), Some("Team Room"));
            Ok(())
        }
        Err(e @ SdkError::ConstructionFailure(_)) => {
            Err(format!("{}", std::error::Error::source(&e).unwrap()))
        }
        Err(other) => panic!("expected a construction failure, got {other:?}"),
    }
}

#[tokio::test]
#[allow(deprecated, reason = "every behavior version a user can still name")]
async fn every_behavior_version_without_http_client_sleep_or_time_source() {
    let mock = FakeServer::start().await.unwrap();
    for version in [
        BehaviorVersion::v2023_11_09(),
        BehaviorVersion::v2024_03_28(),
        BehaviorVersion::v2025_01_17(),
        BehaviorVersion::v2025_08_07(),
        BehaviorVersion::v2026_01_12(),
        BehaviorVersion::latest(),
    ] {
        let sdk_config = SdkConfig::builder()
            .behavior_version(version)
            .region(Region::new("eu-west-1"))
            .credentials_provider(credentials())
            .endpoint_url(mock.endpoint_url())
            .build();
        assert!(sdk_config.http_client().is_none() && sdk_config.sleep_impl().is_none());
        create_room(&Client::new(&sdk_config)).await.unwrap();
    }
    assert_eq!(mock.requests().len(), 6);
}

#[tokio::test]
async fn an_empty_sdk_config_names_the_credentials_to_set() {
    let mock = FakeServer::start().await.unwrap();
    // The endpoint rules need a region first.
    let client = Client::new(&SdkConfig::builder().build());
    let err = create_room(&client).await.unwrap_err();
    assert!(err.contains("Missing Region"), "{err}");
    assert!(err.contains("set one in Config or SdkConfig"), "{err}");
    let client = Client::new(
        &SdkConfig::builder()
            .region(Region::new("us-east-1"))
            .build(),
    );
    let err = create_room(&client).await.unwrap_err();
    assert!(err.contains("no credentials provider"), "{err}");
    // Same with an endpoint: nothing is sent without credentials.
    let client = Client::new(
        &SdkConfig::builder()
            .endpoint_url(mock.endpoint_url())
            .build(),
    );
    let err = create_room(&client).await.unwrap_err();
    assert!(err.contains("credentials"), "{err}");
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn no_region_signs_for_the_global_endpoints_region() {
    let mock = FakeServer::start().await.unwrap();
    let sdk_config = SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .credentials_provider(credentials())
        .endpoint_url(mock.endpoint_url())
        .build();
    create_room(&Client::new(&sdk_config)).await.unwrap();
    let auth = &mock.requests()[0].headers;
    let auth = auth
        .iter()
        .find(|(k, _)| k == "authorization")
        .map(|(_, v)| v.as_str())
        .unwrap();
    assert!(auth.contains("/us-east-1/chime/aws4_request"), "{auth}");
}

#[tokio::test]
async fn a_bad_endpoint_url_is_named_before_sending() {
    for (url, why) in [
        ("not a url", "has no scheme"),
        ("http://exa mple.com", "is not a valid URL"),
        ("ftp://example.com", "has scheme `ftp`"),
        ("example.com/path", "has no scheme"),
    ] {
        let sdk_config = SdkConfig::builder()
            .credentials_provider(credentials())
            .endpoint_url(url)
            .build();
        let err = create_room(&Client::new(&sdk_config)).await.unwrap_err();
        assert!(err.contains(url) && err.contains(why), "{url}: {err}");
    }
}

#[tokio::test]
async fn a_config_loaded_by_aws_config_without_credentials() {
    let mock = FakeServer::start().await.unwrap();
    let sdk_config = aws_config::defaults(BehaviorVersion::latest())
        .no_credentials()
        .region(Region::new("us-east-1"))
        .endpoint_url(mock.endpoint_url())
        .load()
        .await;
    let err = create_room(&Client::new(&sdk_config)).await.unwrap_err();
    assert!(err.contains("credentials"), "{err}");
    assert!(mock.requests().is_empty());
}
