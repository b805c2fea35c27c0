//! The request serializer of an operation, `fn serialize(input) ->
//! HttpRequest`: one function per HTTP binding (URI labels, literal query,
//! query members in OpenAPI's styles, the query map, prefix headers,
//! headers, cookies, host prefix, the payload, JSON, form or multipart body,
//! checksum and gzip).

use super::common::{body_members, ident, payload_member, read_field, ts_format, Rt};
use super::cx::Cx;
use super::json::{ser_members, ser_value};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `fn serialize(input: Input) -> Result<HttpRequest, BoxError>`.
pub(crate) fn emit_serializer(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let input = ident(&op.input.rust_name);
    if cx.service.protocol.is_aws_json() {
        return rpc_serializer(cx, op);
    }
    let mut uri = uri_path(cx, op);
    uri.extend(query_literals(op));
    uri.extend(op.input.members.iter().filter_map(|m| query_member(cx, m)));
    uri.extend(query_params(op));
    // Prefix headers first, so that a header bound by name wins.
    let mut headers: Vec<_> = op.input.members.iter().filter_map(prefix_headers).collect();
    headers.extend(op.input.members.iter().filter_map(|m| header(cx, m)));
    headers.extend(cookies(cx, op));
    headers.extend(host_prefix(op));
    let (keep, customized) = customizations(op);
    headers.extend(customized);
    let build = body(cx, op);
    if op.gzip {
        headers.push(quote!(#rt::http::finish(&mut request)?;));
    }
    let mut_request = if headers.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    // An input with no members is not read.
    let input_param = if op.input.members.is_empty() {
        format_ident!("_input")
    } else {
        format_ident!("input")
    };
    quote! {
        fn serialize(#input_param: #input) -> ::std::result::Result<#rt::HttpRequest, #rt::BoxError> {
            let mut uri = ::std::string::String::with_capacity(64);
            #(#uri)*
            #keep
            let #mut_request request = #build;
            #(#headers)*
            Ok(request)
        }
    }
}

fn input_member<'o>(op: &'o Operation, name: &str) -> Option<&'o Member> {
    op.input.members.iter().find(|m| m.name == name)
}

/// The URI path: literal segments and `@httpLabel` members, which must be
/// set and not empty.
fn uri_path(cx: &Cx, op: &Operation) -> Vec<TokenStream> {
    let rt = Rt::path();
    let build_error = quote!(#rt::BuildError);
    op.uri
        .iter()
        .filter_map(|seg| match seg {
            UriSegment::Literal(l) => Some(push_literal(quote!(uri), l)),
            UriSegment::Label {
                member: name,
                greedy,
            } => {
                let m = input_member(op, name)?;
                let f = ident(&m.rust_name);
                let field = m.rust_name.trim_start_matches("r#");
                let text = scalar_text(cx, &m.ty, quote!(value));
                Some(quote! {
                    let value = input.#f.as_ref().ok_or_else(|| #build_error::missing_field(#field, "it is bound to the URI path"))?;
                    let text = #text;
                    if text.is_empty() {
                        return Err(#build_error::invalid_field(#field, "a URI label must not be empty").into());
                    }
                    uri.push_str(&#rt::http::encode_label(&text, #greedy));
                })
            }
        })
        .collect()
}

/// The query the URI pattern states literally (`?list-type=2`).
fn query_literals(op: &Operation) -> Vec<TokenStream> {
    let rt = Rt::path();
    op.uri_query
        .iter()
        .map(|(k, v)| match v {
            Some(v) => quote!(#rt::http::push_query(&mut uri, #k, #v);),
            None => quote!(#rt::http::push_query_key(&mut uri, #k);),
        })
        .collect()
}

/// A query member: an `@httpQuery` one (OpenAPI's form with `explode`)
/// is one parameter, one per item of a list, or one per entry of a map or
/// structure; a styled one ([`QueryStyle`]) joins its values or writes
/// `name[key]=value`.
fn query_member(cx: &Cx, m: &Member) -> Option<TokenStream> {
    let rt = Rt::path();
    let forms = quote!(#rt::http::forms);
    let f = ident(&m.rust_name);
    let push = match (&m.binding, object_entries(cx, &m.ty)) {
        (Binding::Query(_), Some(entries)) => quote! {
            #entries
            for (key, text) in &entries { #rt::http::push_query(&mut uri, key, text); }
        },
        (Binding::Query(q), None) => match &m.ty {
            Type::List(item) => {
                let text = scalar_text(cx, item, quote!(item));
                quote!(for item in value { #rt::http::push_query(&mut uri, #q, &#text); })
            }
            ty => {
                let text = scalar_text(cx, ty, quote!(value));
                quote!(#rt::http::push_query(&mut uri, #q, &#text);)
            }
        },
        (Binding::QueryStyled { name, style }, entries) => {
            let delimiter = match style {
                QueryStyle::Form => quote!(#forms::Delimiter::Comma),
                QueryStyle::SpaceDelimited => quote!(#forms::Delimiter::Space),
                QueryStyle::PipeDelimited => quote!(#forms::Delimiter::Pipe),
                QueryStyle::DeepObject => {
                    // `check`: a deepObject member is a map or a structure.
                    let entries = entries?;
                    return Some(quote! {
                        if let Some(value) = &input.#f {
                            #entries
                            for (key, text) in &entries { #forms::push_deep_object(&mut uri, #name, key, text); }
                        }
                    });
                }
            };
            match (entries, &m.ty) {
                (Some(entries), _) => quote! {
                    #entries
                    #forms::push_joined(&mut uri, #name, entries.iter().flat_map(|(key, text)| [*key, text.as_ref()]), #delimiter);
                },
                (None, Type::List(item)) => {
                    let texts = texts(cx, item);
                    quote! {
                        #texts
                        #forms::push_joined(&mut uri, #name, &texts, #delimiter);
                    }
                }
                (None, ty) => {
                    let text = scalar_text(cx, ty, quote!(value));
                    quote!(#forms::push_joined(&mut uri, #name, [#text], #delimiter);)
                }
            }
        }
        _ => return None,
    };
    Some(quote!(if let Some(value) = &input.#f { #push }))
}

/// `let texts: Vec<Cow<str>> = ...;`: the text of each item of the list
/// `value`.
fn texts(cx: &Cx, item: &Type) -> TokenStream {
    let rt = Rt::path();
    let text = scalar_text(cx, item, quote!(item));
    quote! {
        let texts = value
            .iter()
            .map(|item| -> ::std::result::Result<::std::borrow::Cow<'_, str>, #rt::BoxError> { Ok(#text) })
            .collect::<::std::result::Result<::std::vec::Vec<_>, _>>()?;
    }
}

/// For a map or a structure `value`: `let entries: Vec<(&str, Cow<str>)>
/// = ...;`, its set entries as key and text (a map's sorted by key, a
/// structure's members in model order by their JSON names, as OpenAPI
/// names an object's properties). `None` for other types.
fn object_entries(cx: &Cx, ty: &Type) -> Option<TokenStream> {
    let entry = quote!((&str, ::std::borrow::Cow<'_, str>));
    match ty {
        Type::Map(_, value) => {
            let text = scalar_text(cx, value, quote!(item));
            Some(quote! {
                let mut entries: ::std::vec::Vec<#entry> = ::std::vec::Vec::with_capacity(value.len());
                for (key, item) in value { entries.push((key.as_str(), #text)); }
                entries.sort_by(|a, b| a.0.cmp(b.0));
            })
        }
        Type::Named(id) => {
            let s = cx.structure(id)?;
            if s.members.is_empty() {
                return Some(
                    quote!(let entries: ::std::vec::Vec<#entry> = ::std::vec::Vec::new();),
                );
            }
            let pushes = s.members.iter().map(|m| {
                let key = &m.json_name;
                let text = scalar_text(cx, &m.ty, quote!(item));
                read_field(
                    m,
                    &quote!(value),
                    &format_ident!("item"),
                    quote!(entries.push((#key, #text));),
                )
            });
            Some(quote! {
                let mut entries: ::std::vec::Vec<#entry> = ::std::vec::Vec::new();
                #(#pushes)*
            })
        }
        _ => None,
    }
}

/// The `Cookie` header of an operation with cookie members: `a=1; b=2`,
/// a list's items joined with `,` (OpenAPI's form without `explode`).
fn cookies(cx: &Cx, op: &Operation) -> Option<TokenStream> {
    let rt = Rt::path();
    let pushes: Vec<TokenStream> = op
        .input
        .members
        .iter()
        .filter_map(|m| {
            let Binding::Cookie(name) = &m.binding else {
                return None;
            };
            let f = ident(&m.rust_name);
            let push = match &m.ty {
                Type::List(item) => {
                    let texts = texts(cx, item);
                    quote!(#texts cookies.push(#name, &texts.join(","))?;)
                }
                ty => {
                    let text = scalar_text(cx, ty, quote!(value));
                    quote!(cookies.push(#name, &#text)?;)
                }
            };
            Some(quote!(if let Some(value) = &input.#f { #push }))
        })
        .collect();
    if pushes.is_empty() {
        return None;
    }
    Some(quote! {
        let mut cookies = #rt::http::forms::Cookies::new();
        #(#pushes)*
        cookies.set(&mut request)?;
    })
}

/// `@httpQueryParams` maps, sorted by key; they never override a parameter
/// bound by name.
fn query_params(op: &Operation) -> Vec<TokenStream> {
    let rt = Rt::path();
    let literal = op.uri_query.iter().map(|(k, _)| k.as_str());
    let named = op.input.members.iter().filter_map(|m| match &m.binding {
        Binding::Query(q) => Some(q.as_str()),
        _ => None,
    });
    let bound: Vec<&str> = literal.chain(named).collect();
    op.input
        .members
        .iter()
        .filter(|m| m.binding == Binding::QueryParams)
        .map(|m| {
            let f = ident(&m.rust_name);
            let push = match &m.ty {
                Type::Map(_, v) if matches!(v.as_ref(), Type::List(_)) => {
                    quote!(for item in value { #rt::http::push_query(&mut uri, key, item); })
                }
                _ => quote!(#rt::http::push_query(&mut uri, key, value);),
            };
            quote! {
                if let Some(params) = &input.#f {
                    const BOUND: &[&str] = &[#(#bound),*];
                    let mut params: ::std::vec::Vec<_> = params.iter().filter(|(key, _)| !BOUND.contains(&key.as_str())).collect();
                    params.sort_by(|a, b| a.0.cmp(b.0));
                    for (key, value) in params {
                        #push
                    }
                }
            }
        })
        .collect()
}

/// An `@httpPrefixHeaders` map.
fn prefix_headers(m: &Member) -> Option<TokenStream> {
    let rt = Rt::path();
    let Binding::PrefixHeaders(prefix) = &m.binding else {
        return None;
    };
    let f = ident(&m.rust_name);
    Some(quote! {
        if let Some(map) = input.#f {
            for (key, value) in map {
                #rt::http::set_header(&mut request, format!("{}{}", #prefix, key), value)?;
            }
        }
    })
}

/// An `@httpHeader` member: a scalar, or a list joined with commas.
fn header(cx: &Cx, m: &Member) -> Option<TokenStream> {
    let rt = Rt::path();
    let Binding::Header(h) = &m.binding else {
        return None;
    };
    let h = h.to_ascii_lowercase();
    let f = ident(&m.rust_name);
    let text = match &m.ty {
        Type::List(item) if **item == Type::String => quote!(#rt::http::headers::join(value)),
        Type::List(item) => {
            let text = scalar_text(cx, item, quote!(item));
            quote!(value.iter().map(|item| -> ::std::result::Result<::std::string::String, #rt::BoxError> { Ok(::std::string::ToString::to_string(&#text)) }).collect::<::std::result::Result<::std::vec::Vec<_>, _>>()?.join(", "))
        }
        Type::String if m.media_type.is_some() => {
            quote!(#rt::base64::encode(value))
        }
        ty => {
            let text = scalar_text(cx, ty, quote!(value));
            quote!(::std::string::ToString::to_string(&#text))
        }
    };
    Some(
        quote!(if let Some(value) = &input.#f { #rt::http::set_header(&mut request, #h, #text)?; }),
    )
}

/// `fn serialize` of an awsJson operation: `POST /` naming the operation
/// in `X-Amz-Target`, every member in the JSON body (`{}` for none), the
/// host prefix, and `x-amzn-query-mode: true` for a query-compatible
/// service.
fn rpc_serializer(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let input = ident(&op.input.rust_name);
    let service = cx.service.id.rsplit('#').next().unwrap_or(&cx.service.id);
    let target = format!("{service}.{}", op.name);
    let mut headers: Vec<TokenStream> = host_prefix(op).into_iter().collect();
    if cx.service.query_compatible {
        headers.push(
            quote!(#rt::http::set_header(&mut request, "x-amzn-query-mode", "true".to_owned())?;),
        );
    }
    let (keep, customized) = customizations(op);
    headers.extend(customized);
    if op.gzip {
        headers.push(quote!(#rt::http::finish(&mut request)?;));
    }
    let mut_request = if headers.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    let input_param = if op.input.members.is_empty() {
        format_ident!("_input")
    } else {
        format_ident!("input")
    };
    let body = json_object(cx, &op.input.members);
    let content_type = cx.service.protocol.content_type();
    let sensitive = sensitive_body(cx, op);
    let options = checksum_and_gzip(op);
    quote! {
        fn serialize(#input_param: #input) -> ::std::result::Result<#rt::HttpRequest, #rt::BoxError> {
            #keep
            #body
            let #mut_request request = #rt::http::rpc_request(
                #target,
                out,
                #rt::http::BodyOptions::new(#content_type).sensitive(#sensitive)#options,
            )?;
            #(#headers)*
            Ok(request)
        }
    }
}

/// What the service's customizations do to the request
/// ([`Customizations`]): a statement keeping the endpoint member's value
/// before the body takes the input, and the steps run on the built
/// request: fixed headers, payload checksums (of the body as sent: a
/// gzipped body is compressed when built), the endpoint override.
fn customizations(op: &Operation) -> (TokenStream, Vec<TokenStream>) {
    let rt = Rt::path();
    let c = &op.customizations;
    let mut steps = Vec::new();
    for (name, value) in &c.headers {
        steps.push(
            quote!(#rt::http::customize::set_header_if_absent(&mut request, #name, #value)?;),
        );
    }
    if !c.payload_checksums.is_empty() {
        let entries = c.payload_checksums.iter().map(|(name, how)| {
            let how = match how {
                PayloadChecksum::Sha256 => format_ident!("Sha256"),
                PayloadChecksum::Sha256TreeHash => format_ident!("Sha256TreeHash"),
            };
            quote!((#name, #rt::http::customize::PayloadChecksum::#how))
        });
        steps.push(
            quote!(#rt::http::customize::payload_checksums(&mut request, &[#(#entries),*])?;),
        );
    }
    let mut keep = quote!();
    // `check` has made sure the member exists and is a string.
    if let Some(m) = c
        .endpoint_member
        .as_deref()
        .and_then(|n| input_member(op, n))
    {
        let f = ident(&m.rust_name);
        let name = &m.name;
        keep = quote!(let endpoint_override = input.#f.clone(););
        steps.push(quote!(#rt::http::customize::set_endpoint_override(&mut request, #name, endpoint_override)?;));
    }
    (keep, steps)
}

/// The `@endpoint` host prefix, with its labels filled in.
fn host_prefix(op: &Operation) -> Option<TokenStream> {
    let rt = Rt::path();
    // `check` has made sure the prefix parses and its labels are members.
    let (segments, _) = parse_uri_pattern(op.host_prefix.as_deref()?).ok()?;
    let pieces = segments.iter().map(|segment| match segment {
        UriSegment::Literal(text) => push_literal(quote!(prefix), text),
        UriSegment::Label { member: label, .. } => match input_member(op, label) {
            Some(m) => {
                let f = ident(&m.rust_name);
                let name = &m.name;
                quote! {
                    prefix.push_str(&#rt::http::host_label(input.#f.as_deref().unwrap_or_default(), #name)?);
                }
            }
            None => quote!(),
        },
    });
    Some(quote! {
        let mut prefix = ::std::string::String::new();
        #(#pieces)*
        #rt::http::set_host_prefix(&mut request, prefix)?;
    })
}

/// The expression building the request with its body: a stream, a payload,
/// a JSON object of the body members, or nothing.
fn body(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let method = &op.method;
    let payload = payload_member(&op.input);
    let body_members = body_members(&op.input);
    if let Some(m) = payload.filter(|m| m.ty.is_stream()) {
        stream_body(cx, op, m)
    } else if let Some(m) = payload {
        payload_body(cx, op, m)
    } else if op
        .input
        .members
        .iter()
        .any(|m| matches!(m.binding, Binding::FormField(_)))
    {
        form_body(cx, op)
    } else if op
        .input
        .members
        .iter()
        .any(|m| matches!(m.binding, Binding::MultipartPart(_)))
    {
        multipart_body(cx, op)
    } else if body_members.is_empty() {
        quote!(#rt::http::json_request(#method, uri, None, false)?)
    } else {
        json_body(cx, op, body_members)
    }
}

/// Whether the body carries a sensitive value (then it is not logged).
fn sensitive_body(cx: &Cx, op: &Operation) -> bool {
    op.input
        .members
        .iter()
        .any(|m| m.binding.is_body() && cx.is_sensitive(&m.ty, m.sensitive))
}

/// `.content_md5(..).gzip(..)` on the body options where the operation
/// asks for a checksum (`@httpChecksumRequired`) or compression
/// (`@requestCompression`).
fn checksum_and_gzip(op: &Operation) -> TokenStream {
    let (md5, gzip) = (op.checksum_required, op.gzip);
    match (md5, gzip) {
        (false, false) => quote!(),
        _ => quote!(.content_md5(#md5).gzip(#gzip)),
    }
}

/// A streaming payload, moved into the body unread.
fn stream_body(cx: &Cx, op: &Operation, m: &Member) -> TokenStream {
    let rt = Rt::path();
    let method = &op.method;
    let f = ident(&m.rust_name);
    let content_type = m
        .media_type
        .as_deref()
        .unwrap_or("application/octet-stream");
    let requires_length = matches!(
        m.ty,
        Type::Stream {
            requires_length: true
        }
    );
    let unsigned = op.unsigned_payload;
    let sensitive = cx.is_sensitive(&m.ty, m.sensitive);
    quote! {
        // The stream moves into the body unread.
        #rt::http::stream_request(
            #method,
            uri,
            input.#f,
            #rt::http::StreamOptions::new(#content_type)
                .requires_length(#requires_length)
                .unsigned_payload(#unsigned)
                .sensitive(#sensitive),
        )?
    }
}

/// An `@httpPayload` member as the whole body: bytes, text, an enum's value
/// or a JSON document.
fn payload_body(cx: &Cx, op: &Operation, m: &Member) -> TokenStream {
    let rt = Rt::path();
    let method = &op.method;
    let f = ident(&m.rust_name);
    let media = m.media_type.as_deref();
    let (bytes, content_type) = match &m.ty {
        Type::Blob => (
            quote!(value.into_inner()),
            media.unwrap_or("application/octet-stream"),
        ),
        Type::String => (quote!(value.into_bytes()), media.unwrap_or("text/plain")),
        Type::Named(id) if matches!(cx.service.shapes.get(id), Some(Shape::Enum(_))) => {
            (quote!(value.as_str().as_bytes().to_vec()), "text/plain")
        }
        ty => {
            let write = ser_value(
                cx,
                ty,
                quote!(
                    #rt::json::JsonValueWriter::new(
                        &mut out
                    )
                ),
                quote!(value),
                0,
            );
            (
                quote!({ let value = &value; let mut out = ::std::string::String::new(); #write out.into_bytes() }),
                "application/json",
            )
        }
    };
    // An unset structure payload is sent as an empty object.
    let unset = match &m.ty {
        Type::Named(id) if cx.structure(id).is_some() => {
            quote!(.or_else(|| Some(b"{}".to_vec())))
        }
        _ => quote!(),
    };
    let sensitive = sensitive_body(cx, op);
    let options = checksum_and_gzip(op);
    quote! {{
        // The input is owned: its payload moves into the body.
        let body = input
            .#f
            .map(|value| -> ::std::result::Result<::std::vec::Vec<u8>, #rt::BoxError> { Ok(#bytes) })
            .transpose()?
            #unset;
        #rt::http::request(#method, uri, body, #rt::http::BodyOptions::new(#content_type).sensitive(#sensitive)#options)?
    }}
}

/// Whether a value of `ty` is written as text in a form field or a
/// multipart part: strings, enums, numbers, booleans, timestamps (in the
/// member's format, RFC 3339 for OpenAPI's `date-time`) and blobs
/// (base64 in a form).
fn is_text_scalar(cx: &Cx, ty: &Type) -> bool {
    match ty {
        Type::String | Type::Timestamp(_) | Type::Blob => true,
        Type::Named(id) => matches!(
            cx.service.shapes.get(id),
            Some(Shape::Enum(_) | Shape::IntEnum(_))
        ),
        ty => ty.is_copy_scalar(),
    }
}

/// An expression giving the JSON text of `v` (a reference) of type `ty`.
fn json_text(cx: &Cx, ty: &Type, v: TokenStream) -> TokenStream {
    let rt = Rt::path();
    let write = ser_value(
        cx,
        ty,
        quote!(#rt::json::JsonValueWriter::new(&mut out)),
        v,
        0,
    );
    quote!({ let mut out = ::std::string::String::new(); #write out })
}

/// An `application/x-www-form-urlencoded` body of the form field members:
/// scalars as text, a list's items as a field each (`a=1&a=2`), nested
/// structures, maps, unions and documents as their JSON text (the form has
/// no nesting of its own, and OpenAPI leaves the encoding of an object
/// property to the document).
fn form_body(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let method = &op.method;
    let field = |name: &str, ty: &Type, v: TokenStream| {
        if is_text_scalar(cx, ty) {
            let text = scalar_text(cx, ty, v);
            quote!(form.field(#name, &#text);)
        } else {
            let json = json_text(cx, ty, v);
            quote!(form.field(#name, &#json);)
        }
    };
    let fields = op.input.members.iter().filter_map(|m| {
        let Binding::FormField(name) = &m.binding else {
            return None;
        };
        let f = ident(&m.rust_name);
        let write = match &m.ty {
            Type::List(item) => match item.as_ref() {
                Type::Optional(inner) => {
                    let one = field(name, inner, quote!(item));
                    quote!(for item in value.iter().flatten() { #one })
                }
                item => {
                    let one = field(name, item, quote!(item));
                    quote!(for item in value { #one })
                }
            },
            ty => field(name, ty, quote!(value)),
        };
        Some(quote!(if let Some(value) = &input.#f { #write }))
    });
    let sensitive = sensitive_body(cx, op);
    let options = checksum_and_gzip(op);
    quote! {{
        let mut form = #rt::http::forms::Form::new();
        #(#fields)*
        form.into_request(#method, uri, #rt::http::BodyOptions::new(#rt::http::forms::Form::CONTENT_TYPE).sensitive(#sensitive)#options)?
    }}
}

/// A `multipart/form-data` body of the multipart members, a part each:
/// scalars as text, blobs as files (`filename`, `application/octet-stream`),
/// structures, lists, maps, unions and documents as JSON
/// (`application/json`). The boundary is random per request.
fn multipart_body(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let method = &op.method;
    let parts = op.input.members.iter().filter_map(|m| {
        let Binding::MultipartPart(name) = &m.binding else {
            return None;
        };
        let f = ident(&m.rust_name);
        let write = match &m.ty {
            Type::Blob => quote!(parts.bytes(#name, value.as_ref().to_vec());),
            ty if is_text_scalar(cx, ty) => {
                let text = scalar_text(cx, ty, quote!(value));
                quote!(parts.text(#name, &#text);)
            }
            ty => {
                let json = json_text(cx, ty, quote!(value));
                quote!(parts.json(#name, #json);)
            }
        };
        Some(quote!(if let Some(value) = &input.#f { #write }))
    });
    let sensitive = sensitive_body(cx, op);
    let options = checksum_and_gzip(op);
    quote! {{
        let mut parts = #rt::http::forms::Multipart::new();
        #(#parts)*
        parts.into_request(#method, uri, #rt::http::BodyOptions::new("multipart/form-data").sensitive(#sensitive)#options)?
    }}
}

/// The body members as one JSON object.
fn json_body(cx: &Cx, op: &Operation, members: Vec<&Member>) -> TokenStream {
    let rt = Rt::path();
    let method = &op.method;
    let sensitive = sensitive_body(cx, op);
    let call = if op.checksum_required || op.gzip {
        let options = checksum_and_gzip(op);
        quote!(#rt::http::request(#method, uri, Some(out.into_bytes()), #rt::http::BodyOptions::new("application/json").sensitive(#sensitive)#options)?)
    } else {
        quote!(#rt::http::json_request(#method, uri, Some(out), #sensitive)?)
    };
    let out = json_object(cx, members);
    quote! {{
        #out
        #call
    }}
}

/// `let out = ...;`: the JSON object of `members` of the input as a
/// `String` (`{}` for none).
fn json_object<'m>(cx: &Cx, members: impl IntoIterator<Item = &'m Member>) -> TokenStream {
    let rt = Rt::path();
    let stmts = ser_members(cx, members.into_iter(), quote!(input));
    if stmts.is_empty() {
        return quote!(let out = ::std::string::String::from("{}"););
    }
    quote! {
        let mut out = ::std::string::String::new();
        let mut obj = #rt::json::JsonObjectWriter::new(&mut out);
        #stmts
        obj.finish();
    }
}

/// Appends literal text to a `String`: nothing when empty, `push` for one
/// character.
fn push_literal(target: TokenStream, text: &str) -> TokenStream {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (None, _) => quote!(),
        (Some(c), None) => quote!(#target.push(#c);),
        _ => quote!(#target.push_str(#text);),
    }
}

/// An expression giving a `Cow<str>` for a scalar in a URI or header (`?` on
/// a timestamp that cannot be formatted).
fn scalar_text(cx: &Cx, ty: &Type, v: TokenStream) -> TokenStream {
    let rt = Rt::path();
    match ty {
        Type::String => quote!(::std::borrow::Cow::<str>::Borrowed(#v.as_str())),
        Type::Named(id) if matches!(cx.service.shapes.get(id), Some(Shape::Enum(_))) => {
            quote!(::std::borrow::Cow::<str>::Borrowed(#v.as_str()))
        }
        Type::Named(id) if matches!(cx.service.shapes.get(id), Some(Shape::IntEnum(_))) => {
            quote!(::std::borrow::Cow::<str>::Owned(#v.as_i32().to_string()))
        }
        Type::Timestamp(f) => {
            let f = ts_format(*f);
            quote!(::std::borrow::Cow::<str>::Owned(#v.fmt(#f)?))
        }
        Type::Blob => {
            quote!(::std::borrow::Cow::<str>::Owned(#rt::base64::encode(#v)))
        }
        ty if ty.is_copy_scalar() => {
            quote!(::std::borrow::Cow::<str>::Owned(#rt::http::headers::primitive(*#v)))
        }
        _ => quote!(::std::borrow::Cow::<str>::Owned(#v.to_string())),
    }
}
