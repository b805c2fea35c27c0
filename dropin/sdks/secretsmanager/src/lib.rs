//! The secretsmanager SDK sdkgen generates from `dropin/models/secretsmanager.json`, a model
//! of the operations the drop-in programs (`dropin/scenarios/secretsmanager.rs`)
//! call, for compiling those programs unchanged but for the crate name.

include!(concat!(env!("OUT_DIR"), "/sdk.rs"));
