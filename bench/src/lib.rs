//! Clients of both SDKs configured alike (same credentials, region,
//! endpoint, retries), and the bodies the benchmarks answer with.

/// A `chime-sdk` client.
pub fn ours(
    endpoint: &str,
    http: Option<aws_smithy_runtime_api::client::http::SharedHttpClient>,
) -> chime_sdk::Client {
    let mut b = chime_sdk::Config::builder()
        .region(chime_sdk::config::Region::new("us-east-1"))
        .credentials_provider(chime_sdk::config::Credentials::new(
            "AKID", "secret", None, None, "bench",
        ))
        .endpoint_url(endpoint)
        .retry_config(chime_sdk::config::RetryConfig::standard());
    if let Some(http) = http {
        b = b.http_client(http);
    }
    chime_sdk::Client::from_conf(b.build())
}

/// An `aws-sdk-chime` client.
pub fn aws(
    endpoint: &str,
    http: Option<aws_smithy_runtime_api::client::http::SharedHttpClient>,
) -> aws_sdk_chime::Client {
    let mut b = aws_sdk_chime::Config::builder()
        .behavior_version(aws_sdk_chime::config::BehaviorVersion::latest())
        .region(aws_sdk_chime::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_chime::config::Credentials::new(
            "AKID", "secret", None, None, "bench",
        ))
        .endpoint_url(endpoint)
        .retry_config(aws_sdk_chime::config::retry::RetryConfig::standard());
    if let Some(http) = http {
        b = b.http_client(http);
    }
    aws_sdk_chime::Client::from_conf(b.build())
}

/// A client that answers every request in memory.
pub fn static_http(
    status: u16,
    body: &'static str,
) -> aws_smithy_runtime_api::client::http::SharedHttpClient {
    aws_smithy_http_client::test_util::infallible_client_fn(move |_| {
        http::Response::builder()
            .status(status)
            .header("content-type", "application/json")
            .body(aws_smithy_types::body::SdkBody::from(body))
            .expect("a valid response")
    })
}

/// The CreateRoom 201 body both SDKs parse.
pub const ROOM: &str = r#"{"Room":{"RoomId":"r-1","Name":"Team Room","AccountId":"acct","CreatedBy":"arn:aws:iam::111122223333:user/alice","CreatedTimestamp":"2019-12-02T21:25:26.123Z","UpdatedTimestamp":"2019-12-02T21:25:26.123Z"}}"#;

/// A modeled error body.
pub const BAD_REQUEST: &str = r#"{"Code":"BadRequest","Message":"the name is not valid"}"#;
