//! The mutators behind the `openapi_import` and `smithy_mutations` fuzz
//! targets and the `smoke` binary: the fuzz input drives a small
//! deterministic mutator over the project's models (`model/chime.json`,
//! `model/chime.openapi.json`), and what `sdkgen::generate` accepts must be
//! Rust that parses (the targets) and compiles (`smoke`).

pub mod common;
pub mod openapi;
pub mod smithy;

/// The model name `generate` sees for an OpenAPI document.
pub const OPENAPI_NAME: &str = "x.openapi.json";
/// The model name `generate` sees for a Smithy model.
pub const SMITHY_NAME: &str = "x.json";

/// Which model a fuzz input becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `openapi_import`: input starting with `{` (after whitespace) is the
    /// document itself; any other input drives mutations of the OpenAPI model.
    OpenApi,
    /// `smithy_mutations`: input drives mutations of the Smithy model.
    Smithy,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::OpenApi => "openapi_import",
            Target::Smithy => "smithy_mutations",
        }
    }

    /// The `(name, text)` model for a fuzz input.
    pub fn model(self, data: &[u8]) -> (String, String) {
        match self {
            Target::OpenApi => {
                let raw = data
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|b| *b == b'{');
                let text = if raw {
                    String::from_utf8_lossy(data).into_owned()
                } else {
                    openapi::mutate(data)
                };
                (OPENAPI_NAME.to_owned(), text)
            }
            Target::Smithy => (SMITHY_NAME.to_owned(), smithy::mutate(data)),
        }
    }
}

/// Generates from a fuzz input; a panic inside is the finding. Accepted
/// output must parse as a Rust file: if it does not, this panics with the
/// syn error, so libFuzzer reports it as a crash.
pub fn run(target: Target, data: &[u8]) -> Option<sdkgen::Generated> {
    let model = target.model(data);
    let generated = sdkgen::generate(&[model], &sdkgen::Settings::default()).ok()?;
    if let Err(e) = syn::parse_file(&generated.code) {
        panic!("generate accepted the model but its output is not Rust: {e}");
    }
    Some(generated)
}
