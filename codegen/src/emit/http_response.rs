//! The response deserializer of an operation, `fn deserialize(response) ->
//! Output`, one function per HTTP binding (status code, headers, prefix
//! headers, payload, JSON body). The status check and the error wrapping are
//! the runtime's (`OperationSpec::read_response`): this reads a success.

use super::common::{body_members, ident, payload_member, set_fn, ts_format, Rt};
use super::cx::Cx;
use super::json::{build_read, correct_errors, de_members, de_value};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// `fn deserialize(response: &HttpResponse) -> Result<Output, DeserializeError>`
/// (`&mut` for a streaming output, whose body is taken unread).
pub(crate) fn emit_deserializer(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let output = ident(&op.output.rust_name);
    let streaming = op
        .output
        .members
        .iter()
        .any(|m| m.binding == Binding::Payload && m.ty.is_stream());
    let read_body = body(cx, op);
    let headers = header_reads(
        cx,
        &op.output,
        &quote!(response.headers()),
        Some(&quote!(response.status().as_u16())),
    );
    // Then what the service left out, and the request id (as aws-sdk-rust
    // reads it: `x-amzn-RequestId`, else `x-amz-request-id`).
    let corrections = correct_errors(cx, &op.output);
    let build = build_read(&op.output, "$", quote!(builder));
    let request_id = quote! {
        builder._set_request_id(#rt::RequestId::request_id(response.headers()).map(::std::borrow::ToOwned::to_owned));
    };
    if streaming {
        // Read after the headers: the body is taken from the response unread.
        return quote! {
            pub(crate) fn deserialize(
                response: &mut #rt::HttpResponse,
            ) -> ::std::result::Result<#output, #rt::json::DeserializeError> {
                let mut builder = #output::builder();
                #(#headers)*
                #read_body
                #corrections
                #request_id
                #build
            }
        };
    }
    quote! {
        pub(crate) fn deserialize(
            response: &#rt::HttpResponse,
        ) -> ::std::result::Result<#output, #rt::json::DeserializeError> {
            let mut builder = #output::builder();
            #read_body
            #(#headers)*
            #corrections
            #request_id
            #build
        }
    }
}

/// Statements reading the body: a stream, a payload, the JSON body
/// members, or nothing.
fn body(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let payload = payload_member(&op.output);
    let body_members = body_members(&op.output);
    match payload {
        Some(m) if m.ty.is_stream() => {
            let set = set_fn(m);
            quote!(builder = builder.#set(Some(#rt::http::take_stream(response)));)
        }
        Some(m) => {
            let set = set_fn(m);
            let read = payload_read(cx, &op.output, m);
            quote! {
                let bytes = response.body().bytes().unwrap_or_default();
                builder = builder.#set(#read);
            }
        }
        None if body_members.is_empty() => quote!(),
        None => {
            let members = de_members(cx, &op.output, body_members.into_iter(), quote!(obj));
            quote! {
                let value = #rt::json::parse(response.body().bytes().unwrap_or_default())?;
                let obj = #rt::json::object(&value, "$")?;
                #members
            }
        }
    }
}

/// An `Option` of payload member `m` read from `bytes`: an empty body is
/// `None`.
pub(crate) fn payload_read(cx: &Cx, s: &Structure, m: &Member) -> TokenStream {
    let rt = Rt::path();
    match &m.ty {
        Type::Blob => {
            quote!((!bytes.is_empty()).then(|| #rt::Blob::new(bytes.to_vec())))
        }
        Type::String => {
            quote!(if bytes.is_empty() { None } else { Some(::std::string::String::from_utf8(bytes.to_vec()).map_err(|_| #rt::json::invalid("$", "a UTF-8 body"))?) })
        }
        Type::Named(id) if matches!(cx.service.shapes.get(id), Some(Shape::Enum(_))) => {
            let t = cx.named_path(id);
            quote!(Some(#t::from(::std::str::from_utf8(bytes).map_err(|_| #rt::json::invalid("$", "a UTF-8 body"))?)))
        }
        ty => {
            let path = format!("{}.{}", s.name, m.name);
            let read = de_value(cx, ty, quote!(&value), &path, 0);
            quote!(if bytes.is_empty() { None } else { let value = #rt::json::parse(bytes)?; Some(#read?) })
        }
    }
}

/// Statements setting the members of `s` bound to headers, prefix headers
/// or the status code on `builder`, reading `headers` (a `&Headers`); the
/// status code only where `status` is given.
pub(crate) fn header_reads(
    cx: &Cx,
    s: &Structure,
    headers: &TokenStream,
    status: Option<&TokenStream>,
) -> Vec<TokenStream> {
    let rt = Rt::path();
    s.members
        .iter()
        .filter_map(|m| {
            let read = match &m.binding {
                Binding::PrefixHeaders(prefix) => {
                    quote!(#rt::http::prefix_headers(#headers, #prefix))
                }
                Binding::ResponseCode => {
                    let status = status?;
                    quote!(Some(#status.into()))
                }
                Binding::Header(name) => {
                    let path = format!("{}.{}", s.name, m.name);
                    header_read(cx, m, headers, name, &path)?
                }
                _ => return None,
            };
            let set = set_fn(m);
            Some(quote!(builder = builder.#set(#read);))
        })
        .collect()
}

/// An `Option` of header member `m` read from header `name`: a scalar, or
/// a list of the comma-separated values.
fn header_read(
    cx: &Cx,
    m: &Member,
    headers: &TokenStream,
    name: &str,
    path: &str,
) -> Option<TokenStream> {
    let rt = Rt::path();
    let h = quote!(#rt::http::headers);
    let shape = |id: &str| cx.service.shapes.get(id);
    Some(match &m.ty {
        Type::String if m.media_type.is_some() => {
            quote!(#h::base64_string(#headers, #name, #path)?)
        }
        Type::String => quote!(#h::string(#headers, #name)),
        Type::Named(id) if matches!(shape(id), Some(Shape::Enum(_))) => {
            let t = cx.named_path(id);
            quote!(#h::string(#headers, #name).map(|s| #t::from(s.as_str())))
        }
        Type::Named(id) if matches!(shape(id), Some(Shape::IntEnum(_))) => {
            let t = cx.named_path(id);
            quote!(#h::one::<i32>(#headers, #name, #path)?.map(#t::from))
        }
        Type::Timestamp(f) => {
            let f = ts_format(*f);
            quote!(#h::date(#headers, #name, #f, #path)?)
        }
        ty if ty.is_copy_scalar() => quote!(#h::one(#headers, #name, #path)?),
        Type::List(item) => match item.as_ref() {
            Type::String => quote!(#h::strings(#headers, #name, #path)?),
            Type::Named(id) if matches!(shape(id), Some(Shape::Enum(_))) => {
                let t = cx.named_path(id);
                quote!(#h::strings(#headers, #name, #path)?.map(|v| v.iter().map(|s| #t::from(s.as_str())).collect()))
            }
            Type::Named(id) if matches!(shape(id), Some(Shape::IntEnum(_))) => {
                let t = cx.named_path(id);
                quote!(#h::many::<i32>(#headers, #name, #path)?.map(|v| v.into_iter().map(#t::from).collect()))
            }
            Type::Timestamp(f) => {
                let f = ts_format(*f);
                quote!(#h::dates(#headers, #name, #f, #path)?)
            }
            item if item.is_copy_scalar() => quote!(#h::many(#headers, #name, #path)?),
            _ => return None,
        },
        _ => return None,
    })
}
