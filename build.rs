//! Generates the SDK from the service model in `model/`: `chime.json`, or
//! failing that any other `.json` there. Smithy JSON AST or OpenAPI 3.0,
//! told apart by content.

fn main() {
    println!("cargo:rerun-if-changed=model");
    let model = std::path::Path::new("model/chime.json");
    let model = if model.exists() {
        model.to_path_buf()
    } else {
        let mut found: Vec<_> = std::fs::read_dir("model")
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        found.sort();
        match found.into_iter().next() {
            Some(p) => p,
            None => {
                eprintln!(
                    "error: model/: no service model (a Smithy JSON AST or OpenAPI 3.0 .json file)"
                );
                std::process::exit(1);
            }
        }
    };
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("chime_sdk.rs");
    // The model's endpoint rule set cases run as the crate's unit tests
    // (`cargo test endpoint_case`).
    let mut settings = sdkgen::Settings::default();
    settings.endpoint_tests = true;
    // `chime_sdk::fake`: the generated fake server (feature `test-util`).
    settings.fake = true;
    if let Err(e) = sdkgen::build(&[model], &out, &settings) {
        eprint!("{e}");
        std::process::exit(1);
    }
}
