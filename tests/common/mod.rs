//! Shared set-up for the integration tests: a client pointed at a loopback
//! mock server, with fixed credentials and fast retries.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

use chime_sdk::config::{Config, Credentials, IdempotencyTokenProvider, Region, RetryConfig};
use chime_sdk::Client;
use std::time::Duration;

/// The secret access key of the test credentials; must never show up in output.
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// The session token of the test credentials; must never show up in output.
pub const SESSION: &str = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

/// A `@sensitive` Name value; must never show up in output.
pub const NAME: &str = "Secret Project Hydra";
/// A `@sensitive` ClientRequestToken value; must never show up in output.
pub const TOKEN: &str = "token-Hydra-0042";

/// Fails if `text` holds a secret or a sensitive value.
pub fn assert_clean(what: &str, text: &str) {
    for secret in [NAME, TOKEN, SECRET, SESSION] {
        assert!(!text.contains(secret), "{what} leaks {secret:?}: {text}");
    }
}

pub fn config(endpoint: &str) -> chime_sdk::config::Builder {
    Config::builder()
        .region(Region::new("us-west-2"))
        .credentials_provider(Credentials::new(
            "AKIDEXAMPLE",
            SECRET,
            Some(SESSION.into()),
            None,
            "tests",
        ))
        .endpoint_url(endpoint)
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(1)))
}

pub fn client(endpoint: &str) -> Client {
    Client::from_conf(config(endpoint).build())
}

pub fn client_with_token(endpoint: &str, token: &str) -> Client {
    Client::from_conf(
        config(endpoint)
            .idempotency_token_provider(IdempotencyTokenProvider::fixed(token))
            .build(),
    )
}

pub const ROOM_BODY: &str = r#"{
    "Room": {
        "RoomId": "room-1",
        "Name": "Team Room",
        "AccountId": "acct-1",
        "CreatedBy": "arn:aws:iam::111122223333:user/alice",
        "CreatedTimestamp": "2019-12-02T21:25:26.123Z",
        "UpdatedTimestamp": "2019-12-02T21:30:00Z",
        "SomethingNew": {"added": "later"}
    }
}"#;
