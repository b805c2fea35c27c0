//! DynamoDB (`../shared/models/aws/dynamodb-2012-08-10.json`, awsJson1_0),
//! generated at build time with its fake server (feature `test-util`): the
//! tests run a few operations of a real model against the fake the
//! generator made from it. Where the model file is absent the crate is
//! empty and its tests say so.

#[cfg(not(sdkgen_model_absent))]
include!(concat!(env!("OUT_DIR"), "/sdk.rs"));
