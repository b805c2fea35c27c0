//! The DynamoDB SDK sdkgen generates from the official model
//! (`../shared/models/aws/dynamodb-2012-08-10.json`), for compiling the
//! drop-in program (`dropin/scenarios/dynamodb.rs`) unchanged but for the
//! crate name. Where the model is absent the crate is empty.

#[cfg(not(sdkgen_model_absent))]
include!(concat!(env!("OUT_DIR"), "/sdk.rs"));
