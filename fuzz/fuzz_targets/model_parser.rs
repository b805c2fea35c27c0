//! Any bytes as a model: generation succeeds or reports located errors; it
//! never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = sdkgen::generate(
        &[("fuzz.json".to_owned(), text)],
        &sdkgen::Settings::default(),
    );
});
