//! Any response to CreateRoom, through the real client (orchestrator,
//! deserializer, error parser, retry classifiers): a typed result, never a
//! panic.
#![no_main]

use aws_smithy_http_client::test_util::infallible_client_fn;
use aws_smithy_types::body::SdkBody;
use chime_sdk::config::{Config, Credentials, Region, RetryConfig};
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, Mutex};

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(1));
    let status = match head.first() {
        Some(b) => [200, 201, 204, 400, 401, 403, 404, 429, 500, 503][usize::from(*b) % 10],
        None => 201,
    };
    let body = Arc::new(Mutex::new(body.to_vec()));
    let http = infallible_client_fn(move |_request| {
        let body = body.lock().map(|b| b.clone()).unwrap_or_default();
        http::Response::builder()
            .status(status)
            .body(SdkBody::from(body))
            .expect("status and body are valid")
    });
    let config = Config::builder()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "secret", None, None, "fuzz"))
        .endpoint_url("http://localhost")
        .retry_config(RetryConfig::disabled())
        .http_client(http)
        .build();
    let client = chime_sdk::Client::from_conf(config);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let _ = runtime.block_on(client.create_room().account_id("acct").name("n").send());
});
