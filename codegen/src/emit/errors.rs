//! Errors: each operation's error enum, the reader of each error structure
//! from an error response, and the service-wide `Error`.

use super::common::{
    body_members, doc, error_name, fn_name, get_fn, ident, payload_member, set_fn, Rt,
};
use super::cx::{Cx, Sizes};
use super::http_response::{header_reads, payload_read};
use super::json::{build_read, correct_errors, de_members};
use crate::ir::*;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The modeled errors of an operation, as structures.
fn operation_errors<'a>(cx: &Cx<'a>, op: &Operation) -> Vec<&'a Structure> {
    op.errors.iter().filter_map(|e| cx.structure(e)).collect()
}

/// `pub enum <Op>Error`: one variant per modeled error and `Unhandled`,
/// with the error traits the runtime and callers use.
pub(crate) fn emit_error_enum(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let error = error_name(op);
    let errs = operation_errors(cx, op);
    let variants: Vec<_> = errs.iter().map(|s| ident(&s.rust_name)).collect();
    let paths = errs.iter().map(|s| cx.named_path(&s.id));
    let vdocs = errs
        .iter()
        .map(|s| doc(&s.docs, &format!("The `{}` error.", s.name)));
    let is_fns = errs.iter().zip(&variants).map(|(s, v)| {
        let f = format_ident!("is_{}", crate::names::snake(&s.rust_name));
        let d = format!(" Whether this is a `{}`.", s.name);
        quote! {
            #[doc = #d]
            pub fn #f(&self) -> bool {
                matches!(self, Self::#v(_))
            }
        }
    });
    let doc_line = format!(" Errors `{}` can return.", op.name);
    let from_response = from_response(cx, &errs, &variants);
    let traits = error_enum_traits(&errs, &error, &variants);
    let sizes = variant_sizes(cx, &errs);
    quote! {
        #[doc = #doc_line]
        #[non_exhaustive]
        #[derive(Debug)]
        #sizes
        pub enum #error {
            #( #vdocs #variants(#paths), )*
            /// An error the model does not describe; its code, message,
            /// request id and status are kept.
            Unhandled(#rt::error::Unhandled),
        }

        impl #error {
            #(#is_fns)*

            /// Code, message and request id of the error.
            pub fn meta(&self) -> &#rt::ErrorMetadata {
                use #rt::ProvideErrorMetadata;
                match self {
                    #( Self::#variants(e) => e.meta(), )*
                    Self::Unhandled(e) => e.meta(),
                }
            }

            /// An error the model does not describe, from any error.
            pub fn unhandled(err: impl ::std::convert::Into<#rt::BoxError>) -> Self {
                Self::Unhandled(#rt::error::Unhandled::new(err.into(), None))
            }

            /// An error the model does not describe, from its metadata only.
            pub fn generic(meta: #rt::ErrorMetadata) -> Self {
                Self::Unhandled(#rt::error::Unhandled::new(::std::boxed::Box::new(meta.clone()), Some(meta)))
            }

            fn from_response(response: #rt::error::ErrorResponse<'_>) -> Self {
                #from_response
            }
        }

        #traits
    }
}

/// `#[allow(clippy::large_enum_variant)]` on an error enum whose variants
/// differ in size by about clippy's threshold (200 bytes) or more: the
/// variants hold the model's error structures unboxed, as aws-sdk-rust's
/// do, so that code written for it matches them (`Err(E::NotFound(e))`).
/// Only where the estimate ([`Sizes`]) says so, with 64 bytes of margin.
fn variant_sizes(cx: &Cx, errs: &[&Structure]) -> TokenStream {
    let sizes = Sizes::new(cx);
    // `Unhandled`: a boxed source, optional metadata and a status.
    let mut all: Vec<usize> = errs.iter().map(|s| sizes.structure(s, 0).0).collect();
    all.push(128);
    all.sort_unstable_by(|a, b| b.cmp(a));
    match all.as_slice() {
        [largest, second, ..] if largest - second >= 136 => quote! {
            #[allow(
                clippy::large_enum_variant,
                reason = "the variants hold the model's errors unboxed, as aws-sdk-rust's do"
            )]
        },
        _ => quote!(),
    }
}

/// The body of `from_response`: the modeled error named by the response's
/// code; then, where no code was sent or the code names no modeled error
/// (Chime sends `Throttled` in the body of a ThrottledClientException), the
/// one error that has the response's status; then the one error whose
/// status range (OpenAPI's `4XX`, `5XX`, `default`) holds it, narrowest
/// first. A status or a range two errors share tells nothing.
fn from_response(cx: &Cx, errs: &[&Structure], variants: &[Ident]) -> TokenStream {
    let rt = Rt::path();
    let query = if cx.service.query_compatible {
        quote!(let response = response.with_query_error_code();)
    } else {
        quote!()
    };
    if errs.is_empty() {
        return quote!(Self::Unhandled(#rt::error::Unhandled::from_response(response)));
    }
    let read = |s: &Structure, v: &Ident| {
        let read = fn_name("read", s);
        quote!(response.read_modeled(crate::json_codec::#read, Self::#v, Self::Unhandled))
    };
    // An error known by its status alone has no code to match.
    let by_code = errs.iter().zip(variants).filter_map(|(s, v)| {
        let codes = &s.error.as_ref()?.codes;
        let read = read(s, v);
        (!codes.is_empty()).then(|| quote!((Some(#(#codes)|*), _) => #read,))
    });
    let unique_status = |status: u16| {
        errs.iter()
            .filter(|o| o.error.as_ref().and_then(|e| e.status) == Some(status))
            .count()
            == 1
    };
    let by_status = errs.iter().zip(variants).filter_map(|(s, v)| {
        let status = s.error.as_ref()?.status?;
        let read = read(s, v);
        unique_status(status).then(|| quote!((_, #status) => #read,))
    });
    // Ranges, narrowest first (then lowest); one that earlier arms cover
    // entirely is left out (it would be an unreachable pattern).
    let mut ranges: Vec<((u16, u16), &Structure, &Ident)> = errs
        .iter()
        .zip(variants)
        .filter_map(|(s, v)| Some((s.error.as_ref()?.status_range?, *s, v)))
        .collect();
    ranges.sort_by_key(|((lo, hi), _, _)| (hi.saturating_sub(*lo), *lo));
    let mut covered: Vec<(u16, u16)> = errs
        .iter()
        .filter_map(|s| s.error.as_ref()?.status)
        .filter(|s| unique_status(*s))
        .map(|s| (s, s))
        .collect();
    let mut by_range = Vec::new();
    for (range, s, v) in &ranges {
        let shared = ranges.iter().filter(|(r, _, _)| r == range).count() > 1;
        let open =
            (range.0..=range.1).any(|n| !covered.iter().any(|(lo, hi)| (*lo..=*hi).contains(&n)));
        if shared || !open {
            continue;
        }
        covered.push(*range);
        let (lo, hi) = *range;
        let read = read(s, v);
        by_range.push(quote!((_, #lo..=#hi) => #read,));
    }
    quote! {
        #query
        match (response.meta.code(), response.status) {
            #(#by_code)*
            #(#by_status)*
            #(#by_range)*
            _ => Self::Unhandled(#rt::error::Unhandled::from_response(response)),
        }
    }
}

/// `RequestId`, `Display`, `Error`, `ProvideErrorMetadata`,
/// `CreateUnhandledError` and `ProvideErrorKind` (the retry class of each
/// modeled error) of an operation's error enum.
fn error_enum_traits(errs: &[&Structure], error: &Ident, variants: &[Ident]) -> TokenStream {
    let rt = Rt::path();
    let kinds = errs.iter().zip(variants).map(|(s, v)| {
        let kind = match s.error.as_ref().and_then(|e| e.retry) {
            Some(RetryKind::Throttling) => quote!(Some(#rt::ErrorKind::ThrottlingError)),
            Some(RetryKind::Server) => quote!(Some(#rt::ErrorKind::ServerError)),
            Some(RetryKind::Transient) => quote!(Some(#rt::ErrorKind::TransientError)),
            None => quote!(None),
        };
        quote!(Self::#v(_) => #kind,)
    });
    quote! {
        impl #rt::RequestId for #error {
            fn request_id(&self) -> ::std::option::Option<&str> {
                #rt::error::request_id(self.meta())
            }
        }

        impl ::std::fmt::Display for #error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #( Self::#variants(e) => ::std::fmt::Display::fmt(e, f), )*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for #error {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #( Self::#variants(e) => Some(e), )*
                    Self::Unhandled(e) => ::std::error::Error::source(e),
                }
            }
        }

        impl #rt::ProvideErrorMetadata for #error {
            fn meta(&self) -> &#rt::ErrorMetadata {
                #error::meta(self)
            }
        }

        impl #rt::CreateUnhandledError for #error {
            fn create_unhandled_error(
                source: ::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync + 'static>,
                meta: ::std::option::Option<#rt::ErrorMetadata>,
            ) -> Self {
                Self::Unhandled(#rt::error::Unhandled::new(source, meta))
            }
        }

        impl #rt::ProvideErrorKind for #error {
            fn retryable_error_kind(&self) -> ::std::option::Option<#rt::ErrorKind> {
                match self {
                    #(#kinds)*
                    Self::Unhandled(_) => None,
                }
            }

            fn code(&self) -> ::std::option::Option<&str> {
                self.meta().code()
            }
        }
    }
}

/// The reader of one error structure, shared by every operation that can
/// return it: members from the JSON body and from headers, plus the
/// response's error metadata.
pub(crate) fn emit_error_reader(cx: &Cx, s: &Structure) -> TokenStream {
    let rt = Rt::path();
    let f = fn_name("read", s);
    let p = cx.named_path(&s.id);
    let body_members = body_members(s);
    let obj = (!body_members.is_empty())
        .then(|| quote!(let obj = #rt::json::object(&response.body, "$")?;));
    let members = de_members(cx, s, body_members.into_iter(), quote!(obj));
    let headers = header_reads(cx, s, &quote!(response.headers), None);
    // A payload that is not a JSON object (text, a list, a number): read
    // from the body's bytes, as a success's is.
    let payload = payload_member(s).filter(|m| !m.ty.is_stream()).map(|m| {
        let set = set_fn(m);
        let read = payload_read(cx, s, m);
        quote! {
            let bytes = response.raw;
            builder = builder.#set(#read);
        }
    });
    // An optional message member the body did not fill takes the message
    // the error metadata found (`message`, `Message` or `errorMessage`),
    // as aws-sdk-rust does: services differ in its case.
    let message = s
        .members
        .iter()
        .find(|m| m.name.eq_ignore_ascii_case("message") && m.ty == Type::String && m.optional)
        .map(|m| {
            let (set, get) = (set_fn(m), get_fn(m));
            quote! {
                if builder.#get().is_none() {
                    builder = builder.#set(response.meta.message().map(::std::borrow::ToOwned::to_owned));
                }
            }
        });
    let corrections = correct_errors(cx, s);
    let build = build_read(s, "$", quote!(builder.meta(response.meta.clone())));
    let reads = !members.is_empty()
        || !headers.is_empty()
        || payload.is_some()
        || !corrections.is_empty()
        || message.is_some();
    let mut_builder = reads.then(|| quote!(mut));
    quote! {
        pub(crate) fn #f(response: &#rt::error::ErrorResponse<'_>) -> ::std::result::Result<#p, #rt::json::DeserializeError> {
            #obj
            let #mut_builder builder = #p::builder();
            #members
            #payload
            #(#headers)*
            #message
            #corrections
            #build
        }
    }
}

/// The service-wide `Error`: every modeled error of every operation, and
/// `Unhandled`, with `From` each operation's error and `SdkError`, so that
/// `?` works across operations (as aws-sdk-rust's crate-level `Error`).
/// It stands at the crate root, so it names the facade by absolute path.
pub(crate) fn emit_service_error(cx: &Cx) -> TokenStream {
    let rt = Rt::absolute();
    let mut ids: Vec<&str> = cx
        .service
        .operations
        .iter()
        .flat_map(|op| op.errors.iter().map(String::as_str))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let errs: Vec<&Structure> = ids.iter().filter_map(|id| cx.structure(id)).collect();
    let variants: Vec<_> = errs.iter().map(|s| ident(&s.rust_name)).collect();
    let paths = errs.iter().map(|s| cx.named_path(&s.id));
    let vdocs = errs
        .iter()
        .map(|s| doc(&s.docs, &format!("The `{}` error.", s.name)));
    let froms = cx
        .service
        .operations
        .iter()
        .map(|op| service_error_from(cx, op));
    let sizes = variant_sizes(cx, &errs);
    quote! {
        /// Every error of the service's operations, for code that calls
        /// several of them and propagates errors with `?`.
        #[non_exhaustive]
        #[derive(Debug)]
        #sizes
        pub enum Error {
            #( #vdocs #variants(#paths), )*
            /// An error the model does not describe (or a failure before the
            /// service answered); its code, message and request id are kept.
            Unhandled(#rt::error::Unhandled),
        }

        #(#froms)*

        impl ::std::convert::From<#rt::BuildError> for Error {
            fn from(err: #rt::BuildError) -> Self {
                Self::Unhandled(#rt::error::Unhandled::new(::std::boxed::Box::new(err), None))
            }
        }

        impl ::std::fmt::Display for Error {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #( Self::#variants(e) => ::std::fmt::Display::fmt(e, f), )*
                    Self::Unhandled(e) => ::std::fmt::Display::fmt(e, f),
                }
            }
        }

        impl ::std::error::Error for Error {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #( Self::#variants(e) => Some(e), )*
                    Self::Unhandled(e) => ::std::error::Error::source(e),
                }
            }
        }

        impl #rt::ProvideErrorMetadata for Error {
            fn meta(&self) -> &#rt::ErrorMetadata {
                match self {
                    #( Self::#variants(e) => #rt::ProvideErrorMetadata::meta(e), )*
                    Self::Unhandled(e) => #rt::ProvideErrorMetadata::meta(e),
                }
            }
        }

        impl #rt::RequestId for Error {
            fn request_id(&self) -> ::std::option::Option<&str> {
                #rt::error::request_id(#rt::ProvideErrorMetadata::meta(self))
            }
        }
    }
}

/// `From` an operation's error, and from an `SdkError` of it, for the
/// service-wide `Error`.
fn service_error_from(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::absolute();
    let module = ident(&op.rust_name);
    let error = error_name(op);
    let arms = operation_errors(cx, op).into_iter().map(|s| {
        let v = ident(&s.rust_name);
        quote!(crate::operation::#module::#error::#v(e) => Self::#v(e),)
    });
    quote! {
        impl ::std::convert::From<crate::operation::#module::#error> for Error {
            fn from(err: crate::operation::#module::#error) -> Self {
                match err {
                    #(#arms)*
                    crate::operation::#module::#error::Unhandled(e) => Self::Unhandled(e),
                }
            }
        }

        impl<R> ::std::convert::From<#rt::SdkError<crate::operation::#module::#error, R>> for Error
        where
            R: ::std::fmt::Debug + ::std::marker::Send + ::std::marker::Sync + 'static,
        {
            fn from(err: #rt::SdkError<crate::operation::#module::#error, R>) -> Self {
                #rt::error::from_sdk_error(err, Self::from, Self::Unhandled)
            }
        }
    }
}
