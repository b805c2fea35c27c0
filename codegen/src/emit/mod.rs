//! Back end: IR into Rust tokens with `quote!`. It never sees JSON.
//!
//! Generated code reaches its runtime only through one facade module,
//! `::sdkgen_runtime::__private` (`Rt` in `common`): a generated module
//! imports it as `rt` and writes short paths (`rt::DateTime`), items at the
//! crate root name it by absolute path. A runtime or smithy-rs change
//! touches the facade, not the emitters.
//!
//! One module per thing written; this one puts the parts of the generated
//! module together. Emitters use `common` and `cx` and, where one writes
//! into another's output, the lower one, never each other both ways:
//!
//! * `types`: structures, enums, int enums, unions;
//! * `builders`: the builder of each structure;
//! * `json`: JSON writers and readers of shapes, and of single values;
//! * `validate`: constraint validation of an input;
//! * `http_request`: an operation's request serializer, one function per
//!   HTTP binding;
//! * `http_response`: an operation's response deserializer, likewise;
//! * `errors`: operation error enums, error readers, the service `Error`;
//! * `paginators`: paginators of `@paginated` operations;
//! * `client`: `Client`, fluent builders, service metadata;
//! * `operation`: one operation's module, from the above;
//! * `values`: Rust expressions of model values (`@default`, test params);
//! * `protocol_tests`: the model's protocol compliance cases as tests;
//! * `endpoint_tests`: the model's endpoint rule set cases as tests;
//! * `fake`: the fake server of the crate (feature `test-util`), the model
//!   as data for the runtime's fake.

mod builders;
mod client;
mod common;
mod cx;
mod endpoint_params;
mod endpoint_tests;
mod errors;
mod fake;
mod http_request;
mod http_response;
mod json;
mod operation;
mod paginators;
mod protocol_tests;
mod types;
mod validate;
mod values;

#[cfg(test)]
mod tests;

pub(crate) use cx::Cx;
pub(crate) use endpoint_tests::{emit_endpoint_test_file, emit_endpoint_tests};
pub(crate) use fake::emit_fake;
pub(crate) use protocol_tests::emit_protocol_tests;

use crate::ir::*;
use common::{module_body, Kind, Rt};
use proc_macro2::TokenStream;
use quote::quote;

/// The parts of the generated module, each emitted, parsed and formatted on
/// its own so that they can be formatted in parallel (see
/// `crate::render`): formatting is most of generation's time.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Part {
    /// The service metadata and re-exports.
    Head,
    /// The `types` module.
    Types,
    /// The JSON codecs.
    Codecs,
    /// One module of `operation`, by index into `Service::operations`.
    Operation(usize),
    /// The `Client`.
    Client,
}

/// The parts of `service`, in output order. Each `Part::Operation` is a
/// `pub mod operation` holding one operation's module; `crate::render` joins
/// a run of them into one module.
pub(crate) fn parts(service: &Service) -> Vec<Part> {
    let mut parts = vec![Part::Head, Part::Types, Part::Codecs];
    parts.extend((0..service.operations.len()).map(Part::Operation));
    parts.push(Part::Client);
    parts
}

/// Emits one part of the generated module for `service`.
pub(crate) fn emit_part(cx: &Cx, part: Part) -> TokenStream {
    match part {
        Part::Head => emit_head(cx),
        Part::Types => emit_types(cx),
        Part::Codecs => emit_codecs(cx),
        Part::Operation(i) => emit_operation_part(cx, i),
        Part::Client => {
            let client = client::emit_client(cx);
            let service_error = errors::emit_service_error(cx);
            quote! {
                #client

                #service_error
            }
        }
    }
}

/// The service metadata, the runtime's modules every SDK re-exports, and
/// `meta`.
fn emit_head(cx: &Cx) -> TokenStream {
    let service = client::emit_service_metadata(cx.service);
    let config = client::emit_config_module(cx.service);
    quote! {
        #service

        #config
        pub use config::Config;

        /// Information about this crate.
        pub mod meta {
            /// The crate's version.
            pub static PKG_VERSION: &str = env!("CARGO_PKG_VERSION");
        }
    }
}

/// `pub mod types { ... }`: every named shape, with builders; errors in
/// `types::error`.
fn emit_types(cx: &Cx) -> TokenStream {
    let mut types = Vec::new();
    let mut builders = Vec::new();
    let mut errors = Vec::new();
    let mut error_builders = Vec::new();
    for shape in cx.service.shapes.values() {
        match shape {
            Shape::Enum(e) => types.push(types::emit_enum(e)),
            Shape::IntEnum(e) => types.push(types::emit_int_enum(e)),
            Shape::Union(u) => types.push(types::emit_union(cx, u)),
            Shape::Structure(s) if s.error.is_some() => {
                errors.push(types::emit_struct(cx, s, Kind::Error));
                error_builders.push(builders::emit_builder(cx, s, Kind::Error));
            }
            Shape::Structure(s) => {
                types.push(types::emit_struct(cx, s, Kind::Plain));
                builders.push(builders::emit_builder(cx, s, Kind::Plain));
            }
        }
    }
    let builders_mod = (!builders.is_empty()).then(|| {
        let body = module_body(quote!(#(#builders)*));
        quote! {
            /// Builders for the types.
            pub mod builders { #body }
        }
    });
    let error_builders_mod = (!error_builders.is_empty()).then(|| {
        let body = module_body(quote!(#(#error_builders)*));
        quote! {
            /// Builders for the error types.
            pub mod builders { #body }
        }
    });
    let error_body = module_body(quote! {
        #(#errors)*
        #error_builders_mod
    });
    let body = module_body(quote! {
        #(#types)*
        #builders_mod
        /// Errors the model describes.
        pub mod error {
            #error_body
        }
    });
    quote! {
        /// Data types of the model.
        pub mod types {
            #body
        }
    }
}

/// `mod json_codec { ... }`: the JSON writers and readers of the shapes
/// nested in bodies, and the readers of error responses.
fn emit_codecs(cx: &Cx) -> TokenStream {
    let mut codecs = Vec::new();
    let operation_errors: std::collections::BTreeSet<&ShapeId> = cx
        .service
        .operations
        .iter()
        .flat_map(|op| &op.errors)
        .collect();
    for shape in cx.service.shapes.values() {
        match shape {
            Shape::Enum(_) | Shape::IntEnum(_) => {}
            Shape::Union(u) => {
                if cx.ser.contains(&u.id) {
                    codecs.push(json::emit_ser_fn(cx, u, true));
                }
                if cx.de.contains(&u.id) {
                    codecs.push(json::emit_de_fn(cx, u, true));
                }
            }
            Shape::Structure(s) => {
                if cx.ser.contains(&s.id) {
                    codecs.push(json::emit_ser_fn(cx, s, false));
                }
                if cx.de.contains(&s.id) && s.error.is_none() {
                    codecs.push(json::emit_de_fn(cx, s, false));
                }
                if operation_errors.contains(&s.id) {
                    codecs.push(errors::emit_error_reader(cx, s));
                }
            }
        }
    }
    let body = module_body(quote!(#(#codecs)*));
    quote! {
        /// JSON codecs for structures nested in bodies, and the readers of
        /// error responses.
        mod json_codec {
            #body
        }
    }
}

/// Documentation of the `operation` module.
const OPERATION_MODULE_DOC: &str = "Operations: inputs, outputs, errors and fluent builders.";

/// `pub mod operation` holding the module of operation `i`; items of the
/// `operation` module itself go with the first.
fn emit_operation_part(cx: &Cx, i: usize) -> TokenStream {
    let rt = Rt::absolute();
    let operation = operation::emit_operation(cx, &cx.service.operations[i]);
    let doc = format!(" {OPERATION_MODULE_DOC}");
    let shared = (i == 0).then(|| {
        quote! {
            pub use #rt::RequestId;
        }
    });
    quote! {
        #[doc = #doc]
        pub mod operation {
            #shared
            #operation
        }
    }
}
