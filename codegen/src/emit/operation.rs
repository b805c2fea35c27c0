//! One operation's module, `operation::<op>`, put together from the other
//! emitters: input and output with their builders, validation, the error
//! enum, the `SPEC` the runtime runs, the serializer and deserializer, and
//! the fluent builder with its paginator.

use super::builders::emit_builder;
use super::client::emit_fluent_builder;
use super::common::{doc, error_name, ident, module_body, Kind, Rt};
use super::cx::Cx;
use super::endpoint_params::{emit_endpoint_params, spec_field};
use super::errors::emit_error_enum;
use super::http_request::emit_serializer;
use super::http_response::emit_deserializer;
use super::paginators::emit_paginator;
use super::types::emit_struct;
use super::validate::emit_validate;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `pub mod <op> { .. }`.
pub(crate) fn emit_operation(cx: &Cx, op: &Operation) -> TokenStream {
    let module = ident(&op.rust_name);
    let module_doc = doc(&op.docs, &format!("The `{}` operation.", op.name));
    let input_item = emit_struct(cx, &op.input, Kind::Input);
    let output_item = emit_struct(cx, &op.output, Kind::Output);
    let input_builder = emit_builder(cx, &op.input, Kind::Input);
    let output_builder = emit_builder(cx, &op.output, Kind::Output);
    let operation_input = emit_operation_input(op);
    let validate = emit_validate(cx, &op.input);
    let error_enum = emit_error_enum(cx, op);
    let spec = emit_spec(cx, op);
    let endpoint_params = emit_endpoint_params(cx, op);
    let serialize = emit_serializer(cx, op);
    let deserialize = emit_deserializer(cx, op);
    let fluent = emit_fluent_builder(cx, op);
    let (paginator, paginator_module) = emit_paginator(cx, op);
    let builders = module_body(quote! {
        #input_builder
        #output_builder

        #fluent

        #paginator
    });
    let body = module_body(quote! {
        #input_item
        #output_item

        #operation_input

        #validate

        #error_enum

        #spec

        #endpoint_params

        #serialize
        #deserialize

        /// Builders for this operation.
        pub mod builders {
            #builders
        }

        #paginator_module
    });
    quote! {
        #module_doc
        pub mod #module {
            #body
        }
    }
}

/// `impl OperationInput`: what the runtime asks of an input before sending
/// it (idempotency tokens filled in, validation).
fn emit_operation_input(op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let input = ident(&op.input.rust_name);
    let tokens: Vec<_> = op
        .input
        .members
        .iter()
        .filter(|m| m.idempotency_token && m.ty == Type::String)
        .map(|m| {
            let f = ident(&m.rust_name);
            quote! {
                if self.#f.is_none() {
                    self.#f = Some(provider.make_token());
                }
            }
        })
        .collect();
    // An input without idempotency tokens keeps the trait's empty default.
    let fill_tokens = (!tokens.is_empty()).then(|| {
        quote! {
            fn fill_idempotency_tokens(&mut self, provider: &#rt::config::IdempotencyTokenProvider) {
                #(#tokens)*
            }
        }
    });
    let fills: Vec<_> = op
        .customizations
        .fill_when_empty
        .iter()
        .filter_map(|(name, value)| {
            op.input
                .members
                .iter()
                .find(|m| m.name == *name)
                .map(|m| (m, value))
        })
        .map(|(m, value)| {
            let f = ident(&m.rust_name);
            quote! {
                if self.#f.as_deref().is_none_or(str::is_empty) {
                    self.#f = Some(#value.to_owned());
                }
            }
        })
        .collect();
    let fill_customized = (!fills.is_empty()).then(|| {
        quote! {
            fn fill_customized(&mut self) {
                #(#fills)*
            }
        }
    });
    quote! {
        impl #rt::client::OperationInput for #input {
            #fill_tokens
            #fill_customized

            fn validate(&self) -> ::std::result::Result<(), #rt::validation::ValidationError> {
                #input::validate(self)
            }
        }
    }
}

/// `static SPEC`: the operation as the runtime runs it (name, serializer,
/// deserializer, error reader, whether the output is logged, auth schemes).
fn emit_spec(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let input = ident(&op.input.rust_name);
    let output = ident(&op.output.rust_name);
    let error = error_name(op);
    let op_name = &op.name;
    let sensitive_output = op
        .output
        .members
        .iter()
        .chain(
            op.errors
                .iter()
                .filter_map(|e| cx.structure(e))
                .flat_map(|s| s.members.iter()),
        )
        .any(|m| cx.is_sensitive(&m.ty, m.sensitive));
    let read_kind = if op.output.has_stream() {
        format_ident!("Streaming")
    } else {
        format_ident!("Buffered")
    };
    let auth = op
        .auth
        .iter()
        .map(|scheme| auth_scheme_id(cx.service, scheme));
    let endpoint_params = spec_field(op);
    quote! {
        pub(crate) static SPEC: #rt::client::OperationSpec<#input, #output, #error> = #rt::client::OperationSpec {
            name: #op_name,
            serialize,
            deserialize: #rt::client::Deserialize::#read_kind(deserialize),
            error: #error::from_response,
            sensitive_output: #sensitive_output,
            auth: &[#(#auth),*],
            endpoint_params: #endpoint_params,
        };
    }
}

/// The runtime's id of an auth scheme, as `OperationSpec.auth` and the
/// service's API key table name it: a constant of the runtime for the
/// fixed schemes; for an API key, the id its entry in `SERVICE.api_keys`
/// has (see [`api_key_id`]).
pub(crate) fn auth_scheme_id(service: &Service, scheme: &AuthScheme) -> TokenStream {
    let rt = Rt::path();
    let auth_path = quote!(#rt::client::auth);
    match scheme {
        AuthScheme::SigV4 => quote!(#auth_path::SIGV4),
        AuthScheme::HttpBearer => quote!(#auth_path::HTTP_BEARER),
        AuthScheme::HttpBasic => quote!(#auth_path::HTTP_BASIC),
        AuthScheme::Anonymous => quote!(#auth_path::NO_AUTH),
        AuthScheme::ApiKey(key) => {
            let index = service
                .api_keys()
                .iter()
                .position(|k| *k == key)
                .unwrap_or_default();
            let id = api_key_id(index);
            quote!(#auth_path::AuthSchemeId::new(#id))
        }
    }
}

/// The id of the service's `index`th API key scheme: smithy-rs's
/// `httpApiKeyAuth` for the first (a Smithy service has at most one), then
/// `httpApiKeyAuth2`, … (an OpenAPI document can declare several).
pub(crate) fn api_key_id(index: usize) -> String {
    match index {
        0 => "httpApiKeyAuth".to_owned(),
        n => format!("httpApiKeyAuth{}", n + 1),
    }
}
