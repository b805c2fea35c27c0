//! The Smithy front end: the bytes as choices of a mutator over
//! `model/chime.json` (renamed shapes, members and operations; errors that
//! are no `@error` structure; `@default`s of the wrong type or range;
//! dangling targets; odd `@httpError`s, mixin and resource cycles...).
//! Generation never panics, and what it accepts parses as Rust.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = chime_sdk_fuzz::run(chime_sdk_fuzz::Target::Smithy, data);
});
