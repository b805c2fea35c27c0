//! Generates the SDK from dropin's own sqs model (`dropin/models/sqs.json`).

fn main() {
    let manifest =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let model = manifest.join("../../models/sqs.json");
    let out =
        std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("sdk.rs");
    if let Err(e) = sdkgen::build(&[model], &out, &sdkgen::Settings::default()) {
        eprint!("{e}");
        std::process::exit(1);
    }
}
