//! The model's `smithy.rules#endpointTests` cases as Rust tests: each case's
//! parameters are evaluated with the service's rule set by the runtime's
//! interpreter (on its embedded AWS partitions) and the result compared
//! with the case's expectation (`rt::endpoint::check_case`). The rule set
//! and the cases are embedded as the model states them (JSON text).

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
    // Pretty-printed, so that the generated source is readable; the text
    // was read from the model as JSON, so it is JSON.
    let rule_set = serde_json::from_str::<serde_json::Value>(&rules.rule_set)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| rules.rule_set.clone());
    let rule_set = raw_str(&rule_set);
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
        /// The service's endpoint rule set, as the model states it.
        const RULE_SET: &str = #rule_set;

        /// [`RULE_SET`], read once.
        static RULES: ::std::sync::LazyLock<#rt::endpoint::RuleSet> =
            ::std::sync::LazyLock::new(|| {
                #rt::endpoint::RuleSet::from_json(RULE_SET).unwrap_or_else(|e| {
                    panic!("the model's endpoint rule set cannot be used: {e}")
                })
            });

        /// Evaluates a case's parameters and compares the result with its
        /// expectation (both JSON objects).
        fn check(params: &str, expect: &str) {
            if let Err(e) = #rt::endpoint::check_case(&RULES, params, expect) {
                panic!("{e}\n  params: {params}\n  expect: {expect}");
            }
        }

        /// The rule set reads.
        #[test]
        fn endpoint_rule_set_reads() {
            ::std::sync::LazyLock::force(&RULES);
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

/// `text` as a raw string literal (`r#"..."#`, with as many `#` as needed).
fn raw_str(text: &str) -> TokenStream {
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
