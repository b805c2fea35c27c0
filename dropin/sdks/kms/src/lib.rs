//! The kms SDK sdkgen generates from `dropin/models/kms.json`, a model
//! of the operations the drop-in programs (`dropin/scenarios/kms.rs`)
//! call, for compiling those programs unchanged but for the crate name.

include!(concat!(env!("OUT_DIR"), "/sdk.rs"));
