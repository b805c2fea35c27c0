//! Tells `tests/moto.rs` which of the generated SDKs it can compile the
//! programs against: DynamoDB's model is read from `../shared` (not
//! committed), and where it is absent `dynamodb-sdk` (`sdks/dynamodb`) is empty.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(dropin_dynamodb_absent)");
    println!("cargo::rustc-check-cfg=cfg(dropin_ours)");
    let manifest =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let model = manifest.join("../../shared/models/aws/dynamodb-2012-08-10.json");
    println!("cargo:rerun-if-changed={}", model.display());
    if !model.exists() {
        println!("cargo::rustc-cfg=dropin_dynamodb_absent");
    }
    // Until the generator's builders of structures with required members
    // return a Result (as aws-sdk-rust's do), the programs do not compile
    // against the generated SDKs; `CHIME_SDK_DROPIN_OURS=1` compiles them
    // to list what fails.
    println!("cargo:rerun-if-env-changed=CHIME_SDK_DROPIN_OURS");
    if std::env::var("CHIME_SDK_DROPIN_OURS").is_ok_and(|v| v == "1") {
        println!("cargo::rustc-cfg=dropin_ours");
    }
}
