//! The model's `smithy.rules#endpointTests` cases as Rust tests: each case's
//! parameters are given to the crate's `config::endpoint::DefaultResolver`
//! (the service's rule set, interpreted by the runtime on its embedded AWS
//! partitions), and the endpoint it returns (URL, headers, properties) or
//! its error compared with the case's expectation
//! (`check_case_resolver`). The cases are embedded as the model states
//! them (JSON text).

use super::common::{module_body, Rt};
use super::cx::Cx;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `#[cfg(test)] mod endpoint_tests` in the crate, with one
/// `endpoint_case_<n>` test per case (`n` from 0, in model order); empty
/// where the service has no rule set.
pub(crate) fn emit_endpoint_tests(cx: &Cx) -> TokenStream {
    let rt = Rt::path();
    let Some(cases) = cases(cx, quote!(crate::config::endpoint), quote!(#rt::endpoint)) else {
        return TokenStream::new();
    };
    let body = module_body(cases);
    quote! {
        /// The model's endpoint rule set test cases (`smithy.rules#endpointTests`).
        #[cfg(test)]
        mod endpoint_tests {
            #body
        }
    }
}

/// The same cases as the items of an integration test
/// (`tests/endpoints.rs`), through the crate's public API: the file names
/// the crate `sdk` (`use <crate> as sdk;` leads it).
pub(crate) fn emit_endpoint_test_file(cx: &Cx) -> TokenStream {
    cases(
        cx,
        quote!(sdk::config::endpoint),
        quote!(::sdkgen_runtime::endpoint),
    )
    .unwrap_or_default()
}

/// The harness and one test per case, or `None` without a rule set.
fn cases(cx: &Cx, module: TokenStream, rt_endpoint: TokenStream) -> Option<TokenStream> {
    let rules = cx.service.endpoint_rules.as_ref()?;
    let resolver = quote!(#module::DefaultResolver);
    let partitions = quote!(#rt_endpoint::case_partitions);
    let check_fn = quote!(#rt_endpoint::check_case_resolver);
    let cases = rules.tests.iter().enumerate().map(|(i, case)| {
        let name = format_ident!("endpoint_case_{}", i);
        let doc = if case.documentation.trim().is_empty() {
            format!(" Endpoint test case {i}.")
        } else {
            format!(" {}", case.documentation.trim())
        };
        let (params, expect) = (raw_str(&case.params), raw_str(&case.expect));
        quote! {
            #[doc = #doc]
            #[test]
            fn #name() {
                check(#params, #expect);
            }
        }
    });
    Some(quote! {
        /// The service's default resolver, on the partitions a
        /// `SDKGEN_ENDPOINT_PARTITIONS` file holds where that variable is
        /// set (those a model's cases were written against, where it is
        /// older than the embedded ones), else on the embedded ones.
        fn resolver() -> #resolver {
            match #partitions() {
                ::std::option::Option::Some(partitions) => #resolver::new().with_partitions(partitions),
                ::std::option::Option::None => #resolver::new(),
            }
        }

        /// Gives a case's parameters to the service's default resolver and
        /// compares the result with its expectation (both JSON objects).
        fn check(params: &str, expect: &str) {
            if let Err(e) = #check_fn(&resolver(), params, expect) {
                panic!("{e}\n  params: {params}\n  expect: {expect}");
            }
        }

        #(#cases)*
    })
}

/// A rule set's text pretty-printed, so that the generated source is
/// readable (the text was read from the model as JSON, so it is JSON).
pub(crate) fn pretty(rule_set: &str) -> String {
    serde_json::from_str::<serde_json::Value>(rule_set)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| rule_set.to_owned())
}

/// `text` as a raw string literal (`r#"..."#`, with as many `#` as needed).
pub(crate) fn raw_str(text: &str) -> TokenStream {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let hashes = "#".repeat(hashes);
    let literal = format!("r{hashes}\"{text}\"{hashes}");
    match literal.parse() {
        Ok(tokens) => tokens,
        // A raw string holds any text but a lone carriage return; an
        // ordinary literal holds that too.
        Err(_) => quote!(#text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_strings() {
        assert_eq!(raw_str("a").to_string(), "r#\"a\"#");
        assert_eq!(raw_str("\"#x").to_string(), "r##\"\"#x\"##");
        assert_eq!(raw_str("a\rb").to_string(), "\"a\\rb\"");
    }
}
