//! A Rust SDK for the Amazon Chime `CreateRoom` API, generated at build time
//! from the Smithy model in `model/chime.json` and running on the smithy-rs
//! runtime.
//!
//! Its API mirrors `aws-sdk-chime`, so switching is a rename:
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let sdk_config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
//! let client = chime_sdk::Client::new(&sdk_config);
//! let output = client
//!     .create_room()
//!     .account_id("12a3456b-7c89-012d-3456-78901e23fg45")
//!     .name("Team Room")
//!     .send()
//!     .await?;
//! println!("{:?}", output.room());
//! # Ok(())
//! # }
//! ```
//!
//! * Inputs are checked against the model's constraints before anything is
//!   sent (turn it off with `Config::builder().validation(false)`); the error
//!   names every violated member.
//! * `ClientRequestToken` is filled with a UUIDv4 when unset, and the same
//!   token is sent on every retry.
//! * Requests are signed with SigV4 (`chime`, `us-east-1`) and retried with
//!   the standard strategy, throttling (429) and server errors included.
//! * `@sensitive` values (`Name`, `ClientRequestToken`) never appear in
//!   `Debug` output or error messages.
//!
#![cfg_attr(
    feature = "test-util",
    doc = "With the `test-util` feature, [`fake::FakeServer`] is an in-process Chime server on loopback for your own tests, generated from the model like the client."
)]
#![cfg_attr(
    not(feature = "test-util"),
    doc = "With the `test-util` feature, `fake::FakeServer` is an in-process Chime server on loopback for your own tests, generated from the model like the client."
)]

include!(concat!(env!("OUT_DIR"), "/chime_sdk.rs"));
