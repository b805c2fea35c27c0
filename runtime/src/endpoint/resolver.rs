//! The smithy-rs endpoint resolver over a rule set.

use super::partitions::Partitions;
use super::ruleset::RuleSet;
use super::value::Value;
use super::{eval, Params, ResolvedEndpoint};
use aws_smithy_runtime_api::client::endpoint::error::ResolveEndpointError;
use aws_smithy_runtime_api::client::endpoint::{
    EndpointFuture, EndpointResolverParams, ResolveEndpoint as SmithyResolveEndpoint,
    SharedEndpointResolver,
};
use aws_smithy_types::endpoint::Endpoint;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

/// The client's built-in values (`builtIn` of a rule set parameter) by
/// built-in name. A built-in no value is given for, or one this runtime does
/// not know, stays unset (its parameter's default applies).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BuiltIns {
    values: BTreeMap<String, Value>,
}

impl BuiltIns {
    /// `AWS::Region`.
    pub const REGION: &'static str = "AWS::Region";
    /// `AWS::UseFIPS`.
    pub const USE_FIPS: &'static str = "AWS::UseFIPS";
    /// `AWS::UseDualStack`.
    pub const USE_DUAL_STACK: &'static str = "AWS::UseDualStack";
    /// `SDK::Endpoint`: the endpoint URL override.
    pub const ENDPOINT: &'static str = "SDK::Endpoint";
    /// `AWS::Auth::AccountId`.
    pub const ACCOUNT_ID: &'static str = "AWS::Auth::AccountId";
    /// `AWS::Auth::AccountIdEndpointMode` (`preferred`, `disabled`, `required`).
    pub const ACCOUNT_ID_ENDPOINT_MODE: &'static str = "AWS::Auth::AccountIdEndpointMode";

    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// The region (`AWS::Region`).
    pub fn region(self, region: impl Into<String>) -> Self {
        self.set(Self::REGION, region.into())
    }

    /// Whether to use FIPS endpoints (`AWS::UseFIPS`).
    pub fn use_fips(self, use_fips: bool) -> Self {
        self.set(Self::USE_FIPS, use_fips)
    }

    /// Whether to use dual-stack endpoints (`AWS::UseDualStack`).
    pub fn use_dual_stack(self, use_dual_stack: bool) -> Self {
        self.set(Self::USE_DUAL_STACK, use_dual_stack)
    }

    /// The endpoint URL override (`SDK::Endpoint`).
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.set(Self::ENDPOINT, url.into())
    }

    /// The account id of the credentials (`AWS::Auth::AccountId`).
    pub fn account_id(self, account_id: impl Into<String>) -> Self {
        self.set(Self::ACCOUNT_ID, account_id.into())
    }

    /// How the account id is used (`AWS::Auth::AccountIdEndpointMode`).
    pub fn account_id_endpoint_mode(self, mode: impl Into<String>) -> Self {
        self.set(Self::ACCOUNT_ID_ENDPOINT_MODE, mode.into())
    }

    /// Any built-in by name (`AWS::S3::ForcePathStyle`, ...).
    pub fn set(mut self, built_in: impl Into<String>, value: impl Into<Value>) -> Self {
        self.values.insert(built_in.into(), value.into());
        self
    }

    /// The value of `built_in`.
    pub fn get(&self, built_in: &str) -> Option<&Value> {
        self.values.get(built_in)
    }
}

/// An endpoint resolver a user supplies (`Config::builder().endpoint_resolver(...)`),
/// as aws-sdk-rust's `config::endpoint::ResolveEndpoint`: it is given the
/// rule set's parameters of each request ([`Params`]: the configured
/// region, FIPS and dual-stack settings and endpoint URL by their
/// parameter names, and what the operation sets) and returns the endpoint,
/// whose `authSchemes` property, if any, the SigV4 signer honours.
///
/// ```
/// use sdkgen_runtime::endpoint::{Endpoint, EndpointFuture, Params, ResolveEndpoint};
///
/// #[derive(Debug)]
/// struct Stage(&'static str);
///
/// impl ResolveEndpoint for Stage {
///     fn resolve_endpoint<'a>(&'a self, params: &'a Params) -> EndpointFuture<'a> {
///         let region = params.region().unwrap_or("us-east-1");
///         let url = format!("https://{}.{region}.example.com", self.0);
///         EndpointFuture::ready(Ok(Endpoint::builder().url(url).build()))
///     }
/// }
/// let shared = Stage("beta").into_shared_resolver();
/// # let _ = shared;
/// ```
pub trait ResolveEndpoint: Send + Sync + fmt::Debug {
    /// The endpoint for `params`.
    fn resolve_endpoint<'a>(&'a self, params: &'a Params) -> EndpointFuture<'a>;

    /// This resolver as the smithy-rs runtime takes one: it reads the
    /// [`Params`] out of the runtime's [`EndpointResolverParams`].
    fn into_shared_resolver(self) -> SharedEndpointResolver
    where
        Self: Sized + 'static,
    {
        SharedEndpointResolver::new(DowncastParams(self))
    }
}

/// A [`ResolveEndpoint`] seen by the smithy-rs runtime.
#[derive(Debug)]
struct DowncastParams<T>(T);

impl<T: ResolveEndpoint> SmithyResolveEndpoint for DowncastParams<T> {
    fn resolve_endpoint<'a>(&'a self, params: &'a EndpointResolverParams) -> EndpointFuture<'a> {
        match params.get::<Params>() {
            Some(params) => self.0.resolve_endpoint(params),
            None => EndpointFuture::ready(Err(ResolveEndpointError::message(
                "endpoint parameters must be sdkgen_runtime::endpoint::Params",
            )
            .into())),
        }
    }
}

/// A smithy-rs `ResolveEndpoint` (and a [`ResolveEndpoint`]) that
/// evaluates a rule set.
///
/// It holds the client's configuration (built-ins and client context
/// parameters), bound to the rule set's parameters once, here; each request
/// brings the operation's values ([`Params`] in the
/// [`EndpointResolverParams`]: its `staticContextParams` and
/// `contextParams`), which take precedence over the configuration, which
/// takes precedence over the parameters' defaults.
///
/// ```
/// # use sdkgen_runtime::endpoint::{BuiltIns, Params, RuleSet, RulesResolver};
/// # use aws_smithy_runtime_api::client::endpoint::{EndpointResolverParams, SharedEndpointResolver};
/// # use std::sync::Arc;
/// # let rule_set = Arc::new(RuleSet::from_json(r#"{"version":"1.0","rules":[]}"#).unwrap());
/// // Once, when the client is built:
/// let resolver = SharedEndpointResolver::new(RulesResolver::new(
///     rule_set,
///     BuiltIns::new().region("us-east-1").use_fips(false),
/// ));
/// // Per request, by the operation's endpoint-parameters interceptor:
/// let params = EndpointResolverParams::new(Params::new().set("OperationType", "control"));
/// ```
#[derive(Clone)]
pub struct RulesResolver {
    rule_set: Arc<RuleSet>,
    partitions: Arc<Partitions>,
    built_ins: BuiltIns,
    client_params: Params,
    /// Per parameter of the rule set, the configured value.
    configured: Vec<Option<Value>>,
}

impl RulesResolver {
    /// A resolver of `rule_set` with the client's `built_ins`, on the
    /// embedded AWS partitions.
    pub fn new(rule_set: Arc<RuleSet>, built_ins: BuiltIns) -> Self {
        let mut resolver = Self {
            rule_set,
            partitions: Partitions::aws().clone(),
            built_ins,
            client_params: Params::new(),
            configured: Vec::new(),
        };
        resolver.bind();
        resolver
    }

    /// Uses `partitions` for `aws.partition`.
    pub fn with_partitions(mut self, partitions: Arc<Partitions>) -> Self {
        self.partitions = partitions;
        self
    }

    /// Sets the client context parameters (`smithy.rules#clientContextParams`,
    /// by parameter name), which take precedence over built-ins.
    pub fn with_client_context_params(mut self, params: Params) -> Self {
        self.client_params = params;
        self.bind();
        self
    }

    fn bind(&mut self) {
        self.configured = self
            .rule_set
            .parameters()
            .iter()
            .map(|p| {
                self.client_params
                    .get(&p.name)
                    .or_else(|| p.built_in.as_deref().and_then(|b| self.built_ins.get(b)))
                    .cloned()
            })
            .collect();
    }

    /// The rule set.
    pub fn rule_set(&self) -> &Arc<RuleSet> {
        &self.rule_set
    }

    /// The built-ins.
    pub fn built_ins(&self) -> &BuiltIns {
        &self.built_ins
    }

    /// Evaluates the rule set with the operation's `params` over the
    /// configured values.
    pub fn evaluate(&self, params: &Params) -> Result<ResolvedEndpoint, String> {
        eval::run(&self.rule_set, &self.partitions, |i, p| {
            params
                .get(&p.name)
                .or_else(|| self.configured.get(i).and_then(Option::as_ref))
        })
    }

    /// Every parameter's value for the operation's `params`: its own, else
    /// the configured one, else the parameter's default; what a user's
    /// resolver is given in place of the rules.
    pub fn params_for(&self, params: &Params) -> Params {
        let mut all = Params::new();
        for (i, p) in self.rule_set.parameters().iter().enumerate() {
            let value = params
                .get(&p.name)
                .or_else(|| self.configured.get(i).and_then(Option::as_ref))
                .or(p.default.as_ref());
            if let Some(value) = value {
                all.insert(p.name.clone(), value.clone());
            }
        }
        all
    }

    /// The endpoint for the operation's `params`, as smithy-rs takes it.
    pub fn resolve(&self, params: &Params) -> Result<Endpoint, ResolveEndpointError> {
        let resolved = self
            .evaluate(params)
            .map_err(ResolveEndpointError::message)?;
        resolved
            .to_endpoint()
            .ok_or_else(|| ResolveEndpointError::message("the rule set resolved an empty URL"))
    }
}

impl fmt::Debug for RulesResolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RulesResolver")
            .field("parameters", &self.rule_set.parameters().len())
            .field("built_ins", &self.built_ins)
            .field("client_params", &self.client_params)
            .finish_non_exhaustive()
    }
}

impl ResolveEndpoint for RulesResolver {
    fn resolve_endpoint<'a>(&'a self, params: &'a Params) -> EndpointFuture<'a> {
        EndpointFuture::ready(self.resolve(params).map_err(Into::into))
    }
}

impl SmithyResolveEndpoint for RulesResolver {
    fn resolve_endpoint<'a>(&'a self, params: &'a EndpointResolverParams) -> EndpointFuture<'a> {
        EndpointFuture::ready(match params.get::<Params>() {
            Some(params) => self.resolve(params).map_err(Into::into),
            None => Err(ResolveEndpointError::message(
                "endpoint parameters must be sdkgen_runtime::endpoint::Params",
            )
            .into()),
        })
    }
}

/// The resolver behind a generated crate's `config::endpoint::DefaultResolver`:
/// the service's rules (from its `SERVICE` metadata) with nothing
/// configured, so a caller hands it every parameter; or, where the rules
/// cannot be read, that error for every resolution.
#[derive(Clone, Debug)]
pub struct ServiceResolver {
    rules: Result<RulesResolver, String>,
}

impl ServiceResolver {
    /// The resolver of `rules` (`None`: the service has none).
    pub fn new(rules: Option<&crate::client::Rules>) -> Self {
        let rules = match rules.map(crate::client::Rules::rule_set) {
            Some(Ok(rule_set)) => Ok(RulesResolver::new(rule_set.clone(), BuiltIns::new())),
            Some(Err(e)) => Err(e.to_owned()),
            None => Err("the service has no endpoint rules".to_owned()),
        };
        Self { rules }
    }

    /// The same rules on other AWS partitions than the embedded ones.
    pub fn with_partitions(mut self, partitions: Partitions) -> Self {
        self.rules = self
            .rules
            .map(|rules| rules.with_partitions(Arc::new(partitions)));
        self
    }
}

impl ResolveEndpoint for ServiceResolver {
    fn resolve_endpoint<'a>(&'a self, params: &'a Params) -> EndpointFuture<'a> {
        match &self.rules {
            Ok(rules) => ResolveEndpoint::resolve_endpoint(rules, params),
            Err(e) => EndpointFuture::ready(Err(ResolveEndpointError::message(e.clone()).into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{"version": "1.0",
      "parameters": {
        "Region": {"type": "String", "builtIn": "AWS::Region"},
        "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
        "Mode": {"type": "String"},
        "Fancy": {"type": "Boolean", "builtIn": "AWS::Unknown::Thing"}
      },
      "rules": [
        {"type": "error", "conditions": [{"fn": "isSet", "argv": [{"ref": "Fancy"}]}], "error": "fancy"},
        {"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]},
                                            {"fn": "isSet", "argv": [{"ref": "Mode"}]}],
         "endpoint": {"url": "https://{Mode}.{Region}", "headers": {"h": ["1", "2"]},
                      "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc",
                                                      "signingRegion": "{Region}", "disableDoubleEncoding": true}]}}},
        {"type": "endpoint", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
         "endpoint": {"url": "https://fips.{Region}"}},
        {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://plain.{Region}"}}
      ]}"#;

    fn resolver(built_ins: BuiltIns) -> RulesResolver {
        RulesResolver::new(Arc::new(RuleSet::from_json(RULES).unwrap()), built_ins)
    }

    #[test]
    fn precedence() {
        let r = resolver(BuiltIns::new().region("us-east-1").use_fips(true));
        assert_eq!(
            r.resolve(&Params::new()).unwrap().url(),
            "https://fips.us-east-1"
        );
        // Operation values beat built-ins.
        let params = Params::new().set("UseFIPS", false);
        assert_eq!(r.resolve(&params).unwrap().url(), "https://plain.us-east-1");
        // Client context parameters beat built-ins, lose to the operation's.
        let r = r.with_client_context_params(Params::new().set("Region", "eu-west-1"));
        assert_eq!(
            r.resolve(&Params::new()).unwrap().url(),
            "https://fips.eu-west-1"
        );
        let params = Params::new().set("Region", "ap-south-1");
        assert_eq!(r.resolve(&params).unwrap().url(), "https://fips.ap-south-1");
        // Unknown built-ins stay unset unless given.
        let r = resolver(BuiltIns::new().region("r"));
        assert_eq!(r.resolve(&Params::new()).unwrap().url(), "https://plain.r");
        let r = resolver(BuiltIns::new().region("r").set("AWS::Unknown::Thing", true));
        assert_eq!(r.resolve(&Params::new()).unwrap_err().to_string(), "fancy");
    }

    /// Polls a future that is ready at once (the resolver's are).
    fn now<F: std::future::Future>(f: F) -> F::Output {
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match std::pin::pin!(f).poll(&mut cx) {
            std::task::Poll::Ready(out) => out,
            std::task::Poll::Pending => panic!("the endpoint future was not ready"),
        }
    }

    #[test]
    fn as_smithy_resolver() {
        let r = resolver(BuiltIns::new().region("us-west-2"));
        let params = EndpointResolverParams::new(Params::new().set("Mode", "m"));
        let endpoint = now(SmithyResolveEndpoint::resolve_endpoint(&r, &params)).unwrap();
        assert_eq!(endpoint.url(), "https://m.us-west-2");
        let headers: Vec<_> = endpoint
            .headers()
            .map(|(k, v)| (k.to_owned(), v.map(str::to_owned).collect::<Vec<_>>()))
            .collect();
        assert_eq!(
            headers,
            [("h".to_owned(), vec!["1".to_owned(), "2".to_owned()])]
        );
        let scheme = endpoint.properties()["authSchemes"].as_array().unwrap()[0]
            .as_object()
            .unwrap();
        assert_eq!(scheme["signingRegion"].as_string(), Some("us-west-2"));
        assert_eq!(scheme["disableDoubleEncoding"].as_bool(), Some(true));
        let wrong = EndpointResolverParams::new(5u8);
        assert!(now(SmithyResolveEndpoint::resolve_endpoint(&r, &wrong)).is_err());
        // As a user's resolver, through the smithy-rs runtime's interface.
        let shared = r.clone().into_shared_resolver();
        let endpoint = now(shared.resolve_endpoint(&params)).unwrap();
        assert_eq!(endpoint.url(), "https://m.us-west-2");
        assert!(now(shared.resolve_endpoint(&wrong)).is_err());
    }

    /// A generated `DefaultResolver`'s: the rules with nothing bound, or
    /// why there are none, for every resolution.
    #[test]
    fn service_resolver() {
        static GOOD: crate::client::Rules = crate::client::Rules::new(RULES);
        static BAD: crate::client::Rules = crate::client::Rules::new("{");
        let params = Params::new().set("Region", "eu-west-1").set("Mode", "m");
        let r = ServiceResolver::new(Some(&GOOD));
        assert_eq!(
            now(ResolveEndpoint::resolve_endpoint(&r, &params))
                .unwrap()
                .url(),
            "https://m.eu-west-1"
        );
        let err = now(ResolveEndpoint::resolve_endpoint(
            &ServiceResolver::new(Some(&BAD)),
            &params,
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("the service's endpoint rules cannot be read"),
            "{err}"
        );
        let err = now(ResolveEndpoint::resolve_endpoint(
            &ServiceResolver::new(None),
            &params,
        ))
        .unwrap_err()
        .to_string();
        assert_eq!(err, "the service has no endpoint rules");
    }
}
