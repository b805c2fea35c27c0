//! Generates the SDK from the official Chime model in `../shared`, which the
//! project may not commit; where it is absent the crate is empty.

fn main() {
    // With the fake server (feature `test-util`, tests/fake.rs).
    let mut settings = sdkgen::Settings::default();
    settings.fake = true;
    sdkgen::build_shared_model("models/chime-2018-05-01.json", &settings);
}
