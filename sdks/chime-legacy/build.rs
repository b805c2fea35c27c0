//! Generates the SDK from the legacy Chime model in `../shared`, which the
//! project may not commit; where it is absent the crate is empty.

fn main() {
    sdkgen::build_shared_model(
        "models/legacy/chime-smithy-rs-2022-03.json",
        &sdkgen::Settings::default(),
    );
}
