//! Generates the SDK from the official Chime model in `../shared`, which the
//! project may not commit; where it is absent the crate is empty.

fn main() {
    sdkgen::build_shared_model("models/chime-2018-05-01.json", &sdkgen::Settings::default());
}
