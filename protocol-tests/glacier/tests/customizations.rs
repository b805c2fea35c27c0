//! Glacier's customizations as a user meets them, with validation on (the
//! compliance cases run with it off): an account id left unset is `-`
//! before the input is checked, and an upload from memory carries its
//! checksums.

#![cfg(not(sdkgen_model_absent))]

use aws_smithy_http_client::test_util::capture_request;
use protocol_tests_glacier::config::{Config, Credentials, Region};
use protocol_tests_glacier::primitives::ByteStream;
use protocol_tests_glacier::Client;

#[test]
fn an_unset_account_id_is_dash_and_the_upload_is_hashed() {
    let (http, requests) = capture_request(None);
    let config = Config::builder()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "SECRET", None, None, "test"))
        .endpoint_url("https://glacier.example.com")
        .http_client(http)
        .build();
    let client = Client::from_conf(config);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    // The captured answer is an empty 200; only the request matters.
    let _ = runtime.block_on(
        client
            .upload_archive()
            .vault_name("bar")
            .body(ByteStream::from_static(b"hello world"))
            .send(),
    );
    let request = requests.expect_request();
    assert_eq!(
        request.uri(),
        "https://glacier.example.com/-/vaults/bar/archives"
    );
    let sha = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
    assert_eq!(request.headers().get("x-amz-sha256-tree-hash"), Some(sha));
    assert_eq!(request.headers().get("x-amz-content-sha256"), Some(sha));
    assert_eq!(
        request.headers().get("x-amz-glacier-version"),
        Some("2012-06-01")
    );
    // SigV4 signed the checksum header it was given.
    let auth = request.headers().get("authorization").unwrap_or_default();
    assert!(auth.contains("x-amz-content-sha256"), "{auth}");
}
