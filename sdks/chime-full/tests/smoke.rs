//! Smoke tests of the generated client (see `sdks/smoke_tests.rs`).

#[cfg(not(sdkgen_model_absent))]
use chime_sdk_full as sdk;

#[cfg_attr(
    not(sdkgen_model_absent),
    allow(dead_code, reason = "read only when the model is absent")
)]
const MODEL: &str = "../shared/models/chime-2018-05-01.json";

include!("../../smoke_tests.rs");
