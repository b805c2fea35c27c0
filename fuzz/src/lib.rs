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

/// Which model a fuzz input becomes. For both, an input starting with `{`
/// (after whitespace) is a model itself (a minimized reproducer stays
/// readable, and stays one when the mutators change); any other input is
/// the choices of the mutator over the project's model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `openapi_import`: an OpenAPI document, `x.openapi.json`.
    OpenApi,
    /// `smithy_mutations`: a Smithy JSON AST, `x.json`.
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
        let raw = data
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'{');
        let (name, mutate): (&str, fn(&[u8]) -> String) = match self {
            Target::OpenApi => (OPENAPI_NAME, openapi::mutate),
            Target::Smithy => (SMITHY_NAME, smithy::mutate),
        };
        let text = if raw {
            String::from_utf8_lossy(data).into_owned()
        } else {
            mutate(data)
        };
        (name.to_owned(), text)
    }
}

/// Generates from a fuzz input; a panic inside is the finding. Accepted
/// output must parse as a Rust file: if it does not, this panics with the
/// syn error, so libFuzzer reports it as a crash.
///
/// To look past bugs already found, `FUZZ_KNOWN_PANICS` may list (`;`
/// between) pieces of [`describe`]d panics to let through: such a panic
/// unwinds instead of aborting and counts as a rejected model.
pub fn run(target: Target, data: &[u8]) -> Option<sdkgen::Generated> {
    filter_known_panics();
    let model = target.model(data);
    let generated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        sdkgen::generate(&[model], &sdkgen::Settings::default())
    }))
    .ok()?
    .ok()?;
    if let Err(e) = syn::parse_file(&generated.code) {
        panic!("generate accepted the model but its output is not Rust: {e}");
    }
    Some(generated)
}

/// A panic as one line: message, location, and the innermost frames of
/// the generator (`sdkgen::...`, with file and line where debug info has
/// them), so that a panic inside `quote` or `proc_macro2` says which
/// generator code called it.
pub fn describe(info: &std::panic::PanicHookInfo) -> String {
    let trace = std::backtrace::Backtrace::force_capture().to_string();
    let mut frames: Vec<String> = Vec::new();
    let mut name = "";
    for line in trace.lines().map(str::trim) {
        if let Some(at) = line.strip_prefix("at ") {
            // `file:line:col`; the column differs between builds.
            let Some(i) = at.find("codegen/src/") else {
                continue;
            };
            let at = at[i..].rsplit_once(':').map_or(&at[i..], |(a, _)| a);
            // `sdkgen::emit::ops::emit_operation::{{closure}}` (debug) or
            // `emit_operation` (an inlined frame): the function's own name.
            let f = name
                .split("::")
                .filter(|s| !s.starts_with('{'))
                .last()
                .unwrap_or(name);
            let frame = format!("{f} ({at})");
            if frames.last() != Some(&frame) {
                frames.push(frame);
            }
            if frames.len() == 3 {
                break;
            }
        } else if let Some((_, n)) = line.split_once(": ") {
            name = n;
        }
    }
    format!(
        "{} [generator: {}]",
        info.to_string().replace('\n', " "),
        frames.join(" <- ")
    )
}

fn filter_known_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let known: Vec<String> = std::env::var("FUZZ_KNOWN_PANICS")
            .unwrap_or_default()
            .split(';')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(str::to_owned)
            .collect();
        if known.is_empty() {
            return;
        }
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let what = describe(info);
            if !known.iter().any(|k| what.contains(k.as_str())) {
                eprintln!("{what}");
                previous(info);
            }
        }));
    });
}
