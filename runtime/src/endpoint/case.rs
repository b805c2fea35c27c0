//! One `smithy.rules#endpointTests` case, checked: its `params` evaluated
//! with a rule set, the result compared with its `expect`.
//!
//! The expectation is `{"endpoint": {"url", "headers"?, "properties"?}}` or
//! `{"error": "message"}`. An endpoint matches when its URL is the same,
//! each header has the same values in the same order (and no header is
//! missing or extra), and its properties are the same as JSON values (an
//! absent `headers` or `properties` is empty). An error matches when its
//! message is the same.

use super::{evaluate_with, Params, Partitions, ResolveEndpoint, ResolvedEndpoint, RuleSet, Value};
use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;

/// Checks a case, on the embedded AWS partitions: `params_json` is the
/// case's `params` object (parameter name to value; `null` or `{}` for
/// none), `expect_json` its `expect` object. `Err` says what differed.
///
/// ```
/// use sdkgen_runtime::endpoint::{check_case, RuleSet};
///
/// let rules = RuleSet::from_json(r#"{"version": "1.0",
///     "parameters": {"Region": {"type": "String"}},
///     "rules": [{"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
///                "endpoint": {"url": "https://svc.{Region}.example"}},
///               {"type": "error", "conditions": [], "error": "no region"}]}"#)?;
/// check_case(&rules, r#"{"Region": "x"}"#, r#"{"endpoint": {"url": "https://svc.x.example"}}"#)
///     .expect("passes");
/// check_case(&rules, "{}", r#"{"error": "no region"}"#).expect("passes");
/// let e = check_case(&rules, r#"{"Region": "y"}"#, r#"{"endpoint": {"url": "https://svc.x.example"}}"#)
///     .unwrap_err();
/// assert!(e.contains("url: expected \"https://svc.x.example\", got \"https://svc.y.example\""), "{e}");
/// # Ok::<(), sdkgen_runtime::endpoint::Error>(())
/// ```
pub fn check_case(rule_set: &RuleSet, params_json: &str, expect_json: &str) -> Result<(), String> {
    check_case_with(rule_set, params_json, expect_json, Partitions::aws())
}

/// [`check_case`] on the given partitions.
pub fn check_case_with(
    rule_set: &RuleSet,
    params_json: &str,
    expect_json: &str,
    partitions: &Partitions,
) -> Result<(), String> {
    let params: Json = serde_json::from_str(params_json)
        .map_err(|e| format!("the case's params are not JSON: {e}"))?;
    let expect: Json = serde_json::from_str(expect_json)
        .map_err(|e| format!("the case's expect is not JSON: {e}"))?;
    check_case_json(rule_set, &params, &expect, partitions)
}

/// Checks a case through an endpoint resolver, as a client would call it:
/// the case's `params` are given to `resolver` (the generated crate's
/// `config::endpoint::DefaultResolver`, say), and the endpoint it returns
/// (URL, headers, properties) or its error message compared with `expect`.
/// The resolver's future must be ready at once, as the rules' is.
pub fn check_case_resolver(
    resolver: &dyn ResolveEndpoint,
    params_json: &str,
    expect_json: &str,
) -> Result<(), String> {
    let params: Json = serde_json::from_str(params_json)
        .map_err(|e| format!("the case's params are not JSON: {e}"))?;
    let expect: Json = serde_json::from_str(expect_json)
        .map_err(|e| format!("the case's expect is not JSON: {e}"))?;
    let params = params_from_json(&params)?;
    let future = resolver.resolve_endpoint(&params);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let result = match std::pin::pin!(future).poll(&mut cx) {
        std::task::Poll::Ready(result) => result,
        std::task::Poll::Pending => return Err("the resolver's future was not ready".to_owned()),
    };
    let result = match result {
        Ok(endpoint) => resolved_from_endpoint(&endpoint).map(Ok)?,
        Err(e) => Err(e.to_string()),
    };
    compare(result, &expect)
}

/// A smithy-rs endpoint as the rules' result, to compare.
fn resolved_from_endpoint(
    endpoint: &aws_smithy_types::endpoint::Endpoint,
) -> Result<ResolvedEndpoint, String> {
    let mut resolved = ResolvedEndpoint {
        url: endpoint.url().to_owned(),
        ..Default::default()
    };
    for (name, values) in endpoint.headers() {
        resolved
            .headers
            .insert(name.to_owned(), values.map(str::to_owned).collect());
    }
    for (name, value) in endpoint.properties() {
        if let Some(value) =
            Value::from_document(value).map_err(|e| format!("property `{name}`: {e}"))?
        {
            resolved.properties.insert(name.to_string(), value);
        }
    }
    Ok(resolved)
}

/// [`check_case_with`] on JSON values already read.
pub fn check_case_json(
    rule_set: &RuleSet,
    params: &Json,
    expect: &Json,
    partitions: &Partitions,
) -> Result<(), String> {
    let params = params_from_json(params)?;
    compare(evaluate_with(rule_set, &params, partitions), expect)
}

/// Compares a resolution's result with a case's `expect`.
fn compare(result: Result<ResolvedEndpoint, String>, expect: &Json) -> Result<(), String> {
    if let Some(message) = expect.get("error") {
        let Some(message) = message.as_str() else {
            return Err(format!("the expected error is not a string: {message}"));
        };
        return match result {
            Err(got) if got == message => Ok(()),
            Err(got) => Err(format!("expected error {message:?}, got error {got:?}")),
            Ok(e) => Err(format!(
                "expected error {message:?}, got endpoint {:?}",
                e.url
            )),
        };
    }
    let Some(want) = expect.get("endpoint") else {
        return Err(format!(
            "the expectation has neither `endpoint` nor `error`: {expect}"
        ));
    };
    let Some(want_url) = want.get("url").and_then(Json::as_str) else {
        return Err(format!("the expected endpoint has no string `url`: {want}"));
    };
    let got = result.map_err(|e| format!("expected endpoint {want_url:?}, got error {e:?}"))?;
    let mut problems = Vec::new();
    if got.url != want_url {
        problems.push(format!("url: expected {want_url:?}, got {:?}", got.url));
    }
    compare_headers(want, &got, &mut problems)?;
    compare_properties(want, &got, &mut problems)?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// A case's `params` object as [`Params`]: `null` values are unset.
fn params_from_json(params: &Json) -> Result<Params, String> {
    let map = match params {
        Json::Null => return Ok(Params::new()),
        Json::Object(map) => map,
        other => return Err(format!("the case's params are not an object: {other}")),
    };
    let mut out = Params::new();
    for (name, value) in map {
        match Value::from_json(value) {
            Ok(Some(v)) => out.insert(name.clone(), v),
            Ok(None) => {}
            Err(e) => return Err(format!("parameter `{name}`: {e}")),
        }
    }
    Ok(out)
}

fn compare_headers(
    want: &Json,
    got: &ResolvedEndpoint,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    let want: BTreeMap<String, Vec<String>> = match want.get("headers") {
        None | Some(Json::Null) => BTreeMap::new(),
        Some(h) => serde_json::from_value(h.clone())
            .map_err(|e| format!("the expected headers are not an object of string lists: {e}"))?,
    };
    let names: BTreeSet<&String> = want.keys().chain(got.headers.keys()).collect();
    for name in names {
        match (want.get(name), got.headers.get(name)) {
            (Some(w), Some(g)) if w == g => {}
            (Some(w), Some(g)) => {
                problems.push(format!("header `{name}`: expected {w:?}, got {g:?}"))
            }
            (Some(w), None) => problems.push(format!("header `{name}`: expected {w:?}, got none")),
            (None, Some(g)) => problems.push(format!("header `{name}`: expected none, got {g:?}")),
            (None, None) => {}
        }
    }
    Ok(())
}

fn compare_properties(
    want: &Json,
    got: &ResolvedEndpoint,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    let empty = serde_json::Map::new();
    let want = match want.get("properties") {
        None | Some(Json::Null) => &empty,
        Some(Json::Object(p)) => p,
        Some(other) => {
            return Err(format!(
                "the expected properties are not an object: {other}"
            ))
        }
    };
    let got: serde_json::Map<String, Json> = got
        .properties
        .iter()
        .map(|(k, v)| (k.clone(), v.to_json()))
        .collect();
    let names: BTreeSet<&String> = want.keys().chain(got.keys()).collect();
    for name in names {
        match (want.get(name), got.get(name)) {
            (Some(w), Some(g)) if w == g => {}
            (Some(w), Some(g)) => {
                problems.push(format!("property `{name}`: expected {w}, got {g}"))
            }
            (Some(w), None) => problems.push(format!("property `{name}`: expected {w}, got none")),
            (None, Some(g)) => problems.push(format!("property `{name}`: expected none, got {g}")),
            (None, None) => {}
        }
    }
    Ok(())
}

/// The partitions a generated crate's endpoint cases run on, where the
/// `SDKGEN_ENDPOINT_PARTITIONS` variable names a partitions file (those an
/// older model's cases were written against); `None` where it is unset.
/// Panics, naming the file, where it cannot be read: these are tests.
pub fn case_partitions() -> Option<Partitions> {
    let path = std::env::var_os("SDKGEN_ENDPOINT_PARTITIONS")?;
    let shown = path.to_string_lossy().into_owned();
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("SDKGEN_ENDPOINT_PARTITIONS={shown}: {e}"));
    Some(
        Partitions::from_json(&text)
            .unwrap_or_else(|e| panic!("SDKGEN_ENDPOINT_PARTITIONS={shown}: {e}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{
      "version": "1.0",
      "parameters": {
        "Region": {"type": "String", "builtIn": "AWS::Region"},
        "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false}
      },
      "rules": [
        {"type": "endpoint",
         "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]},
                        {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"},
                        {"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
         "endpoint": {"url": "https://svc-fips.{Region}.{P#dnsSuffix}",
                      "headers": {"x-a": ["1", "2"]},
                      "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "{Region}"}]}}},
        {"type": "endpoint",
         "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}],
         "endpoint": {"url": "https://svc.{Region}.example"}},
        {"type": "error", "conditions": [], "error": "Invalid Configuration: Missing Region"}
      ]
    }"#;

    fn check(params: &str, expect: &str) -> Result<(), String> {
        check_case(&RuleSet::from_json(RULES).unwrap(), params, expect)
    }

    const FIPS: &str = r#"{"Region": "us-east-1", "UseFIPS": true}"#;

    #[test]
    fn passing_cases() {
        check(
            r#"{"Region": "eu-west-1"}"#,
            r#"{"endpoint": {"url": "https://svc.eu-west-1.example"}}"#,
        )
        .unwrap();
        // Absent and empty headers and properties are the same.
        check(
            r#"{"Region": "eu-west-1", "UseFIPS": false}"#,
            r#"{"endpoint": {"url": "https://svc.eu-west-1.example", "headers": {}, "properties": {}}}"#,
        )
        .unwrap();
        check(
            FIPS,
            r#"{"endpoint": {"url": "https://svc-fips.us-east-1.amazonaws.com",
                "headers": {"x-a": ["1", "2"]},
                "properties": {"authSchemes": [{"signingRegion": "us-east-1", "name": "sigv4", "signingName": "svc"}]}}}"#,
        )
        .unwrap();
        check(
            "{}",
            r#"{"error": "Invalid Configuration: Missing Region"}"#,
        )
        .unwrap();
        check(
            "null",
            r#"{"error": "Invalid Configuration: Missing Region"}"#,
        )
        .unwrap();
        // A null parameter is unset.
        check(
            r#"{"Region": null}"#,
            r#"{"error": "Invalid Configuration: Missing Region"}"#,
        )
        .unwrap();
    }

    #[test]
    fn url_and_outcome_differences() {
        let e = check(
            r#"{"Region": "eu-west-1"}"#,
            r#"{"endpoint": {"url": "https://svc.eu-west-2.example"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            r#"url: expected "https://svc.eu-west-2.example", got "https://svc.eu-west-1.example""#
        );
        let e = check("{}", r#"{"endpoint": {"url": "https://x"}}"#).unwrap_err();
        assert_eq!(
            e,
            r#"expected endpoint "https://x", got error "Invalid Configuration: Missing Region""#
        );
        let e = check(r#"{"Region": "r"}"#, r#"{"error": "boom"}"#).unwrap_err();
        assert_eq!(
            e,
            r#"expected error "boom", got endpoint "https://svc.r.example""#
        );
        let e = check("{}", r#"{"error": "Missing Region"}"#).unwrap_err();
        assert_eq!(
            e,
            r#"expected error "Missing Region", got error "Invalid Configuration: Missing Region""#
        );
    }

    #[test]
    fn header_differences() {
        let url = "https://svc-fips.us-east-1.amazonaws.com";
        let props = r#"{"authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "us-east-1"}]}"#;
        let expect = |headers: &str| {
            format!(
                r#"{{"endpoint": {{"url": "{url}", "headers": {headers}, "properties": {props}}}}}"#
            )
        };
        let e = check(FIPS, &expect(r#"{"x-a": ["2", "1"]}"#)).unwrap_err();
        assert_eq!(e, r#"header `x-a`: expected ["2", "1"], got ["1", "2"]"#);
        let e = check(FIPS, &expect(r#"{"x-a": ["1", "2"], "x-b": ["3"]}"#)).unwrap_err();
        assert_eq!(e, r#"header `x-b`: expected ["3"], got none"#);
        let e = check(FIPS, &expect("{}")).unwrap_err();
        assert_eq!(e, r#"header `x-a`: expected none, got ["1", "2"]"#);
        let e = check(FIPS, &expect(r#"{"x-a": "1"}"#)).unwrap_err();
        assert!(e.starts_with("the expected headers are not"), "{e}");
    }

    #[test]
    fn property_differences() {
        let e = check(
            FIPS,
            r#"{"endpoint": {"url": "https://svc-fips.us-east-1.amazonaws.com",
                "headers": {"x-a": ["1", "2"]},
                "properties": {"authSchemes": [{"name": "sigv4", "signingName": "other", "signingRegion": "us-east-1"}],
                               "extra": true}}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e,
            "property `authSchemes`: expected [{\"name\":\"sigv4\",\"signingName\":\"other\",\"signingRegion\":\"us-east-1\"}], \
             got [{\"name\":\"sigv4\",\"signingName\":\"svc\",\"signingRegion\":\"us-east-1\"}]; \
             property `extra`: expected true, got none"
        );
        // Several differences are all reported.
        let e = check(FIPS, r#"{"endpoint": {"url": "https://elsewhere"}}"#).unwrap_err();
        assert!(e.starts_with("url: expected \"https://elsewhere\""), "{e}");
        assert!(e.contains("header `x-a`: expected none"), "{e}");
        assert!(e.contains("property `authSchemes`: expected none"), "{e}");
    }

    #[test]
    fn malformed_cases() {
        let e = check("[1]", r#"{"error": "x"}"#).unwrap_err();
        assert!(e.contains("params are not an object"), "{e}");
        let e = check("{", r#"{"error": "x"}"#).unwrap_err();
        assert!(e.contains("params are not JSON"), "{e}");
        let e = check("{}", "{").unwrap_err();
        assert!(e.contains("expect is not JSON"), "{e}");
        let e = check("{}", "{}").unwrap_err();
        assert!(e.contains("neither `endpoint` nor `error`"), "{e}");
        let e = check("{}", r#"{"endpoint": {}}"#).unwrap_err();
        assert!(e.contains("no string `url`"), "{e}");
        let e = check("{}", r#"{"error": 3}"#).unwrap_err();
        assert!(e.contains("not a string"), "{e}");
        let e = check(r#"{"Region": 1.5}"#, r#"{"error": "x"}"#).unwrap_err();
        assert!(e.starts_with("parameter `Region`"), "{e}");
        let e = check(r#"{"UseFIPS": "yes"}"#, r#"{"error": "x"}"#).unwrap_err();
        assert!(e.contains("`UseFIPS` must be a Boolean"), "{e}");
    }

    #[test]
    fn other_partitions() {
        let parts = Partitions::from_json(
            r#"{"partitions":[{"id":"aws","regionRegex":"^x$","outputs":{"name":"aws",
                "dnsSuffix":"example.org","dualStackDnsSuffix":"ds.example.org",
                "supportsFIPS":true,"supportsDualStack":false,"implicitGlobalRegion":"x"}}]}"#,
        )
        .unwrap();
        let rules = RuleSet::from_json(RULES).unwrap();
        check_case_with(
            &rules,
            r#"{"Region": "x", "UseFIPS": true}"#,
            r#"{"endpoint": {"url": "https://svc-fips.x.example.org", "headers": {"x-a": ["1", "2"]},
                "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "x"}]}}}"#,
            &parts,
        )
        .unwrap();
    }
}
