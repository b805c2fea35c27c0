//! One module per operation (input, output, error, serializer,
//! deserializer, fluent builder) and the `Client`.

use super::shapes::{de_members, emit_structure, ser_members, validations, Kind};
use super::{doc, fn_name, ident, ts_format, Cx, Rt};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub(crate) fn emit_operation(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::root();
    let api = Rt::api();
    let module = ident(&op.rust_name);
    let (input_item, input_builder) = emit_structure(cx, &op.input, Kind::Input);
    let (output_item, output_builder) = emit_structure(cx, &op.output, Kind::Plain);
    let input = ident(&op.input.rust_name);
    let output = ident(&op.output.rust_name);
    let error = ident(&op.names.error);
    let fluent = ident(&op.names.fluent_builder);
    let input_builder_name = ident(&op.input.builder_name);
    let op_name = &op.name;
    let fluent_doc = format!(" Sends a `{op_name}` request: set members, then call `send()`.");
    let module_doc = doc(&op.docs, &format!("The `{}` operation.", op.name));
    let validate = validations(cx, &op.input);
    let mut_v = if validate.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
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
    let error_enum = emit_error_enum(cx, op, &error);
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
    let serialize = emit_serializer(cx, op);
    let read_kind = if op.output.has_stream() {
        format_ident!("Streaming")
    } else {
        format_ident!("Buffered")
    };
    // A stream can be sent once: a builder holding one cannot be cloned.
    let derive_clone = if op.input.has_stream() {
        quote!()
    } else {
        quote!(Clone,)
    };
    let deserialize = emit_deserializer(cx, op);
    let setters = op.input.members.iter().map(|m| fluent_setters(cx, m));
    let paginator = emit_paginator(cx, op);
    let auth = op.auth.iter().map(|scheme| match scheme {
        AuthScheme::SigV4 => quote!(#rt::client::auth::SIGV4),
        AuthScheme::HttpBearer => quote!(#rt::client::auth::HTTP_BEARER),
        AuthScheme::Anonymous => quote!(#rt::client::auth::NO_AUTH),
    });
    quote! {
        #module_doc
        pub mod #module {
            #input_item
            #output_item

            impl #rt::client::OperationInput for #input {
                #fill_tokens

                fn validate(&self) -> ::std::result::Result<(), #rt::validation::ValidationError> {
                    #input::validate(self)
                }
            }

            impl #input {
                /// Checks every constraint of the model (required members,
                /// lengths, patterns, non-empty labels) and reports every
                /// violation, naming the member. Values are never echoed.
                pub fn validate(&self) -> ::std::result::Result<(), #rt::validation::ValidationError> {
                    let #mut_v v = #rt::validation::Validator::new();
                    #validate
                    v.finish()
                }
            }

            #error_enum

            pub(crate) static SPEC: #rt::client::OperationSpec<#input, #output, #error> = #rt::client::OperationSpec {
                name: #op_name,
                serialize,
                deserialize: #rt::client::Deserialize::#read_kind(deserialize),
                error: #error::from_response,
                sensitive_output: #sensitive_output,
                auth: &[#(#auth),*],
            };

            #serialize
            #deserialize

            /// Builders for this operation.
            pub mod builders {
                #input_builder
                #output_builder

                #[doc = #fluent_doc]
                #[derive(#derive_clone Debug)]
                pub struct #fluent {
                    handle: ::std::sync::Arc<#rt::client::Handle>,
                    inner: #input_builder_name,
                }

                impl #fluent {
                    pub(crate) fn new(handle: ::std::sync::Arc<#rt::client::Handle>) -> Self {
                        Self { handle, inner: ::std::default::Default::default() }
                    }

                    /// The input built so far.
                    pub fn as_input(&self) -> &#input_builder_name {
                        &self.inner
                    }

                    /// Validates the input (unless turned off), then sends it
                    /// through the configured pipeline: signing, retries and
                    /// timeouts.
                    pub async fn send(self) -> ::std::result::Result<
                        super::#output,
                        #api::client::result::SdkError<super::#error, #api::client::orchestrator::HttpResponse>,
                    > {
                        self.handle.send(&super::SPEC, self.inner.build()).await
                    }

                    /// This call with interceptors or request changes of its
                    /// own; `send()` it when done.
                    pub fn customize(self) -> #rt::client::CustomizableOperation<super::#input, super::#output, super::#error> {
                        #rt::client::CustomizableOperation::new(self.handle, &super::SPEC, self.inner.build())
                    }

                    #(#setters)*
                }

                impl #input_builder_name {
                    /// Builds the input and sends it with `client`.
                    pub async fn send_with(self, client: &crate::Client) -> ::std::result::Result<
                        super::#output,
                        #api::client::result::SdkError<super::#error, #api::client::orchestrator::HttpResponse>,
                    > {
                        client.handle.send(&super::SPEC, self.build()).await
                    }
                }

                #paginator
            }
        }
    }
}

/// `into_paginator()` on the fluent builder and the paginator it returns.
fn emit_paginator(cx: &Cx, op: &Operation) -> TokenStream {
    let Some(p) = &op.pagination else {
        return quote!();
    };
    // Paging resends the input; a stream can be sent once (`check` warns).
    if op.input.has_stream() {
        return quote!();
    }
    let rt = Rt::root();
    let api = Rt::api();
    let member = |s: &Structure, n: &str| s.members.iter().find(|m| m.name == n).cloned();
    let (Some(in_tok), Some(out_tok)) = (
        member(&op.input, &p.input_token),
        member(&op.output, &p.output_token),
    ) else {
        return quote!();
    };
    let fluent = ident(&op.names.fluent_builder);
    let paginator = ident(&op.names.paginator);
    let input_builder = ident(&op.input.builder_name);
    let input = ident(&op.input.rust_name);
    let output = ident(&op.output.rust_name);
    let error = ident(&op.names.error);
    let in_field = ident(&in_tok.rust_name);
    let out_field = ident(&out_tok.rust_name);
    let page_size = p
        .page_size
        .as_ref()
        .and_then(|n| member(&op.input, n))
        .map(|m| {
            let set = format_ident!("set_{}", m.rust_name.trim_start_matches("r#"));
            let t = cx.rust_type(&m.ty);
            let d = format!(" Sets the page size (`{}`).", m.name);
            quote! {
                #[doc = #d]
                pub fn page_size(mut self, limit: #t) -> Self {
                    self.inner = self.inner.#set(Some(limit));
                    self
                }
            }
        });
    let items = p.items.as_ref().and_then(|n| member(&op.output, n)).map(|m| {
        let f = ident(&m.rust_name);
        let (item, d) = match &m.ty {
            Type::List(t) => (cx.rust_type(t), format!(" A stream of the `{}` of every page.", m.name)),
            Type::Map(t) => {
                let t = cx.rust_type(t);
                (quote!((::std::string::String, #t)), format!(" A stream of the `{}` entries of every page.", m.name))
            }
            _ => return quote!(),
        };
        quote! {
            #[doc = #d]
            pub fn items(self) -> #rt::deps::aws_smithy_async::future::pagination_stream::PaginationStream<
                ::std::result::Result<#item, #api::client::result::SdkError<super::#error, #api::client::orchestrator::HttpResponse>>,
            > {
                #rt::deps::aws_smithy_async::future::pagination_stream::TryFlatMap::new(self.send())
                    .flat_map(|page: super::#output| page.#f.unwrap_or_default())
            }
        }
    });
    let doc_line = format!(
        " Pages through `{}`: each call gets the next page with the previous page's `{}`.",
        op.name, out_tok.name
    );
    quote! {
        impl #fluent {
            /// Pages through the results instead of sending one request.
            pub fn into_paginator(self) -> #paginator {
                #paginator { handle: self.handle, inner: self.inner }
            }
        }

        #[doc = #doc_line]
        #[derive(Clone, Debug)]
        pub struct #paginator {
            handle: ::std::sync::Arc<#rt::client::Handle>,
            inner: #input_builder,
        }

        impl #paginator {
            #page_size

            /// A stream of pages; an error ends it.
            pub fn send(self) -> #rt::client::Pages<super::#output, super::#error> {
                self.handle.paginate(
                    &super::SPEC,
                    self.inner.build(),
                    #rt::client::PageSpec {
                        set_token: |input: &mut super::#input, token| input.#in_field = token,
                        next_token: |output: &super::#output| output.#out_field.as_deref(),
                    },
                )
            }

            #items
        }
    }
}

fn fluent_setters(cx: &Cx, m: &Member) -> TokenStream {
    let f = ident(&m.rust_name);
    let raw = m.rust_name.trim_start_matches("r#");
    let set = format_ident!("set_{}", raw);
    let get = format_ident!("get_{}", raw);
    let t = cx.rust_type(&m.ty);
    let d = format!(
        " Sets `{}`; see [`{}`](Self::{}) on the input builder for its constraints.",
        m.name, raw, set
    );
    let (params, args) = super::shapes::setter_params(cx, &m.ty);
    let fluent = quote! {
        #[doc = #d]
        pub fn #f(mut self, #params) -> Self {
            self.inner = self.inner.#f(#args);
            self
        }
    };
    let d2 = format!(" Sets or clears `{}`.", m.name);
    let d3 = format!(" The `{}` set so far.", m.name);
    quote! {
        #fluent
        #[doc = #d2]
        pub fn #set(mut self, input: ::std::option::Option<#t>) -> Self {
            self.inner = self.inner.#set(input);
            self
        }
        #[doc = #d3]
        pub fn #get(&self) -> &::std::option::Option<#t> {
            self.inner.#get()
        }
    }
}

fn emit_error_enum(cx: &Cx, op: &Operation, error: &proc_macro2::Ident) -> TokenStream {
    let rt = Rt::root();
    let api = Rt::api();
    let types = Rt::types();
    let errs: Vec<&Structure> = op.errors.iter().filter_map(|e| cx.structure(e)).collect();
    let variants: Vec<_> = errs.iter().map(|s| ident(&s.rust_name)).collect();
    let paths: Vec<_> = errs.iter().map(|s| cx.named_path(&s.id)).collect();
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
    let kinds = errs.iter().zip(&variants).map(|(s, v)| {
        let kind = match s.error.as_ref().and_then(|e| e.retry) {
            Some(RetryKind::Throttling) => quote!(Some(#types::retry::ErrorKind::ThrottlingError)),
            Some(RetryKind::Server) => quote!(Some(#types::retry::ErrorKind::ServerError)),
            Some(RetryKind::Transient) => quote!(Some(#types::retry::ErrorKind::TransientError)),
            None => quote!(None),
        };
        quote!(Self::#v(_) => #kind,)
    });
    // Codes first; then, where no code was sent or the code names no modeled
    // error (Chime sends `Throttled` in the body of a ThrottledClientException),
    // the status of the one error that has it. A status two errors share
    // tells nothing.
    let by_code = errs.iter().zip(&variants).map(|(s, v)| {
        let codes = s
            .error
            .as_ref()
            .map(|e| e.codes.clone())
            .unwrap_or_default();
        let read = fn_name("read", s);
        quote!((Some(#(#codes)|*), _) => response.read_modeled(crate::json_codec::#read, Self::#v, Self::Unhandled),)
    });
    let by_status = errs.iter().zip(&variants).filter_map(|(s, v)| {
        let status = s.error.as_ref()?.status?;
        let unique = errs
            .iter()
            .filter(|o| o.error.as_ref().and_then(|e| e.status) == Some(status))
            .count()
            == 1;
        let read = fn_name("read", s);
        unique.then(|| quote!((_, #status) => response.read_modeled(crate::json_codec::#read, Self::#v, Self::Unhandled),))
    });
    let op_name = &op.name;
    let doc_line = format!(" Errors `{op_name}` can return.");
    let source_body = quote!(match self {
        #( Self::#variants(e) => Some(e), )*
        Self::Unhandled(e) => ::std::error::Error::source(e),
    });
    let from_response = if errs.is_empty() {
        quote!(Self::Unhandled(#rt::error::Unhandled::from_response(response)))
    } else {
        quote!(match (response.meta.code(), response.status) {
            #(#by_code)*
            #(#by_status)*
            _ => Self::Unhandled(#rt::error::Unhandled::from_response(response)),
        })
    };
    quote! {
        #[doc = #doc_line]
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum #error {
            #( #vdocs #variants(#paths), )*
            /// An error the model does not describe; its code, message,
            /// request id and status are kept.
            Unhandled(#rt::error::Unhandled),
        }

        impl #error {
            #(#is_fns)*

            /// Code, message and request id of the error.
            pub fn meta(&self) -> &#types::error::ErrorMetadata {
                use #types::error::metadata::ProvideErrorMetadata;
                match self {
                    #( Self::#variants(e) => e.meta(), )*
                    Self::Unhandled(e) => e.meta(),
                }
            }

            /// An error the model does not describe, from any error.
            pub fn unhandled(err: impl ::std::convert::Into<#api::box_error::BoxError>) -> Self {
                Self::Unhandled(#rt::error::Unhandled::new(err.into(), None))
            }

            /// An error the model does not describe, from its metadata only.
            pub fn generic(meta: #types::error::ErrorMetadata) -> Self {
                Self::Unhandled(#rt::error::Unhandled::new(::std::boxed::Box::new(meta.clone()), Some(meta)))
            }

            fn from_response(response: #rt::error::ErrorResponse<'_>) -> Self {
                #from_response
            }
        }

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
                #source_body
            }
        }

        impl #types::error::metadata::ProvideErrorMetadata for #error {
            fn meta(&self) -> &#types::error::ErrorMetadata {
                #error::meta(self)
            }
        }

        impl #api::client::result::CreateUnhandledError for #error {
            fn create_unhandled_error(
                source: ::std::boxed::Box<dyn ::std::error::Error + ::std::marker::Send + ::std::marker::Sync + 'static>,
                meta: ::std::option::Option<#types::error::ErrorMetadata>,
            ) -> Self {
                Self::Unhandled(#rt::error::Unhandled::new(source, meta))
            }
        }

        impl #types::retry::ProvideErrorKind for #error {
            fn retryable_error_kind(&self) -> ::std::option::Option<#types::retry::ErrorKind> {
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

fn emit_serializer(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::root();
    let api = Rt::api();
    let json = Rt::json();
    let types = Rt::types();
    let build_error = quote!(#types::error::operation::BuildError);
    let input = ident(&op.input.rust_name);
    let member = |name: &str| op.input.members.iter().find(|m| m.name == name);
    let mut uri = Vec::new();
    for seg in &op.uri {
        match seg {
            UriSegment::Literal(l) => uri.push(push_literal(quote!(uri), l)),
            UriSegment::Label {
                member: name,
                greedy,
            } => {
                let Some(m) = member(name) else { continue };
                let f = ident(&m.rust_name);
                let field = m.rust_name.trim_start_matches("r#");
                let text = scalar_text(cx, &m.ty, quote!(value));
                uri.push(quote! {
                    let value = input.#f.as_ref().ok_or_else(|| #build_error::missing_field(#field, "it is bound to the URI path"))?;
                    let text = #text;
                    if text.is_empty() {
                        return Err(#build_error::invalid_field(#field, "a URI label must not be empty").into());
                    }
                    uri.push_str(&#rt::http::encode_label(&text, #greedy));
                });
            }
        }
    }
    for (k, v) in &op.uri_query {
        uri.push(match v {
            Some(v) => quote!(#rt::http::push_query(&mut uri, #k, #v);),
            None => quote!(#rt::http::push_query_key(&mut uri, #k);),
        });
    }
    let mut bound_query: Vec<&str> = op.uri_query.iter().map(|(k, _)| k.as_str()).collect();
    for m in &op.input.members {
        if let Binding::Query(q) = &m.binding {
            bound_query.push(q);
            let f = ident(&m.rust_name);
            let push = match &m.ty {
                Type::List(item) => {
                    let text = scalar_text(cx, item, quote!(item));
                    quote!(for item in value { #rt::http::push_query(&mut uri, #q, &#text); })
                }
                ty => {
                    let text = scalar_text(cx, ty, quote!(value));
                    quote!(#rt::http::push_query(&mut uri, #q, &#text);)
                }
            };
            uri.push(quote!(if let Some(value) = &input.#f { #push }));
        }
    }
    // `@httpQueryParams` never overrides a parameter bound by name.
    for m in op
        .input
        .members
        .iter()
        .filter(|m| m.binding == Binding::QueryParams)
    {
        let f = ident(&m.rust_name);
        let push = match &m.ty {
            Type::Map(v) if matches!(v.as_ref(), Type::List(_)) => {
                quote!(for item in value { #rt::http::push_query(&mut uri, key, item); })
            }
            _ => quote!(#rt::http::push_query(&mut uri, key, value);),
        };
        uri.push(quote! {
            if let Some(params) = &input.#f {
                const BOUND: &[&str] = &[#(#bound_query),*];
                let mut params: ::std::vec::Vec<_> = params.iter().filter(|(key, _)| !BOUND.contains(&key.as_str())).collect();
                params.sort_by(|a, b| a.0.cmp(b.0));
                for (key, value) in params {
                    #push
                }
            }
        });
    }
    // Prefix headers first, so that a header bound by name wins.
    let mut headers: Vec<TokenStream> = Vec::new();
    for m in &op.input.members {
        if let Binding::PrefixHeaders(prefix) = &m.binding {
            let f = ident(&m.rust_name);
            headers.push(quote! {
                if let Some(map) = input.#f {
                    for (key, value) in map {
                        #rt::http::set_header(&mut request, format!("{}{}", #prefix, key), value)?;
                    }
                }
            });
        }
    }
    for m in &op.input.members {
        let Binding::Header(h) = &m.binding else {
            continue;
        };
        let h = h.to_ascii_lowercase();
        let f = ident(&m.rust_name);
        let text = match &m.ty {
            Type::List(item) if **item == Type::String => quote!(#rt::http::headers::join(value)),
            Type::List(item) => {
                let text = scalar_text(cx, item, quote!(item));
                quote!(value.iter().map(|item| -> ::std::result::Result<::std::string::String, #api::box_error::BoxError> { Ok(::std::string::ToString::to_string(&#text)) }).collect::<::std::result::Result<::std::vec::Vec<_>, _>>()?.join(", "))
            }
            Type::String if m.media_type.is_some() => {
                let types = Rt::types();
                quote!(#types::base64::encode(value))
            }
            ty => {
                let text = scalar_text(cx, ty, quote!(value));
                quote!(::std::string::ToString::to_string(&#text))
            }
        };
        headers.push(quote!(if let Some(value) = &input.#f { #rt::http::set_header(&mut request, #h, #text)?; }));
    }
    // `check` has made sure the prefix parses and its labels are members.
    if let Some((segments, _)) = op
        .host_prefix
        .as_deref()
        .and_then(|p| parse_uri_pattern(p).ok())
    {
        let pieces = segments.iter().map(|segment| match segment {
            UriSegment::Literal(text) => push_literal(quote!(prefix), text),
            UriSegment::Label { member: label, .. } => match member(label) {
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
        headers.push(quote! {
            let mut prefix = ::std::string::String::new();
            #(#pieces)*
            #rt::http::set_host_prefix(&mut request, prefix)?;
        });
    }
    let sensitive = op.input.members.iter().any(|m| {
        matches!(m.binding, Binding::Body | Binding::Payload) && cx.is_sensitive(&m.ty, m.sensitive)
    });
    let method = &op.method;
    let (md5, gzip) = (op.checksum_required, op.gzip);
    let options = match (md5, gzip) {
        (false, false) => quote!(),
        _ => quote!(.content_md5(#md5).gzip(#gzip)),
    };
    let json_call = if md5 || gzip {
        quote!(#rt::http::request(#method, uri, Some(out.into_bytes()), #rt::http::BodyOptions::new("application/json").sensitive(#sensitive)#options)?)
    } else {
        quote!(#rt::http::json_request(#method, uri, Some(out), #sensitive)?)
    };
    let payload = op
        .input
        .members
        .iter()
        .find(|m| m.binding == Binding::Payload);
    let body_members: Vec<&Member> = op
        .input
        .members
        .iter()
        .filter(|m| m.binding == Binding::Body)
        .collect();
    let build = if let Some(m) = payload.filter(|m| m.ty.is_stream()) {
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
    } else if let Some(m) = payload {
        let f = ident(&m.rust_name);
        let media = m.media_type.as_deref();
        let (bytes, content_type) = match &m.ty {
            Type::Blob => (
                quote!(value.into_inner()),
                media.unwrap_or("application/octet-stream"),
            ),
            Type::String => (quote!(value.into_bytes()), media.unwrap_or("text/plain")),
            Type::Named(id)
                if cx
                    .service
                    .shapes
                    .get(id)
                    .is_some_and(|s| matches!(s, Shape::Enum(_))) =>
            {
                (quote!(value.as_str().as_bytes().to_vec()), "text/plain")
            }
            ty => {
                let write = super::shapes::ser_value(
                    cx,
                    ty,
                    quote!(
                        #json::serialize::JsonValueWriter::new(
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
        quote! {{
            // The input is owned: its payload moves into the body.
            let body = input
                .#f
                .map(|value| -> ::std::result::Result<::std::vec::Vec<u8>, #api::box_error::BoxError> { Ok(#bytes) })
                .transpose()?
                #unset;
            #rt::http::request(#method, uri, body, #rt::http::BodyOptions::new(#content_type).sensitive(#sensitive)#options)?
        }}
    } else if body_members.is_empty() {
        quote!(#rt::http::json_request(#method, uri, None, false)?)
    } else {
        let stmts = ser_members(cx, body_members.into_iter(), quote!(input), false);
        quote! {{
            let mut out = ::std::string::String::new();
            let mut obj = #json::serialize::JsonObjectWriter::new(&mut out);
            #stmts
            obj.finish();
            #json_call
        }}
    };
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
        fn serialize(#input_param: #input) -> ::std::result::Result<#api::client::orchestrator::HttpRequest, #api::box_error::BoxError> {
            let mut uri = ::std::string::String::with_capacity(64);
            #(#uri)*
            let #mut_request request = #build;
            #(#headers)*
            Ok(request)
        }
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
            let types = Rt::types();
            quote!(::std::borrow::Cow::<str>::Owned(#types::base64::encode(#v)))
        }
        ty if ty.is_copy_scalar() => {
            let rt = Rt::root();
            quote!(::std::borrow::Cow::<str>::Owned(#rt::http::headers::primitive(*#v)))
        }
        _ => quote!(::std::borrow::Cow::<str>::Owned(#v.to_string())),
    }
}

fn emit_deserializer(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::root();
    let api = Rt::api();
    let output = ident(&op.output.rust_name);
    let body_members: Vec<&Member> = op
        .output
        .members
        .iter()
        .filter(|m| m.binding == Binding::Body)
        .collect();
    let payload = op
        .output
        .members
        .iter()
        .find(|m| m.binding == Binding::Payload);
    let streaming = payload.is_some_and(|m| m.ty.is_stream());
    let read_body = if let Some(m) = payload.filter(|_| streaming) {
        // Read after the headers: the body is taken from the response unread.
        let set = format_ident!("set_{}", m.rust_name.trim_start_matches("r#"));
        quote!(builder = builder.#set(Some(#rt::http::take_stream(response)));)
    } else if let Some(m) = payload {
        let set = format_ident!("set_{}", m.rust_name.trim_start_matches("r#"));
        let read = match &m.ty {
            Type::Blob => {
                let types = Rt::types();
                quote!((!bytes.is_empty()).then(|| #types::Blob::new(bytes.to_vec())))
            }
            Type::String => {
                quote!(if bytes.is_empty() { None } else { Some(::std::string::String::from_utf8(bytes.to_vec()).map_err(|_| #rt::json::invalid("$", "a UTF-8 body"))?) })
            }
            Type::Named(id) if matches!(cx.service.shapes.get(id), Some(Shape::Enum(_))) => {
                let t = cx.named_path(id);
                quote!(Some(#t::from(::std::str::from_utf8(bytes).map_err(|_| #rt::json::invalid("$", "a UTF-8 body"))?)))
            }
            ty => {
                let path = format!("{}.{}", op.output.name, m.name);
                let read = super::shapes::de_value(cx, ty, quote!(&value), &path, 0);
                quote!(if bytes.is_empty() { None } else { let value = #rt::json::parse(bytes)?; Some(#read?) })
            }
        };
        quote! {
            let bytes = response.body().bytes().unwrap_or_default();
            builder = builder.#set(#read);
        }
    } else if body_members.is_empty() {
        quote!()
    } else {
        let members = de_members(cx, &op.output, body_members.into_iter(), quote!(obj));
        quote! {
            let value = #rt::json::parse(response.body().bytes().unwrap_or_default())?;
            let obj = #rt::json::object(&value, "$")?;
            #members
        }
    };
    let headers = header_reads(
        cx,
        &op.output,
        &quote!(response.headers()),
        Some(&quote!(response.status().as_u16())),
    );
    let reads = !read_body.is_empty()
        || op.output.members.iter().any(|m| {
            matches!(
                m.binding,
                Binding::Header(_) | Binding::PrefixHeaders(_) | Binding::ResponseCode
            )
        });
    // An output with nothing to read (no members) reads no response.
    let (mut_builder, response) = if reads {
        (quote!(mut), format_ident!("response"))
    } else {
        (quote!(), format_ident!("_response"))
    };
    // The status check and the error wrapping are the runtime's
    // (`OperationSpec::read_response`); this reads a success response.
    if streaming {
        return quote! {
            pub(crate) fn deserialize(
                response: &mut #api::client::orchestrator::HttpResponse,
            ) -> ::std::result::Result<#output, #rt::json::DeserializeError> {
                let mut builder = #output::builder();
                #(#headers)*
                #read_body
                Ok(builder.build())
            }
        };
    }
    quote! {
        pub(crate) fn deserialize(
            #response: &#api::client::orchestrator::HttpResponse,
        ) -> ::std::result::Result<#output, #rt::json::DeserializeError> {
            let #mut_builder builder = #output::builder();
            #read_body
            #(#headers)*
            Ok(builder.build())
        }
    }
}

/// The reader of one error structure, shared by every operation that can
/// return it: members from the JSON body and from headers, plus the
/// response's error metadata.
pub(super) fn emit_error_reader(cx: &Cx, s: &Structure) -> TokenStream {
    let rt = Rt::root();
    let f = fn_name("read", s);
    let p = cx.named_path(&s.id);
    let body_members: Vec<&Member> = s
        .members
        .iter()
        .filter(|m| m.binding == Binding::Body)
        .collect();
    let obj = (!body_members.is_empty())
        .then(|| quote!(let obj = #rt::json::object(&response.body, "$")?;));
    let members = de_members(cx, s, body_members.into_iter(), quote!(obj));
    let headers = header_reads(cx, s, &quote!(response.headers), None);
    let mut_builder = (!s.members.is_empty()).then(|| quote!(mut));
    quote! {
        pub(crate) fn #f(response: &#rt::error::ErrorResponse<'_>) -> ::std::result::Result<#p, #rt::json::DeserializeError> {
            #obj
            let #mut_builder builder = #p::builder();
            #members
            #(#headers)*
            Ok(builder.meta(response.meta.clone()).build())
        }
    }
}

/// Statements setting the members of `s` bound to headers, prefix headers
/// or the status code on `builder`, reading `headers` (a `&Headers`).
fn header_reads(
    cx: &Cx,
    s: &Structure,
    headers: &TokenStream,
    status: Option<&TokenStream>,
) -> Vec<TokenStream> {
    let rt = Rt::root();
    let h = quote!(#rt::http::headers);
    s.members
        .iter()
        .filter_map(|m| {
            let set = format_ident!("set_{}", m.rust_name.trim_start_matches("r#"));
            let path = format!("{}.{}", s.name, m.name);
            let read = match (&m.binding, &m.ty) {
                (Binding::PrefixHeaders(prefix), _) => quote!(#rt::http::prefix_headers(#headers, #prefix)),
                (Binding::ResponseCode, _) => {
                    let status = status?;
                    quote!(Some(#status.into()))
                }
                (Binding::Header(name), ty) => {
                    let name = name.as_str();
                    let shape = |id: &str| cx.service.shapes.get(id);
                    match ty {
                        Type::String if m.media_type.is_some() => quote!(#h::base64_string(#headers, #name, #path)?),
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
                            let f = super::ts_format(*f);
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
                                let f = super::ts_format(*f);
                                quote!(#h::dates(#headers, #name, #f, #path)?)
                            }
                            item if item.is_copy_scalar() => quote!(#h::many(#headers, #name, #path)?),
                            _ => return None,
                        },
                        _ => return None,
                    }
                }
                _ => return None,
            };
            Some(quote!(builder = builder.#set(#read);))
        })
        .collect()
}

pub(crate) fn emit_client(cx: &Cx) -> TokenStream {
    let rt = Rt::root();
    let methods = cx.service.operations.iter().map(|op| {
        let f = ident(&op.rust_name);
        let module = ident(&op.rust_name);
        let fluent = ident(&op.names.fluent_builder);
        let docs = doc(&op.docs, &format!("Calls `{}`.", op.name));
        quote! {
            #docs
            pub fn #f(&self) -> crate::operation::#module::builders::#fluent {
                crate::operation::#module::builders::#fluent::new(self.handle.clone())
            }
        }
    });
    quote! {
        impl Client {
            /// A client configured from shared AWS configuration (region,
            /// credentials, retries, timeouts, HTTP client), as loaded by
            /// `aws_config::load_defaults`.
            pub fn new(sdk_config: &#rt::deps::aws_types::SdkConfig) -> Self {
                Self::from_conf(crate::config::Config::from(sdk_config))
            }

            /// A client from this crate's own configuration.
            pub fn from_conf(config: crate::config::Config) -> Self {
                Self { handle: ::std::sync::Arc::new(#rt::client::Handle::new(config, &crate::SERVICE)) }
            }

            /// The client's configuration.
            pub fn config(&self) -> &crate::config::Config {
                self.handle.config()
            }

            #(#methods)*
        }
    }
}

/// The service-wide `Error`: every modeled error of every operation, and
/// `Unhandled`, with `From` each operation's error and `SdkError`, so that
/// `?` works across operations (as aws-sdk-rust's crate-level `Error`).
pub(crate) fn emit_service_error(cx: &Cx) -> TokenStream {
    let rt = Rt::root();
    let api = Rt::api();
    let types = Rt::types();
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
    let paths: Vec<_> = errs.iter().map(|s| cx.named_path(&s.id)).collect();
    let vdocs = errs
        .iter()
        .map(|s| doc(&s.docs, &format!("The `{}` error.", s.name)));
    let froms = cx.service.operations.iter().map(|op| {
        let module = ident(&op.rust_name);
        let error = ident(&op.names.error);
        let arms = op.errors.iter().filter_map(|id| cx.structure(id)).map(|s| {
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

            impl<R> ::std::convert::From<#api::client::result::SdkError<crate::operation::#module::#error, R>> for Error
            where
                R: ::std::fmt::Debug + ::std::marker::Send + ::std::marker::Sync + 'static,
            {
                fn from(err: #api::client::result::SdkError<crate::operation::#module::#error, R>) -> Self {
                    #rt::error::from_sdk_error(err, Self::from, Self::Unhandled)
                }
            }
        }
    });
    quote! {
        /// Every error of the service's operations, for code that calls
        /// several of them and propagates errors with `?`.
        #[non_exhaustive]
        #[derive(Debug)]
        pub enum Error {
            #( #vdocs #variants(#paths), )*
            /// An error the model does not describe (or a failure before the
            /// service answered); its code, message and request id are kept.
            Unhandled(#rt::error::Unhandled),
        }

        #(#froms)*

        impl ::std::convert::From<#types::error::operation::BuildError> for Error {
            fn from(err: #types::error::operation::BuildError) -> Self {
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

        impl #types::error::metadata::ProvideErrorMetadata for Error {
            fn meta(&self) -> &#types::error::ErrorMetadata {
                match self {
                    #( Self::#variants(e) => #types::error::metadata::ProvideErrorMetadata::meta(e), )*
                    Self::Unhandled(e) => #types::error::metadata::ProvideErrorMetadata::meta(e),
                }
            }
        }

        impl #rt::RequestId for Error {
            fn request_id(&self) -> ::std::option::Option<&str> {
                #rt::error::request_id(#types::error::metadata::ProvideErrorMetadata::meta(self))
            }
        }
    }
}
