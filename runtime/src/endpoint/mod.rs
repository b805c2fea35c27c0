//! Endpoint resolution by the model's rule set, evaluated at run time.
//!
//! A service's `smithy.rules#endpointRuleSet` trait (rules language 1.0) is
//! read once into a [`RuleSet`], then [`evaluate`]d for each request with
//! the [`Params`] of that request; the [standard library](stdlib) and the
//! AWS partitions ([`Partitions`], embedded or supplied) are what the rules
//! call. [`RulesResolver`] plugs this into the smithy-rs orchestrator as its
//! `ResolveEndpoint`:
//!
//! ```
//! use sdkgen_runtime::endpoint::{BuiltIns, Params, RuleSet, RulesResolver};
//! use std::sync::Arc;
//!
//! let rules = RuleSet::from_json(r#"{
//!     "version": "1.0",
//!     "parameters": {"Region": {"type": "String", "builtIn": "AWS::Region", "required": true}},
//!     "rules": [{
//!         "type": "endpoint",
//!         "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
//!         "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}"}
//!     }]
//! }"#)?;
//! let resolver = RulesResolver::new(Arc::new(rules), BuiltIns::new().region("cn-north-1"));
//! let endpoint = resolver.resolve(&Params::new()).expect("resolves");
//! assert_eq!(endpoint.url(), "https://svc.cn-north-1.amazonaws.com.cn");
//! # Ok::<(), sdkgen_runtime::endpoint::Error>(())
//! ```

mod case;
mod eval;
mod expr;
mod partitions;
mod resolver;
mod ruleset;
pub mod stdlib;
mod value;

pub use aws_smithy_runtime_api::client::endpoint::{EndpointFuture, SharedEndpointResolver};
pub use aws_smithy_types::endpoint::Endpoint;
pub use case::{
    case_partitions, check_case, check_case_json, check_case_resolver, check_case_with,
};
pub use partitions::{PartitionOutputs, Partitions};
pub use resolver::{BuiltIns, ResolveEndpoint, RulesResolver, ServiceResolver};
pub use ruleset::{Parameter, ParameterType, RuleSet};
pub use value::Value;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// A rule set or partitions document that cannot be used, located by its
/// JSON path (`rules[3].conditions[0]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    path: String,
    message: String,
}

impl Error {
    pub(crate) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Where in the document (empty for the whole of it).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Parameter values by parameter name: what an operation sets (its
/// `staticContextParams` and `contextParams`), or, for [`evaluate`], every
/// value. Names the rule set does not declare are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    values: HashMap<String, Value>,
}

impl Params {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`.
    pub fn set(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.insert(name, value);
        self
    }

    /// Sets `name` to `value`.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        self.values.insert(name.into(), value.into());
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// Every value, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The string value of `name`, if set and a string.
    pub fn get_str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    /// The boolean value of `name`, if set and a boolean.
    pub fn get_bool(&self, name: &str) -> Option<bool> {
        self.get(name).and_then(Value::as_bool)
    }

    /// The region (the `Region` parameter, bound to `AWS::Region` in AWS
    /// rule sets), as aws-sdk-rust's `Params::region`.
    pub fn region(&self) -> Option<&str> {
        self.get_str("Region")
    }

    /// Whether FIPS endpoints are asked for (`UseFIPS`).
    pub fn use_fips(&self) -> Option<bool> {
        self.get_bool("UseFIPS")
    }

    /// Whether dual-stack endpoints are asked for (`UseDualStack`).
    pub fn use_dual_stack(&self) -> Option<bool> {
        self.get_bool("UseDualStack")
    }

    /// The endpoint URL override (`Endpoint`, bound to `SDK::Endpoint`).
    pub fn endpoint(&self) -> Option<&str> {
        self.get_str("Endpoint")
    }
}

impl Extend<(String, Value)> for Params {
    fn extend<T: IntoIterator<Item = (String, Value)>>(&mut self, iter: T) {
        self.values.extend(iter);
    }
}

impl From<HashMap<String, Value>> for Params {
    fn from(values: HashMap<String, Value>) -> Self {
        Self { values }
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Params {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        Self {
            values: iter
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }
}

/// The endpoint a rule set resolved.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct ResolvedEndpoint {
    /// The URL.
    pub url: String,
    /// Headers to send, each with its values in order.
    pub headers: BTreeMap<String, Vec<String>>,
    /// Properties: `authSchemes` (a list of records with `name`,
    /// `signingName`, `signingRegion`, `signingRegionSet`,
    /// `disableDoubleEncoding`), and whatever else the rules set.
    pub properties: BTreeMap<String, Value>,
}

impl ResolvedEndpoint {
    /// The smithy-rs endpoint: URL, headers, and properties as
    /// [`Document`](aws_smithy_types::Document)s (where the SigV4 signer
    /// finds `authSchemes`, as in aws-sdk-rust). `None` for an empty URL,
    /// which smithy-rs's endpoint builder refuses.
    pub fn to_endpoint(&self) -> Option<aws_smithy_types::endpoint::Endpoint> {
        if self.url.is_empty() {
            return None;
        }
        let mut builder = aws_smithy_types::endpoint::Endpoint::builder().url(self.url.clone());
        for (name, values) in &self.headers {
            for value in values {
                builder = builder.header(name.clone(), value.clone());
            }
        }
        for (name, value) in &self.properties {
            builder = builder.property(name.clone(), aws_smithy_types::Document::from(value));
        }
        Some(builder.build())
    }
}

/// Evaluates `rule_set` with `params`, on the embedded AWS partitions.
///
/// Defaults apply to parameters `params` does not set; a required parameter
/// left unset, a value of the wrong type, an `error` rule (its message) or
/// no matching rule are errors.
pub fn evaluate(rule_set: &RuleSet, params: &Params) -> Result<ResolvedEndpoint, String> {
    evaluate_with(rule_set, params, Partitions::aws())
}

/// [`evaluate`] on the given partitions.
pub fn evaluate_with(
    rule_set: &RuleSet,
    params: &Params,
    partitions: &Partitions,
) -> Result<ResolvedEndpoint, String> {
    eval::run(rule_set, partitions, |_, p| params.get(&p.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{
      "version": "1.0",
      "parameters": {
        "Region": {"type": "String", "builtIn": "AWS::Region"},
        "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
        "Endpoint": {"type": "String", "builtIn": "SDK::Endpoint"},
        "Tags": {"type": "StringArray"}
      },
      "rules": [
        {"type": "endpoint",
         "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]},
                        {"fn": "parseURL", "argv": [{"ref": "Endpoint"}], "assign": "url"}],
         "endpoint": {"url": "{url#scheme}://{url#authority}{url#normalizedPath}x",
                      "headers": {"x-tag": ["{Region}", "b"]}}},
        {"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}],
         "error": "bad endpoint {Endpoint}"},
        {"type": "tree",
         "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]},
                        {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}],
         "rules": [
           {"type": "endpoint",
            "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                           {"fn": "booleanEquals", "argv": [true, {"fn": "getAttr", "argv": [{"ref": "P"}, "supportsFIPS"]}]}],
            "endpoint": {"url": "https://svc-fips.{Region}.{P#dnsSuffix}",
                         "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}", "signingName": "svc"}]}}},
           {"type": "endpoint",
            "conditions": [{"fn": "isSet", "argv": [{"ref": "Tags"}]},
                           {"fn": "getAttr", "argv": [{"ref": "Tags"}, "[1]"], "assign": "second"}],
            "endpoint": {"url": "https://{second}.{P#name}"}},
           {"type": "error", "conditions": [{"fn": "stringEquals", "argv": [{"ref": "Region"}, "none"]}],
            "error": "no {{braces}} here"}
         ]},
        {"type": "error", "conditions": [], "error": "Region missing"}
      ]
    }"#;

    fn run(params: Params) -> Result<ResolvedEndpoint, String> {
        evaluate(&RuleSet::from_json(RULES).unwrap(), &params)
    }

    #[test]
    fn endpoints_and_errors() {
        let e = run(Params::new()
            .set("Region", "us-west-2")
            .set("UseFIPS", true))
        .unwrap();
        assert_eq!(e.url, "https://svc-fips.us-west-2.amazonaws.com");
        assert_eq!(
            e.properties["authSchemes"].to_json(),
            serde_json::json!([{"name": "sigv4", "signingRegion": "us-west-2", "signingName": "svc"}])
        );
        let e = run(Params::new()
            .set("Region", "cn-north-1")
            .set("Tags", vec!["a".to_owned(), "b".to_owned()]))
        .unwrap();
        assert_eq!(e.url, "https://b.aws-cn");
        let e = run(Params::new()
            .set("Endpoint", "http://h:1/p")
            .set("Region", "r"))
        .unwrap();
        assert_eq!(e.url, "http://h:1/p/x");
        assert_eq!(e.headers["x-tag"], ["r", "b"]);
        assert_eq!(
            run(Params::new().set("Endpoint", "nope")),
            Err("bad endpoint nope".into())
        );
        assert_eq!(run(Params::new()), Err("Region missing".into()));
        assert_eq!(
            run(Params::new().set("Region", "none")),
            Err("no {braces} here".into())
        );
        // A tree that matched but none of whose rules did is an error.
        let e = run(Params::new().set("Region", "us-east-1")).unwrap_err();
        assert!(e.contains("no endpoint rule matched"), "{e}");
        let e = run(Params::new().set("UseFIPS", "yes")).unwrap_err();
        assert!(e.contains("`UseFIPS` must be a Boolean"), "{e}");
    }

    #[test]
    fn required_parameters() {
        let rules = RuleSet::from_json(
            r#"{"version":"1.0","parameters":{"R":{"type":"String","required":true}},
                "rules":[{"type":"endpoint","conditions":[],"endpoint":{"url":"https://{R}"}}]}"#,
        )
        .unwrap();
        let e = evaluate(&rules, &Params::new()).unwrap_err();
        assert!(e.contains("`R` is required"), "{e}");
        assert_eq!(
            evaluate(&rules, &Params::new().set("R", "x")).unwrap().url,
            "https://x"
        );
    }

    #[test]
    fn custom_partitions() {
        let parts = Partitions::from_json(
            r#"{"partitions":[{"id":"aws","regionRegex":"^x$","outputs":{"name":"aws",
                "dnsSuffix":"example.org","dualStackDnsSuffix":"ds.example.org",
                "supportsFIPS":false,"supportsDualStack":false,"implicitGlobalRegion":"x"}}]}"#,
        )
        .unwrap();
        let rules = RuleSet::from_json(RULES).unwrap();
        let params = Params::new().set("Region", "none");
        assert!(evaluate_with(&rules, &params, &parts).is_err());
        let params = Params::new()
            .set("Region", "x")
            .set("Tags", vec!["a".to_owned(), "b".to_owned()]);
        assert_eq!(
            evaluate_with(&rules, &params, &parts).unwrap().url,
            "https://b.aws"
        );
    }

    #[test]
    fn to_endpoint() {
        let e = run(Params::new()
            .set("Region", "us-west-2")
            .set("UseFIPS", true))
        .unwrap();
        let endpoint = e.to_endpoint().unwrap();
        assert_eq!(endpoint.url(), "https://svc-fips.us-west-2.amazonaws.com");
        let schemes = endpoint.properties()["authSchemes"].as_array().unwrap();
        let scheme = schemes[0].as_object().unwrap();
        assert_eq!(scheme["name"].as_string(), Some("sigv4"));
        assert!(ResolvedEndpoint::default().to_endpoint().is_none());
    }
}
