//! `sdkgen` turns a Smithy JSON AST model (or an OpenAPI 3.0 document) of
//! an AWS service speaking restJson1, awsJson1_0 or awsJson1_1 into Rust
//! source for an SDK that runs on the smithy-rs runtime (through the
//! `sdkgen-runtime` facade).
//!
//! # Use from a build script
//!
//! The runtime of exactly the generator's version; the generator without
//! its command line:
//!
//! ```toml
//! [dependencies]
//! sdkgen-runtime = "=0.1.0"
//! [build-dependencies]
//! sdkgen = { version = "=0.1.0", default-features = false }
//! ```
//!
//! ```no_run
//! // build.rs
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("sdk.rs");
//! if let Err(e) = sdkgen::build(&["model/chime.json".into()], &out, &sdkgen::Settings::default()) {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/sdk.rs"));
//! ```
//!
//! # The pipeline
//! [`generate`] reads like its phases: a front end (`parse` and `lower` for
//! a Smithy JSON AST, `openapi::import` for OpenAPI 3) states the model as
//! the IR ([`ir`]) -> `normalize` applies the policies every front end
//! shares (Rust names, error retry classes and codes, rustdoc, typed
//! values) -> `check` holds every invariant the back end relies on ->
//! `emit` (`quote!`) -> format (`syn` + `prettyplease`). Every phase
//! collects located problems; no phase starts while errors are pending.
//! After `check`, emitting cannot fail: [`generate_ir`] takes IR from any
//! front end, a hand-built one included, and either rejects it with located
//! errors or generates code that compiles.

mod check;
mod customize;
mod diag;
pub mod diff;
mod docs;
pub mod ir;
mod lower;
mod names;
mod normalize;
pub mod openapi;
mod parse;

mod emit;

pub use diag::{Diagnostic, Error, Severity};

use std::path::{Path, PathBuf};

/// Generation settings.
#[non_exhaustive]
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Generate only these operations (by model name) and the shapes they
    /// reach; all when `None`.
    pub operations: Option<Vec<String>>,
    /// The service to generate (shape id), where the model holds several.
    pub service: Option<String>,
    /// Emit the model's restJson1 client protocol compliance cases as
    /// `#[cfg(test)]` tests, reporting each result to
    /// `<harness>::check(kind, id, result)`; the value is that harness
    /// module's path (e.g. `crate::harness`).
    pub protocol_tests: Option<String>,
    /// Emit the model's `smithy.rules#endpointTests` cases as `#[cfg(test)]`
    /// tests (`mod endpoint_tests`, one `endpoint_case_<n>` per case, `n`
    /// from 0 in model order), each run by the runtime's rules interpreter
    /// on its embedded partitions. Nothing where the service has no rule set.
    pub endpoint_tests: bool,
    /// The folder an OpenAPI document's `$ref`s to other files are read
    /// from; [`build`] and [`write_crate`] use the document's own folder
    /// where this is unset.
    pub model_dir: Option<PathBuf>,
    /// Emit `pub mod fake`, an in-process fake of the service for tests,
    /// behind `#[cfg(feature = "test-util")]`: the including crate then
    /// declares a `test-util` feature enabling `sdkgen-runtime/test-util`.
    /// [`write_crate`] always does, and writes that feature.
    pub fake: bool,
}

/// Generated source and what generation noticed on the way.
#[derive(Debug)]
pub struct Generated {
    /// Formatted Rust source, with an `@generated` header.
    pub code: String,
    /// Warnings (nothing that stopped generation).
    pub warnings: Vec<Diagnostic>,
    /// The service's SDK id (`aws.api#service` `sdkId`).
    pub sdk_id: String,
    /// The model's `smithy.rules#endpointTests` cases as an integration
    /// test (`tests/endpoints.rs` of [`write_generated_crate`]), where the
    /// service has a rule set: one `endpoint_case_<n>` per case, through
    /// the crate's `config::endpoint::DefaultResolver`. The text names the
    /// crate `sdk`; it is to be led by `use <crate> as sdk;`.
    pub endpoint_test_file: Option<String>,
    /// `sha256:<hex>` of the model texts (`MODEL_FINGERPRINT` in the code).
    pub fingerprint: String,
}

/// How a crate written by [`write_crate`] depends on `sdkgen-runtime`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeDep {
    /// The release of this generator's own version, from crates.io: the
    /// runtime is released with the generator, version for version.
    Release,
    /// The crate at this path (a checkout of the runtime being worked on).
    Path(PathBuf),
}

/// The `runtime/` folder beside this generator's sources, where it is
/// there (a checkout of the repository, not a crate from a registry).
pub fn checkout_runtime() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    manifest
        .contains("name = \"sdkgen-runtime\"")
        .then(|| dir.canonicalize().unwrap_or(dir))
}

/// The first line of every `Cargo.toml` [`write_crate`] writes: how a folder
/// is known to be sdkgen's to write into again.
const MANIFEST_MARKER: &str = "# @generated by sdkgen";

/// Whether `dir` may be written into without `--force`: it does not exist,
/// is empty, or holds a crate sdkgen wrote (its `Cargo.toml` says so).
pub fn check_output_dir(dir: &Path) -> Result<(), String> {
    let Ok(mut entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    if entries.next().is_none() {
        return Ok(());
    }
    match std::fs::read_to_string(dir.join("Cargo.toml")) {
        Ok(text) if text.starts_with(MANIFEST_MARKER) => Ok(()),
        Ok(_) => Err(format!(
            "{} holds a Cargo.toml sdkgen did not write: writing there would replace it",
            dir.display()
        )),
        Err(_) => Err(format!(
            "{} is not empty and holds no crate sdkgen wrote",
            dir.display()
        )),
    }
}

/// Runs the pipeline on model texts (`(name, json)` pairs).
pub fn generate(models: &[(String, String)], settings: &Settings) -> Result<Generated, Error> {
    let mut warnings = Vec::new();
    let service = front_end(models, settings, &mut warnings)?;
    let sources: Vec<&str> = models.iter().map(|(n, _)| n.as_str()).collect();
    back_end(service, &sources, &fingerprint(models), settings, warnings)
}

/// Runs the pipeline from the IR on: `normalize`, `check`, emit and format.
/// For front ends of other model formats, and for tests of the back end
/// with hand-built IR: whatever `service` holds, the result is located
/// errors or code that compiles, never a panic. `source` names the model
/// in the generated header.
pub fn generate_ir(
    service: ir::Service,
    source: &str,
    settings: &Settings,
) -> Result<Generated, Error> {
    back_end(service, &[source], "sha256:0", settings, Vec::new())
}

/// `normalize`, `check`, emit and format.
fn back_end(
    mut service: ir::Service,
    sources: &[&str],
    fingerprint: &str,
    settings: &Settings,
    mut warnings: Vec<Diagnostic>,
) -> Result<Generated, Error> {
    let mut diags = diag::Diagnostics::default();
    customize::apply(&mut service);
    normalize::normalize(&mut service, &mut diags);
    diags.propagate(&mut warnings)?;
    check::check(&service, &mut diags);
    diags.propagate(&mut warnings)?;

    if let Some(harness) = &settings.protocol_tests {
        syn::parse_str::<syn::Path>(harness).map_err(|e| {
            Error::single(
                "settings",
                format!("`protocol_tests` is not a module path: {e}"),
                None,
            )
        })?;
    }
    let body = render(&service, fingerprint, settings)?;
    let endpoint_test_file = match &service.endpoint_rules {
        Some(_) => {
            let tokens = emit::emit_endpoint_test_file(&emit::Cx::new(&service));
            let file = syn::parse2::<syn::File>(tokens)
                .map_err(|e| Error::single("endpoint tests", e.to_string(), None))?;
            Some(prettyplease::unparse(&file))
        }
        None => None,
    };
    let code = format!(
        "// @generated by sdkgen {} from {} ({fingerprint}). Do not edit: change the model and rebuild.\n\n{}",
        env!("CARGO_PKG_VERSION"),
        sources.join(", "),
        body
    );
    Ok(Generated {
        code,
        warnings,
        sdk_id: service.sdk_id.clone(),
        endpoint_test_file,
        fingerprint: fingerprint.to_owned(),
    })
}

/// One unit of formatting work: a part of the SDK, the fingerprint constant,
/// the protocol tests or the endpoint tests.
#[derive(Clone, Copy)]
enum Job {
    Part(emit::Part),
    Fingerprint,
    ProtocolTests,
    EndpointTests,
    Fake,
}

/// Emits, parses (syn) and formats (prettyplease) the generated module.
///
/// Parsing and formatting are most of generation time and linear in the
/// output, so the parts are done on every available core, each part parsed
/// once and formatted once; prettyplease prints items one after another, so
/// the parts' texts joined are the text of the whole module printed at once
/// (tested), whatever the number of threads. A `TokenStream` cannot cross
/// threads, so each part is also emitted where it is formatted.
fn render(service: &ir::Service, fingerprint: &str, settings: &Settings) -> Result<String, Error> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    render_on(service, fingerprint, settings, threads)
}

/// [`render`] on at most `threads` threads.
fn render_on(
    service: &ir::Service,
    fingerprint: &str,
    settings: &Settings,
    threads: usize,
) -> Result<String, Error> {
    let protocol_tests = settings.protocol_tests.as_deref();
    let endpoint_tests = settings.endpoint_tests;
    let cx = emit::Cx::new(service);
    let mut jobs: Vec<Job> = emit::parts(service).into_iter().map(Job::Part).collect();
    jobs.push(Job::Fingerprint);
    if protocol_tests.is_some() {
        jobs.push(Job::ProtocolTests);
    }
    if endpoint_tests && service.endpoint_rules.is_some() {
        jobs.push(Job::EndpointTests);
    }
    if settings.fake {
        jobs.push(Job::Fake);
    }
    let run = |job: Job| -> Result<String, String> {
        let tokens = match job {
            Job::Part(part) => emit::emit_part(&cx, part),
            Job::Fingerprint => quote::quote! {
                /// SHA-256 of the model text this code was generated from; `sdkgen diff`
                /// compares models, this tells which one a build used.
                pub const MODEL_FINGERPRINT: &str = #fingerprint;
            },
            Job::ProtocolTests => {
                // Checked to parse before rendering started.
                let harness = syn::parse_str::<syn::Path>(protocol_tests.unwrap_or_default())
                    .map_err(|e| e.to_string())?;
                emit::emit_protocol_tests(&cx, &harness)
            }
            Job::EndpointTests => emit::emit_endpoint_tests(&cx),
            Job::Fake => emit::emit_fake(&cx),
        };
        let file = syn::parse2::<syn::File>(tokens).map_err(|e| e.to_string())?;
        Ok(prettyplease::unparse(&file))
    };
    let threads = threads.clamp(1, jobs.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut texts: Vec<Option<Result<String, String>>> = vec![None; jobs.len()];
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&job) = jobs.get(i) else { break };
            done.push((i, run(job)));
        }
        done
    };
    std::thread::scope(|scope| {
        // Where a thread cannot be made (a sandboxed build, say), the
        // current thread does the work that is left.
        let workers: Vec<_> = (1..threads)
            .map_while(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut results = work();
        for worker in workers {
            // A worker only panics on a generator bug; its parts stay `None`
            // and are reported below.
            results.extend(worker.join().unwrap_or_default());
        }
        for (i, text) in results {
            texts[i] = Some(text);
        }
    });
    // Each operation part is a whole `pub mod operation { pub mod <op> { .. } }`
    // as prettyplease printed it; a run of them becomes one module by keeping
    // the opening lines of the first and the closing line of the last. Every
    // character is prettyplease's: the result is the text of formatting the
    // whole module at once (a test compares the two).
    const OPEN: &str = "pub mod operation {\n";
    let mut out = String::new();
    let mut in_operations = false;
    for (job, text) in jobs.iter().zip(texts) {
        let bug = |e: String| {
            Error::single(
                &service.id,
                format!("the generator produced invalid Rust (a generator bug): {e}"),
                None,
            )
        };
        let text = text
            .unwrap_or_else(|| Err("the formatting thread panicked".to_owned()))
            .map_err(bug)?;
        let operation = matches!(job, Job::Part(emit::Part::Operation(_)));
        if !operation {
            if in_operations {
                out.push_str("}\n");
                in_operations = false;
            }
            out.push_str(&text);
            continue;
        }
        let (Some(open), Some(body)) = (text.find(OPEN), text.strip_suffix("}\n")) else {
            return Err(bug(format!("an operation module printed as {text:?}")));
        };
        let start = open + OPEN.len();
        if !in_operations {
            out.push_str(&text[..start]);
            in_operations = true;
        }
        out.push_str(&body[start..]);
    }
    if in_operations {
        out.push_str("}\n");
    }
    Ok(space_items(&out))
}

/// The formatted text with a blank line between items, as handwritten code
/// has them (prettyplease prints items back to back): before an item, its
/// docs or attributes, where the line before ends an item at the same
/// indentation. Runs of `use` stay together. A pass over prettyplease's
/// text, whose layout is fixed: one item or statement starts a line, and a
/// block closes with `}` at its opening line's indentation.
fn space_items(text: &str) -> String {
    const STARTS: &[&str] = &[
        "///",
        "//!",
        "#[",
        "#![",
        "pub ",
        "pub(",
        "fn ",
        "async fn ",
        "impl ",
        "impl<",
        "mod ",
        "struct ",
        "enum ",
        "static ",
        "const ",
        "type ",
        "trait ",
        "unsafe impl",
        "use ",
        "macro_rules!",
    ];
    let indent = |l: &str| l.len() - l.trim_start().len();
    let is_use = |l: &str| {
        let l = l.trim_start();
        (l.starts_with("use ") || l.starts_with("pub use ")) && l.ends_with(';')
    };
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut prev: Option<&str> = None;
    for line in text.lines() {
        if let Some(p) = prev {
            let head = line.trim_start();
            let ends_item = {
                let t = p.trim_end();
                t.ends_with('}') || t.ends_with("};") || t.ends_with(';')
            };
            let p_head = p.trim_start();
            if STARTS.iter().any(|s| head.starts_with(s))
                && ends_item
                && indent(p) == indent(line)
                && !p_head.starts_with("///")
                && !p_head.starts_with("#[")
                && !(is_use(p) && is_use(line))
            {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}

/// Reads model files, generates, and writes `out` only if its content
/// changed (so dependents do not rebuild for nothing). For build scripts:
/// prints `cargo:rerun-if-changed` for each model and `cargo:warning` for
/// each warning.
pub fn build(models: &[PathBuf], out: &Path, settings: &Settings) -> Result<(), Error> {
    for path in models {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let texts = read_models(models)?;
    let generated = generate(&texts, &with_model_dir(settings, models))?;
    for w in &generated.warnings {
        println!("cargo:warning={}", w.to_string().replace('\n', " "));
    }
    write_if_changed(out, &generated.code).map_err(|e| {
        Error::single(
            out.display().to_string(),
            format!("cannot write generated code: {e}"),
            None,
        )
    })
}

/// Writes a complete crate for the models into `dir`: `Cargo.toml` (a
/// standalone workspace depending on `sdkgen-runtime` as `runtime` says,
/// with the generator's version and the model's fingerprint) and
/// `src/lib.rs`, and `tests/endpoints.rs` where the model has endpoint
/// tests. The crate name defaults to `<sdkId>-sdk`.
pub fn write_crate(
    models: &[PathBuf],
    dir: &Path,
    crate_name: Option<&str>,
    runtime: &RuntimeDep,
    settings: &Settings,
) -> Result<(), Error> {
    let texts = read_models(models)?;
    let mut settings = with_model_dir(settings, models);
    // The crate's manifest declares `test-util`.
    settings.fake = true;
    let generated = generate(&texts, &settings)?;
    for w in &generated.warnings {
        eprintln!("{w}");
    }
    let sources: Vec<&str> = texts.iter().map(|(n, _)| n.as_str()).collect();
    write_generated_crate(&generated, &sources, dir, crate_name, runtime)
}

/// Writes what [`generate`] made as a crate into `dir` (see [`write_crate`]),
/// naming `sources` (the model files) in its docs.
pub fn write_generated_crate(
    generated: &Generated,
    sources: &[&str],
    dir: &Path,
    crate_name: Option<&str>,
    runtime: &RuntimeDep,
) -> Result<(), Error> {
    let io = |what: &Path, e: std::io::Error| {
        Error::single(
            what.display().to_string(),
            format!("cannot write: {e}"),
            None,
        )
    };
    let name = match crate_name {
        Some(n) => n.to_owned(),
        None => {
            let stem = names::snake(&generated.sdk_id).replace('_', "-");
            // A package name starts with a letter.
            let stem = stem.trim_matches('-');
            if stem.is_empty() {
                "api-sdk".to_owned()
            } else if stem.starts_with(|c: char| c.is_ascii_alphabetic()) {
                format!("{stem}-sdk")
            } else {
                format!("sdk-{stem}")
            }
        }
    };
    let version = env!("CARGO_PKG_VERSION");
    let runtime = match runtime {
        // `=`: the generated code uses the runtime's private interface,
        // which only the generator's own version is known to match.
        RuntimeDep::Release => format!("\"={version}\""),
        RuntimeDep::Path(path) => {
            let path = path.canonicalize().unwrap_or_else(|_| path.clone());
            format!(
                "{{ path = {:?}, version = \"={version}\" }}",
                path.display().to_string()
            )
        }
    };
    let manifest = format!(
        "{MANIFEST_MARKER} {version} from {} ({}): regenerate rather than edit.\n\
         [package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         rust-version = \"{}\"\ndescription = \"{} SDK generated by sdkgen\"\n\n\
         [package.metadata.sdkgen]\nversion = \"{version}\"\nmodel-fingerprint = \"{}\"\n\n\
         [dependencies]\nsdkgen-runtime = {runtime}\n\n\
         [features]\n\
         # `config::Builder::with_test_defaults(_v2)`, as aws-sdk-rust's crates have them\n\
         # under `test-util`: what `aws_smithy_mocks::mock_client!` calls; and\n\
         # `fake::FakeServer`, an in-process fake of the service for tests.\n\
         test-util = [\"sdkgen-runtime/test-util\"]\n\n\
         # Standalone: not a member of an enclosing workspace.\n[workspace]\n",
        sources.join(", "),
        generated.fingerprint,
        env!("CARGO_PKG_RUST_VERSION"),
        generated.sdk_id,
        generated.fingerprint,
    );
    let lib = format!(
        "//! {} SDK generated by sdkgen from {}. Build a client with\n\
         //! `Client::new(&sdk_config)` or `Client::from_conf(config::Config::builder()...build())`.\n\n{}",
        generated.sdk_id,
        sources.join(", "),
        generated.code
    );
    let src = dir.join("src");
    std::fs::create_dir_all(&src).map_err(|e| io(&src, e))?;
    write_if_changed(&dir.join("Cargo.toml"), &manifest)
        .map_err(|e| io(&dir.join("Cargo.toml"), e))?;
    write_if_changed(&src.join("lib.rs"), &lib).map_err(|e| io(&src.join("lib.rs"), e))?;
    if let Some(tests) = &generated.endpoint_test_file {
        let dir = dir.join("tests");
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let file = dir.join("endpoints.rs");
        let text = format!(
            "// @generated by sdkgen {} from {}: the model's endpoint rule set test cases\n\
             // (`smithy.rules#endpointTests`). Run them with `cargo test --test endpoints`.\n\n\
             use {} as sdk;\n\n{tests}",
            env!("CARGO_PKG_VERSION"),
            sources.join(", "),
            name.replace('-', "_"),
        );
        write_if_changed(&file, &text).map_err(|e| io(&file, e))?;
    }
    Ok(())
}

/// Reads, lowers and normalizes a model for [`diff::diff`]: every operation
/// of its one service (or `settings.service`).
pub fn load(models: &[PathBuf], settings: &Settings) -> Result<ir::Service, Error> {
    let mut warnings = Vec::new();
    let settings = with_model_dir(settings, models);
    let mut service = front_end(&read_models(models)?, &settings, &mut warnings)?;
    let mut diags = diag::Diagnostics::default();
    normalize::normalize(&mut service, &mut diags);
    diags.propagate(&mut warnings)?;
    Ok(service)
}

/// Parse and lower: model texts into the IR, with located errors.
fn front_end(
    models: &[(String, String)],
    settings: &Settings,
    warnings: &mut Vec<Diagnostic>,
) -> Result<ir::Service, Error> {
    let mut diags = diag::Diagnostics::default();
    // An OpenAPI document is a front end of its own (one document, one service).
    if let [(name, text)] = models {
        if openapi::is_openapi(text) {
            let service =
                openapi::import::import(name, text, settings.model_dir.as_deref(), &mut diags);
            diags.propagate(warnings)?;
            return service.ok_or_else(|| Error::single(name, "no service could be lowered", None));
        }
    }
    let mut ast = parse::Ast::default();
    for (name, text) in models {
        parse::parse_into(&mut ast, name, text, &mut diags);
    }
    parse::flatten_mixins(&mut ast, &mut diags);
    diags.propagate(warnings)?;
    let service = lower::lower(&ast, settings, &mut diags);
    diags.propagate(warnings)?;
    service.ok_or_else(|| Error::single("model", "no service could be lowered", None))
}

/// `sha256:<hex>` of the model texts, in order.
fn fingerprint(models: &[(String, String)]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    for (_, text) in models {
        hasher.update(text.as_bytes());
    }
    format!("sha256:{}", hex::encode(hasher.finalize()))
}

/// `settings` with [`Settings::model_dir`] the first model's folder where
/// it is unset.
fn with_model_dir(settings: &Settings, models: &[PathBuf]) -> Settings {
    let mut settings = settings.clone();
    if settings.model_dir.is_none() {
        settings.model_dir = models.first().and_then(|p| p.parent()).map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".").to_owned()
            } else {
                p.to_owned()
            }
        });
    }
    settings
}

/// Reads model files as `(file name, text)` pairs.
fn read_models(paths: &[PathBuf]) -> Result<Vec<(String, String)>, Error> {
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Error::single(
                    path.display().to_string(),
                    format!("cannot read the model: {e}"),
                    None,
                )
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((name, text))
        })
        .collect()
}

fn write_if_changed(path: &Path, content: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    std::fs::write(path, content)
}

/// For build scripts of crates generated from a model in the `shared/`
/// folder beside the repository (data the project reads but must not
/// commit): generates `$OUT_DIR/sdk.rs` from `shared/<relative>`, or, where
/// the file is absent, sets the cfg `sdkgen_model_absent` and warns, so the
/// crate builds empty and its tests can skip with a message. Sets
/// `SDKGEN_SHARED_MODEL` (for `env!`) to the model's path. Exits 1 with
/// the located errors on a bad model.
pub fn build_shared_model(relative: &str, settings: &Settings) {
    println!("cargo::rustc-check-cfg=cfg(sdkgen_model_absent)");
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    let Some(root) = manifest.ancestors().find(|p| p.join("Cargo.lock").exists()) else {
        println!("cargo::rustc-cfg=sdkgen_model_absent");
        return;
    };
    let model = root.join("../shared").join(relative);
    println!("cargo:rerun-if-changed={}", model.display());
    println!("cargo::rustc-env=SDKGEN_SHARED_MODEL={}", model.display());
    if !model.exists() {
        println!(
            "cargo::warning={} is absent: this crate is built empty",
            model.display()
        );
        println!("cargo::rustc-cfg=sdkgen_model_absent");
        return;
    }
    let out = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .unwrap_or_default()
        .join("sdk.rs");
    if let Err(e) = build(&[model], &out, settings) {
        eprint!("{e}");
        std::process::exit(1);
    }
}

/// For the build script of a protocol-test crate: generates `service` of
/// the shared compliance suite (`../shared/protocol-tests/aws-protocol-tests.json`)
/// with its client cases as tests run by the crate's `harness` module, and
/// names the service to the harness (`PROTOCOL_TESTS_SERVICE`; the harness
/// reads the service's protocol from the model).
pub fn build_protocol_tests(service: &str) {
    println!("cargo::rustc-env=PROTOCOL_TESTS_SERVICE={service}");
    let settings = Settings {
        service: Some(service.into()),
        protocol_tests: Some("crate::harness".into()),
        ..Settings::default()
    };
    build_shared_model("protocol-tests/aws-protocol-tests.json", &settings);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts are formatted on as many threads as there are cores; the
    /// text must be the one of formatting the whole module at once, on any
    /// number of threads.
    #[test]
    fn parts_formatted_apart_make_the_text_of_the_whole() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text =
            std::fs::read_to_string(manifest.join("tests/models/more.json")).expect("test model");
        let mut warnings = Vec::new();
        let mut service = front_end(
            &[("more.json".to_owned(), text)],
            &Settings::default(),
            &mut warnings,
        )
        .expect("model lowers");
        let mut diags = diag::Diagnostics::default();
        normalize::normalize(&mut service, &mut diags);
        diags.propagate(&mut warnings).expect("model normalizes");
        assert!(
            service.operations.len() > 1,
            "a model with several operations"
        );

        // The reference: one token stream, one parse, one format.
        let cx = emit::Cx::new(&service);
        let mut head = proc_macro2::TokenStream::new();
        let mut operations = proc_macro2::TokenStream::new();
        let mut tail = proc_macro2::TokenStream::new();
        for part in emit::parts(&service) {
            match part {
                emit::Part::Head | emit::Part::Types | emit::Part::Codecs => {
                    head.extend(emit::emit_part(&cx, part))
                }
                emit::Part::Operation(i) => operations.extend(ops_of(&cx, i)),
                emit::Part::Client => tail.extend(emit::emit_part(&cx, part)),
            }
        }
        let harness: syn::Path = syn::parse_str("crate::harness").expect("path");
        let tests = emit::emit_protocol_tests(&cx, &harness);
        let whole = quote::quote! {
            #head
            /// Operations: inputs, outputs, errors and fluent builders.
            pub mod operation { #operations }
            #tail
            /// SHA-256 of the model text this code was generated from; `sdkgen diff`
            /// compares models, this tells which one a build used.
            pub const MODEL_FINGERPRINT: &str = "sha256:0";
            #tests
        };
        let once = space_items(&prettyplease::unparse(
            &syn::parse2(whole).expect("valid Rust"),
        ));

        for threads in [1, 2, 3, 8] {
            let settings = Settings {
                protocol_tests: Some("crate::harness".to_owned()),
                ..Settings::default()
            };
            let parts = render_on(&service, "sha256:0", &settings, threads).expect("renders");
            assert!(parts == once, "{threads} threads:\n{parts}\n---\n{once}");
        }
    }

    /// The module of operation `i` alone, as the `operation` part holds it.
    fn ops_of(cx: &emit::Cx, i: usize) -> proc_macro2::TokenStream {
        let file: syn::File =
            syn::parse2(emit::emit_part(cx, emit::Part::Operation(i))).expect("valid Rust");
        let Some(syn::Item::Mod(syn::ItemMod {
            content: Some((_, items)),
            ..
        })) = file.items.into_iter().next()
        else {
            panic!("an operation part is one module");
        };
        quote::quote!(#(#items)*)
    }
}
