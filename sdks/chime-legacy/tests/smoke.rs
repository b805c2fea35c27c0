//! Smoke tests of the generated client (see `sdks/smoke_tests.rs`).

#[cfg(not(sdkgen_model_absent))]
use chime_sdk_legacy as sdk;

#[cfg_attr(
    not(sdkgen_model_absent),
    allow(dead_code, reason = "read only when the model is absent")
)]
const MODEL: &str = "../shared/models/legacy/chime-smithy-rs-2022-03.json";

include!("../../smoke_tests.rs");
