//! The model's `smithy.rules#endpointTests` cases as Rust tests: each case's
//! parameters are evaluated with the service's rule set by the runtime's
//! interpreter (on its embedded AWS partitions) and the result compared
//! with the case's expectation (`rt::endpoint::check_case`). The rule set
//! is the one of `SERVICE` (read once); the cases are embedded as the model
//! states them (JSON text).

use super::common::{module_body, Rt};
use super::cx::Cx;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `#[cfg(test)] mod endpoint_tests`, with one `endpoint_case_<n>` test per
/// case (`n` from 0, in model order) and one that the rule set reads; empty
/// where the service has no rule set.
pub(crate) fn emit_endpoint_tests(cx: &Cx) -> TokenStream {
    let Some(rules) = &cx.service.endpoint_rules else {
        return TokenStream::new();
    };
    let rt = Rt::path();
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
    let body = module_body(quote! {
        /// The service's rule set (`SERVICE.rules`), read once.
        fn rules() -> &'static #rt::endpoint::RuleSet {
            match crate::SERVICE.rules.as_ref().map(#rt::client::Rules::rule_set) {
                Some(Ok(rules)) => rules,
                Some(Err(e)) => panic!("{e}"),
                None => panic!("the service has no endpoint rules"),
            }
        }

        /// Evaluates a case's parameters and compares the result with its
        /// expectation (both JSON objects).
        fn check(params: &str, expect: &str) {
            if let Err(e) = #rt::endpoint::check_case(rules(), params, expect) {
                panic!("{e}\n  params: {params}\n  expect: {expect}");
            }
        }

        /// The rule set reads.
        #[test]
        fn endpoint_rule_set_reads() {
            rules();
        }

        #(#cases)*
    });
    quote! {
        /// The model's endpoint rule set test cases (`smithy.rules#endpointTests`).
        #[cfg(test)]
        mod endpoint_tests {
            #body
        }
    }
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
