//! The OpenAPI front end: any bytes as one document `x.openapi.json` (an
//! input starting with `{`), or the bytes as choices of a mutator over
//! `model/chime.openapi.json` (renamed operations, schemas, properties and
//! enum values; error responses without `x-sdkgen-error`; wrong types and
//! defaults; dangling `$ref`s; missing fields). Generation never panics, and
//! what it accepts parses as Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = chime_sdk_fuzz::run(chime_sdk_fuzz::Target::OpenApi, data);
});
