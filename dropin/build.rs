//! Tells `tests/moto.rs` which of the generated SDKs it can compile the
//! programs against: DynamoDB's model is read from `../shared` (not
//! committed), and where it is absent `dynamodb-sdk` (`sdks/dynamodb`) is empty.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(dropin_dynamodb_absent)");
    let manifest =
        std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let model = manifest.join("../../shared/models/aws/dynamodb-2012-08-10.json");
    println!("cargo:rerun-if-changed={}", model.display());
    if !model.exists() {
        println!("cargo::rustc-cfg=dropin_dynamodb_absent");
    }
}
