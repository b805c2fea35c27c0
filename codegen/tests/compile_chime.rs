//! The snapshot of model/chime.json compiles under `deny(warnings)`.
#![deny(warnings)]

include!("snapshots/chime_sdk.rs");
