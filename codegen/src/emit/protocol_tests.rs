//! The model's own protocol compliance cases as Rust tests: each request
//! case builds its input from `params`, sends it through the real client
//! stack into a capturing HTTP client and checks what was sent; each
//! response case feeds the stated response to the operation's deserializer
//! and compares the result with `params`. Checks use aws-smithy-protocol-test,
//! as smithy-rs's generated tests do.

use super::common::{error_name, ident, module_body, Rt};
use super::cx::Cx;
use super::values::{structure_builder, structure_expr};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

/// `#[cfg(test)] mod protocol_tests` for every case of every operation.
pub(crate) fn emit_protocol_tests(cx: &Cx, harness: &syn::Path) -> TokenStream {
    let service = cx.service;
    let mut tests = Vec::new();
    let mut cases = Vec::new();
    for op in &service.operations {
        for t in &op.protocol_tests {
            let kind = match t.kind {
                TestKind::Request => "request",
                TestKind::Response => "response",
            };
            let name = ident(&t.rust_name);
            let case_fn = format_ident!("{}_case", name);
            let id = &t.id;
            let body = match t.kind {
                TestKind::Request => request_case(cx, op, t),
                TestKind::Response => response_case(cx, op, t),
            };
            let body = match body {
                Ok(b) => b,
                Err(why) => {
                    let why = format!("the generator cannot build this case: {why}");
                    quote!(Err(::std::string::String::from(#why)))
                }
            };
            cases.push(quote!((#kind, #id, #case_fn as fn() -> ::std::result::Result<(), ::std::string::String>)));
            tests.push(quote! {
                fn #case_fn() -> ::std::result::Result<(), ::std::string::String> {
                    #body
                }

                #[test]
                fn #name() {
                    #harness::check(#kind, #id, #case_fn);
                }
            });
        }
    }
    let body = module_body(quote! {
        /// A case: kind (`request` or `response`), id and the function
        /// that runs it.
        pub(crate) type Case = (&'static str, &'static str, fn() -> ::std::result::Result<(), ::std::string::String>);

        /// Every case.
        pub(crate) static CASES: &[Case] = &[#(#cases),*];

        #(#tests)*
    });
    quote! {
        /// The model's client protocol compliance cases.
        #[cfg(test)]
        pub(crate) mod protocol_tests {
            #body
        }
    }
}

/// The names and values of a case's `headers`.
fn headers(case: &Value) -> (Vec<String>, Vec<String>) {
    case.get("headers")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .unzip()
}

/// The strings of array `key` of a case.
fn strs(case: &Value, key: &str) -> Vec<String> {
    case.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// A request case: the input built from `params` is sent through the
/// client into a capturing HTTP client, and the request that arrived is
/// checked.
fn request_case(cx: &Cx, op: &Operation, t: &ProtocolTest) -> Result<TokenStream, String> {
    let case = &t.case;
    let module = ident(&op.rust_name);
    let input_ty = ident(&op.input.rust_name);
    let input = structure_expr(
        cx,
        &op.input,
        &quote!(crate::operation::#module::#input_ty),
        t.params.as_ref()?,
    );
    let host = case
        .get("host")
        .and_then(Value::as_str)
        .unwrap_or("example.com");
    let endpoint = format!("https://{host}");
    let method = case
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let uri = case.get("uri").and_then(Value::as_str).unwrap_or_default();
    let expected_path = uri.split('?').next().unwrap_or(uri);
    let resolved_host = resolved_host_check(case);
    let checks = request_checks(case);
    Ok(quote! {
        fn check(r: ::std::result::Result<(), ::aws_smithy_protocol_test::ProtocolTestFailure>) -> ::std::result::Result<(), ::std::string::String> {
            r.map_err(|e| e.to_string())
        }
        let input = #input;
        let (http, requests) = ::aws_smithy_http_client::test_util::capture_request(None);
        let config = crate::config::Config::builder()
            .region(crate::config::Region::new("us-east-1"))
            .credentials_provider(crate::config::Credentials::new("AKIDEXAMPLE", "SECRET", None, None, "protocol-test"))
            .endpoint_url(#endpoint)
            .http_client(http)
            .idempotency_token_provider(crate::config::IdempotencyTokenProvider::fixed("00000000-0000-4000-8000-000000000000"))
            .validation(false)
            .build();
        let client = crate::Client::from_conf(config);
        let runtime = ::tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
        // The captured response is an empty 200, which some outputs may not
        // accept: only the request matters here.
        let _ = runtime.block_on(client.handle.invoke(&crate::operation::#module::SPEC, input));
        let request = requests.expect_request();
        if request.method() != #method {
            return Err(format!("method: expected {}, got {}", #method, request.method()));
        }
        let path = request.uri().split("://").nth(1).and_then(|rest| rest.find('/').map(|i| &rest[i..])).unwrap_or("/");
        let path = path.split('?').next().unwrap_or(path);
        if path != #expected_path {
            return Err(format!("path: expected {}, got {}", #expected_path, path));
        }
        #resolved_host
        #checks
        Ok(())
    })
}

/// The check of the host a request was sent to, where the case states it.
fn resolved_host_check(case: &Value) -> Option<TokenStream> {
    let h = case.get("resolvedHost").and_then(Value::as_str)?;
    Some(quote! {
        let authority = request.uri().split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_default();
        if authority != #h {
            return Err(format!("host: expected {}, got {}", #h, authority));
        }
    })
}

/// The checks of a request's query, headers and body, by
/// aws-smithy-protocol-test.
fn request_checks(case: &Value) -> TokenStream {
    let query = strs(case, "queryParams");
    let forbid_query = strs(case, "forbidQueryParams");
    let require_query = strs(case, "requireQueryParams");
    let (hk, hv) = headers(case);
    let validate_headers = (!hk.is_empty()).then(|| {
        quote!(check(::aws_smithy_protocol_test::validate_headers(request.headers(), [#((#hk, #hv)),*]))?;)
    });
    let forbid_headers = strs(case, "forbidHeaders");
    let require_headers = strs(case, "requireHeaders");
    let body_check = body_check(case);
    quote! {
        check(::aws_smithy_protocol_test::validate_query_string(&request, &[#(#query),*]))?;
        check(::aws_smithy_protocol_test::forbid_query_params(&request, &[#(#forbid_query),*]))?;
        check(::aws_smithy_protocol_test::require_query_params(&request, &[#(#require_query),*]))?;
        #validate_headers
        check(::aws_smithy_protocol_test::forbid_headers(request.headers(), &[#(#forbid_headers),*]))?;
        check(::aws_smithy_protocol_test::require_headers(request.headers(), &[#(#require_headers),*]))?;
        #body_check
    }
}

/// The check of a request's body, where the case states one (an empty one
/// must be absent).
fn body_check(case: &Value) -> Option<TokenStream> {
    let body = case.get("body").and_then(Value::as_str)?;
    let media = case
        .get("bodyMediaType")
        .and_then(Value::as_str)
        .unwrap_or("application/octet-stream");
    Some(if body.is_empty() {
        quote! {
            let actual = request.body().bytes().unwrap_or_default();
            if !actual.is_empty() {
                return Err(format!("expected no body, got {:?}", ::std::string::String::from_utf8_lossy(actual)));
            }
        }
    } else {
        quote! {
            let actual = request.body().bytes().unwrap_or_default();
            check(::aws_smithy_protocol_test::validate_body(actual, #body, ::aws_smithy_protocol_test::MediaType::from(#media)))?;
        }
    })
}

/// A response case: the stated response is read by the operation and the
/// result compared with `params` (an output, or the stated error).
fn response_case(cx: &Cx, op: &Operation, t: &ProtocolTest) -> Result<TokenStream, String> {
    let params = t.params.as_ref()?;
    Ok(match &t.error {
        None if op.output.has_stream() => streaming_output_case(cx, op, &t.case, params),
        None => output_case(cx, op, &t.case, params),
        Some(err) => error_case(cx, op, &t.case, params, err)?,
    })
}

/// `let response = HttpResponse::new(..)` with the case's status, body and
/// headers; `mut` where headers are inserted or `mutable` asks for it.
fn http_response(case: &Value, mutable: bool) -> TokenStream {
    let rt = Rt::path();
    let code = case
        .get("code")
        .and_then(Value::as_u64)
        .and_then(|c| u16::try_from(c).ok())
        .unwrap_or(200);
    let body = case.get("body").and_then(Value::as_str).unwrap_or_default();
    let (hk, hv) = headers(case);
    let mut_response = (mutable || !hk.is_empty()).then(|| quote!(mut));
    quote! {
        let #mut_response response = #rt::HttpResponse::new(
            #rt::StatusCode::try_from(#code).map_err(|e| e.to_string())?,
            #rt::SdkBody::from(#body),
        );
        #( response.headers_mut().insert(#hk, #hv); )*
    }
}

/// The output the case expects, built from its `params`, with the request
/// id of `response` (which cases do not state, and outputs carry).
fn expected_output(cx: &Cx, op: &Operation, params: &crate::ir::Value) -> TokenStream {
    let rt = Rt::path();
    let module = ident(&op.rust_name);
    let output_ty = ident(&op.output.rust_name);
    let (builder, build) = structure_builder(
        cx,
        &op.output,
        &quote!(crate::operation::#module::#output_ty),
        params,
    );
    quote! {
        {
            let mut builder = #builder;
            builder._set_request_id(#rt::RequestId::request_id(response.headers()).map(::std::borrow::ToOwned::to_owned));
            builder #build
        }
    }
}

/// A streaming output is read as the runtime reads it (headers, then the
/// body taken unread) and compared member by member: a stream has no
/// `PartialEq`, so its bytes are compared.
fn streaming_output_case(
    cx: &Cx,
    op: &Operation,
    case: &Value,
    params: &crate::ir::Value,
) -> TokenStream {
    let module = ident(&op.rust_name);
    let output = expected_output(cx, op, params);
    let response = http_response(case, true);
    let compare = op.output.members.iter().map(|m| {
        let f = ident(&m.rust_name);
        let name = &m.name;
        if m.ty.is_stream() {
            quote! {
                let (a, e) = (
                    ::std::mem::take(&mut actual.#f).into_inner(),
                    ::std::mem::take(&mut expected.#f).into_inner(),
                );
                if a.bytes() != e.bytes() {
                    return Err(format!("{}: expected {:?}, got {:?}", #name, e.bytes(), a.bytes()));
                }
            }
        } else {
            quote! {
                if format!("{:?}", actual.#f) != format!("{:?}", expected.#f) {
                    return Err(format!("{}: expected {:?}, got {:?}", #name, expected.#f, actual.#f));
                }
            }
        }
    });
    quote! {
        #response
        let result = crate::operation::#module::SPEC
            .read_streaming(&mut response)
            .ok_or("a streaming success was not read as a stream")?;
        let mut expected = #output;
        let mut actual = result.map_err(|e| format!("expected {expected:?}, got the error {e:?}"))?;
        #(#compare)*
        Ok(())
    }
}

/// A buffered output, compared whole.
fn output_case(cx: &Cx, op: &Operation, case: &Value, params: &crate::ir::Value) -> TokenStream {
    let module = ident(&op.rust_name);
    let output = expected_output(cx, op, params);
    let response = http_response(case, false);
    quote! {
        #response
        let result = crate::operation::#module::SPEC.read_response(&response);
        let expected = #output;
        match result {
            Ok(actual) if actual == expected || format!("{actual:?}") == format!("{expected:?}") => Ok(()),
            Ok(actual) => Err(format!("expected {expected:?}, got {actual:?}")),
            Err(e) => Err(format!("expected {expected:?}, got the error {e:?}")),
        }
    }
}

/// A modeled error `err`, compared whole but for its metadata.
fn error_case(
    cx: &Cx,
    op: &Operation,
    case: &Value,
    params: &crate::ir::Value,
    err: &str,
) -> Result<TokenStream, String> {
    let module = ident(&op.rust_name);
    let s = cx.structure(err).ok_or("the error is not a structure")?;
    let path = cx.named_path(err);
    let expected = structure_expr(cx, s, &path, params);
    let error = error_name(op);
    let variant = ident(&s.rust_name);
    let response = http_response(case, false);
    // `ErrorCodeParams` state the code the error must report (a
    // query-compatible service's awsQuery code).
    let code = case
        .get("vendorParams")
        .filter(|_| {
            case.get("vendorParamsShape").and_then(Value::as_str)
                == Some("aws.protocoltests.config#ErrorCodeParams")
        })
        .and_then(|v| v.get("code"))
        .and_then(Value::as_str)
        .map(|code| {
            quote! {
                if actual.meta.code() != Some(#code) {
                    return Err(format!("expected the code {:?}, got {:?}", #code, actual.meta.code()));
                }
            }
        });
    Ok(quote! {
        #response
        let result = crate::operation::#module::SPEC.read_response(&response);
        let mut expected = #expected;
        match &result {
            Err(e) => match e.as_operation_error() {
                Some(crate::operation::#module::#error::#variant(actual)) => {
                    #code
                    expected.meta = actual.meta.clone();
                    if *actual == expected || format!("{actual:?}") == format!("{expected:?}") {
                        Ok(())
                    } else {
                        Err(format!("expected {expected:?}, got {actual:?}"))
                    }
                }
                Some(other) => Err(format!("expected {expected:?}, got the error {other:?}")),
                None => Err(format!("expected {expected:?}, got {e:?}")),
            },
            Ok(output) => Err(format!("expected {expected:?}, got the output {output:?}")),
        }
    })
}
