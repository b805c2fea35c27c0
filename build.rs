//! Generates the SDK from the Smithy model in `model/`.

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("chime_sdk.rs");
    if let Err(e) = sdkgen::build(
        &["model/chime.json".into()],
        &out,
        &sdkgen::Settings::default(),
    ) {
        eprint!("{e}");
        std::process::exit(1);
    }
}
