//! Where a client's requests go: the service's endpoint rules, a resolver
//! the user configured, or (for a service without rules) its default
//! endpoint, plugged into the orchestrator as its endpoint resolver.
//!
//! What is known when the client is built is resolved then, once: without a
//! user's resolver, an operation that sets no rule parameters of its own
//! goes to the endpoint the rules give for the configuration alone. An
//! operation that does (`staticContextParams`, `contextParam`,
//! `operationContextParams`) has its parameters read from its input before
//! serialization and the rules evaluated there, so that an error is a
//! construction failure: nothing is sent. A user's resolver is the
//! orchestrator's, given the request's [`Params`]; its errors are dispatch
//! failures, as in aws-sdk-rust.

use super::{ConfigError, DefaultEndpoint, OperationSpec, ServiceMetadata};
use crate::config::Config;
use crate::endpoint::{BuiltIns, Params, RulesResolver};
use aws_smithy_runtime::client::orchestrator::operation::OperationBuilder;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::endpoint::error::ResolveEndpointError;
use aws_smithy_runtime_api::client::endpoint::{
    EndpointFuture, EndpointResolverParams, ResolveEndpoint, SharedEndpointResolver,
};
use aws_smithy_runtime_api::client::interceptors::context::BeforeSerializationInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::StaticRuntimePlugin;
use aws_smithy_types::config_bag::{ConfigBag, Layer};
use aws_smithy_types::endpoint::Endpoint;
use std::fmt;
use std::marker::PhantomData;

/// A client's endpoints, decided when it is built.
pub(super) struct Endpoints {
    /// For operations that set no rule parameters: the endpoint of the
    /// configuration, or why there is none.
    fixed: Result<Endpoint, ConfigError>,
    /// The rules with the configuration bound, for operations that set
    /// parameters of their own.
    rules: Option<RulesResolver>,
    /// The user's resolver, with the parameter values of the configuration
    /// (for the rule set's parameters, or the four every AWS rule set has
    /// where the service has none).
    custom: Option<(SharedEndpointResolver, Params)>,
    /// The region requests are signed for unless the endpoint's
    /// `authSchemes` says otherwise.
    pub(super) signing_region: Option<String>,
}

impl Endpoints {
    pub(super) fn new(config: &Config, meta: &ServiceMetadata) -> Self {
        let configured_region = config.region.as_ref().map(|r| r.as_ref().to_owned());
        // A global URL without rules is the one the requests go to unless
        // the user chose another: it is signed for its own region, not the
        // configured one (a request to chime.us-east-1 signed for eu-west-1
        // is refused).
        let own_url = config.endpoint_url.is_none()
            && config.endpoint_resolver.is_none()
            && meta.rules.is_none();
        let signing_region = match (&configured_region, &meta.endpoint) {
            (_, DefaultEndpoint::Global { signing_region, .. }) if own_url => {
                Some(signing_region.to_string())
            }
            (Some(r), _) => Some(r.clone()),
            (None, DefaultEndpoint::Global { signing_region, .. }) => {
                Some(signing_region.to_string())
            }
            (None, DefaultEndpoint::Regional { .. }) => None,
        };
        let checked_url = config.endpoint_url.as_deref().map(check_endpoint_url);
        let rules = meta.rules.as_ref().map(|rules| -> Result<_, ConfigError> {
            let rule_set = rules.rule_set().map_err(|e| ConfigError(e.to_owned()))?;
            let mut built_ins = BuiltIns::new();
            if let Some(region) = &config.region {
                built_ins = built_ins.region(region.as_ref());
            }
            if let Some(url) = &config.endpoint_url {
                built_ins = built_ins.endpoint_url(url.as_str());
            }
            if let Some(fips) = config.use_fips {
                built_ins = built_ins.use_fips(fips);
            }
            if let Some(dual_stack) = config.use_dual_stack {
                built_ins = built_ins.use_dual_stack(dual_stack);
            }
            let mut resolver = RulesResolver::new(rule_set.clone(), built_ins);
            if let Some(partitions) = &config.partitions {
                resolver = resolver.with_partitions(partitions.clone());
            }
            Ok(resolver)
        });
        let custom = config.endpoint_resolver.clone().map(|r| {
            let params = match &rules {
                Some(Ok(rules)) => rules.params_for(&Params::new()),
                _ => conventional_params(config),
            };
            (r, params)
        });
        let fixed = match (&checked_url, &rules) {
            (Some(Err(e)), _) => Err(e.clone()),
            (_, Some(Err(e))) => Err(e.clone()),
            (_, Some(Ok(rules))) => {
                rules
                    .evaluate(&Params::new())
                    .map_err(|e| {
                        ConfigError(match config.region {
                            None => format!(
                                "no endpoint for this configuration: {e} (no region is configured: set one in Config or SdkConfig)"
                            ),
                            Some(_) => format!("no endpoint for this configuration: {e}"),
                        })
                    })
                    .and_then(|resolved| {
                        resolved.to_endpoint().ok_or_else(|| {
                            ConfigError("the endpoint rules resolved an empty URL".to_owned())
                        })
                    })
            }
            (checked, None) => default_endpoint(
                checked.as_ref().and_then(|c| c.as_ref().ok()).cloned(),
                configured_region.as_deref(),
                &meta.endpoint,
            )
            .map(|url| Endpoint::builder().url(url).build()),
        };
        Self {
            fixed,
            rules: rules.and_then(Result::ok),
            custom,
            signing_region,
        }
    }

    /// What stops `spec` before anything is sent: an endpoint that could
    /// not be resolved for the configuration, where the operation uses it.
    pub(super) fn check<I, O, E>(&self, spec: &OperationSpec<I, O, E>) -> Result<(), ConfigError> {
        if self.custom.is_some() || (spec.endpoint_params.is_some() && self.rules.is_some()) {
            return Ok(());
        }
        self.fixed.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// `op` with the endpoint resolver and parameters of `spec`.
    pub(super) fn configure<I, O, E, BI, BO, BE>(
        &self,
        op: OperationBuilder<BI, BO, BE>,
        spec: &'static OperationSpec<I, O, E>,
    ) -> OperationBuilder<BI, BO, BE>
    where
        I: fmt::Debug + Send + Sync + 'static,
    {
        let mut layer = Layer::new("endpoint");
        let (resolver, per_call) = match (&self.custom, spec.endpoint_params, &self.rules) {
            (Some((custom, params)), op_params, rules) => {
                let per_call = op_params.map(|op_params| PerCall::Params {
                    op_params,
                    rules: rules.clone(),
                    base: params.clone(),
                });
                layer.store_put(EndpointResolverParams::new(params.clone()));
                (custom.clone(), per_call)
            }
            (None, Some(op_params), Some(rules)) => {
                let per_call = PerCall::Rules {
                    op_params,
                    rules: rules.clone(),
                };
                layer.store_put(EndpointResolverParams::new(()));
                (SharedEndpointResolver::new(Resolved), Some(per_call))
            }
            (None, _, _) => {
                if let Ok(endpoint) = &self.fixed {
                    layer.store_put(EndpointResolverParams::new(ResolvedEndpoint(
                        endpoint.clone(),
                    )));
                } else {
                    // Never reached: `check` stops the call first.
                    layer.store_put(EndpointResolverParams::new(()));
                }
                (SharedEndpointResolver::new(Resolved), None)
            }
        };
        let mut op = op.runtime_plugin(
            StaticRuntimePlugin::new()
                .with_config(layer.freeze())
                .with_runtime_components(
                    RuntimeComponentsBuilder::new("endpoint")
                        .with_endpoint_resolver(Some(resolver)),
                ),
        );
        if let Some(per_call) = per_call {
            op = op.interceptor(OperationParams {
                per_call,
                input: PhantomData::<fn(&I)>,
            });
        }
        op
    }
}

/// The parameters every AWS rule set has, for a user's resolver of a
/// service whose model has no rule set.
fn conventional_params(config: &Config) -> Params {
    let mut params = Params::new();
    if let Some(region) = &config.region {
        params.insert("Region", region.as_ref());
    }
    if let Some(url) = &config.endpoint_url {
        params.insert("Endpoint", url.as_str());
    }
    params.insert("UseFIPS", config.use_fips.unwrap_or(false));
    params.insert("UseDualStack", config.use_dual_stack.unwrap_or(false));
    params
}

/// Checks an endpoint URL before anything is sent: an absolute `http` or
/// `https` URL with a host. (The runtime would otherwise fail each attempt
/// with the whole request's `Debug` in its message.)
fn check_endpoint_url(url: &str) -> Result<String, ConfigError> {
    let bad = |why: &str| ConfigError(format!("the endpoint URL `{url}` {why}"));
    if !url.contains("://") {
        return Err(bad("has no scheme; write it as https://HOST[:PORT]"));
    }
    let uri: http::Uri = url
        .parse()
        .map_err(|e| bad(&format!("is not a valid URL ({e})")))?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        Some(other) => return Err(bad(&format!("has scheme `{other}`; use http or https"))),
        None => return Err(bad("has no scheme")),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    Ok(url.to_owned())
}

/// The endpoint URL without endpoint rules: the configured (checked) URL,
/// else the service's default endpoint. A regional one needs the configured
/// region, for the host name and for SigV4 alike.
fn default_endpoint(
    url: Option<String>,
    region: Option<&str>,
    default: &DefaultEndpoint,
) -> Result<String, ConfigError> {
    let no_region =
        || ConfigError("no region is configured: set one in Config or SdkConfig".to_owned());
    match (url, default, region) {
        (Some(url), DefaultEndpoint::Global { .. }, _) => Ok(url),
        (None, DefaultEndpoint::Global { url, .. }, _) => Ok(url.to_string()),
        (_, DefaultEndpoint::Regional { .. }, None) => Err(no_region()),
        (Some(url), DefaultEndpoint::Regional { .. }, Some(_)) => Ok(url),
        (None, DefaultEndpoint::Regional { prefix }, Some(r)) => {
            Ok(format!("https://{prefix}.{r}.amazonaws.com"))
        }
    }
}

/// An endpoint already resolved, in the orchestrator's endpoint parameters.
#[derive(Clone, Debug)]
struct ResolvedEndpoint(Endpoint);

/// The orchestrator's endpoint resolver where the runtime resolved the
/// endpoint itself: it hands over the [`ResolvedEndpoint`] of the request.
#[derive(Debug)]
struct Resolved;

impl ResolveEndpoint for Resolved {
    fn resolve_endpoint<'a>(&'a self, params: &'a EndpointResolverParams) -> EndpointFuture<'a> {
        EndpointFuture::ready(match params.get::<ResolvedEndpoint>() {
            Some(resolved) => Ok(resolved.0.clone()),
            None => Err(ResolveEndpointError::message("no endpoint was resolved").into()),
        })
    }
}

/// What an operation that sets rule parameters does before serialization.
enum PerCall<I> {
    /// Evaluates the rules with its parameters.
    Rules {
        op_params: fn(&I, &mut Params),
        rules: RulesResolver,
    },
    /// Hands every parameter's value to the user's resolver.
    Params {
        op_params: fn(&I, &mut Params),
        rules: Option<RulesResolver>,
        base: Params,
    },
}

/// Reads an operation's rule parameters from its input.
struct OperationParams<I> {
    per_call: PerCall<I>,
    input: PhantomData<fn(&I)>,
}

impl<I> fmt::Debug for OperationParams<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OperationParams")
    }
}

impl<I: fmt::Debug + Send + Sync + 'static> Intercept for OperationParams<I> {
    fn name(&self) -> &'static str {
        "OperationParams"
    }

    fn read_before_execution(
        &self,
        context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let input = context
            .input()
            .downcast_ref::<I>()
            .ok_or("the operation's input is not of its type")?;
        let mut params = Params::new();
        match &self.per_call {
            PerCall::Rules { op_params, rules } => {
                op_params(input, &mut params);
                let endpoint = rules
                    .resolve(&params)
                    .map_err(|e| ConfigError(format!("no endpoint for this request: {e}")))?;
                cfg.interceptor_state()
                    .store_put(EndpointResolverParams::new(ResolvedEndpoint(endpoint)));
            }
            PerCall::Params {
                op_params,
                rules,
                base,
            } => {
                op_params(input, &mut params);
                let all = match rules {
                    Some(rules) => rules.params_for(&params),
                    None => {
                        let mut all = base.clone();
                        all.extend(params.iter().map(|(k, v)| (k.to_owned(), v.clone())));
                        all
                    }
                };
                cfg.interceptor_state()
                    .store_put(EndpointResolverParams::new(all));
            }
        }
        Ok(())
    }
}
