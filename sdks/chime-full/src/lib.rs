//! Every operation of the official Amazon Chime model
//! (`../shared/models/chime-2018-05-01.json`), generated at build time: a
//! test that the generator handles a real model written by others. Where
//! the model file is absent the crate is empty and its tests say so.

#[cfg(not(sdkgen_model_absent))]
include!(concat!(env!("OUT_DIR"), "/sdk.rs"));
