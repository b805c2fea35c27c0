//! The snapshot of model/chime.json compiles under `deny(warnings)`.
#![deny(warnings)]

include!("snapshots/chime_sdk.rs");

#[test]
fn a_client_can_be_built() {
    let client = Client::from_conf(config::Config::builder().build());
    assert!(client.config().validation_enabled());
}
