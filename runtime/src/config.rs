//! Client configuration shared by every generated SDK.

use aws_credential_types::provider::token::{ProvideToken, SharedTokenProvider};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Token;
use aws_runtime::user_agent::AwsUserAgent;
use aws_smithy_async::rt::sleep::{AsyncSleep, SharedAsyncSleep};
use aws_smithy_async::time::{SharedTimeSource, TimeSource};
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::endpoint::SharedEndpointResolver;
use aws_smithy_runtime_api::client::http::{HttpClient, SharedHttpClient};
use aws_smithy_runtime_api::client::identity::http::Login;
use aws_smithy_runtime_api::client::identity::{ResolveIdentity, SharedIdentityResolver};
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::shared::IntoShared;
use aws_smithy_types::retry::RetryConfig;
use aws_smithy_types::timeout::TimeoutConfig;
pub use aws_types::app_name::AppName;
use aws_types::region::Region;
use aws_types::SdkConfig;
use std::fmt;
use std::sync::{Arc, Mutex};

/// The idempotency token provider of a configuration that sets none.
static RANDOM_TOKENS: IdempotencyTokenProvider = IdempotencyTokenProvider::random();

/// Configuration of a generated client.
///
/// Build one with [`Config::builder`], or convert an [`SdkConfig`] loaded
/// by `aws-config` with `Config::from(&sdk_config)`.
///
/// A `Config` holds what was set, nothing more, as aws-sdk-rust's does: a
/// setting left unset is the runtime's default for the behavior version
/// when a call is made (standard retries and a 3.1 s connect timeout from
/// [`BehaviorVersion::v2026_01_12`] on, none before; see
/// [`Config::retry_config`]). That is also what lets a configuration be a
/// layer over another: `customize().config_override(...)` sends one call
/// with what the override sets over the client's configuration.
#[derive(Clone, Default)]
pub struct Config {
    pub(crate) region: Option<Region>,
    pub(crate) credentials_provider: Option<SharedCredentialsProvider>,
    pub(crate) token_provider: Option<SharedTokenProvider>,
    /// Resolves a `Login` for basic auth.
    pub(crate) basic_auth_login: Option<SharedIdentityResolver>,
    /// Resolves a `Token`: the API key of every API key scheme.
    pub(crate) api_key: Option<SharedIdentityResolver>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) use_fips: Option<bool>,
    pub(crate) use_dual_stack: Option<bool>,
    pub(crate) partitions: Option<std::sync::Arc<crate::endpoint::Partitions>>,
    pub(crate) endpoint_resolver: Option<SharedEndpointResolver>,
    pub(crate) retry_config: Option<RetryConfig>,
    pub(crate) timeout_config: Option<TimeoutConfig>,
    pub(crate) http_client: Option<SharedHttpClient>,
    pub(crate) sleep_impl: Option<SharedAsyncSleep>,
    pub(crate) time_source: Option<SharedTimeSource>,
    pub(crate) behavior_version: Option<BehaviorVersion>,
    pub(crate) validation: Option<bool>,
    pub(crate) idempotency_token_provider: Option<IdempotencyTokenProvider>,
    pub(crate) interceptors: Vec<SharedInterceptor>,
    pub(crate) app_name: Option<AppName>,
    /// A user agent sent as it is, instead of the one of the environment
    /// (`with_test_defaults`: `AwsUserAgent::for_tests()`).
    pub(crate) user_agent: Option<AwsUserAgent>,
}

impl Config {
    /// The configuration of a shared [`SdkConfig`] (as `aws-config` loads
    /// it): the same as `Config::from(sdk_config)`.
    pub fn new(sdk_config: &SdkConfig) -> Self {
        Self::from(sdk_config)
    }

    /// A builder with nothing set: the runtime's defaults apply (standard
    /// retries and a 3.1 s connect timeout for the latest behavior version,
    /// validation on, random UUIDv4 idempotency tokens).
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// Turns this configuration back into a builder.
    pub fn to_builder(&self) -> Builder {
        Builder {
            config: self.clone(),
        }
    }

    /// The configured region, if any.
    pub fn region(&self) -> Option<&Region> {
        self.region.as_ref()
    }

    /// The endpoint URL override, if any.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// Whether FIPS endpoints are asked for (`AWS::UseFIPS`), if set.
    pub fn use_fips(&self) -> Option<bool> {
        self.use_fips
    }

    /// Whether dual-stack endpoints are asked for (`AWS::UseDualStack`),
    /// if set.
    pub fn use_dual_stack(&self) -> Option<bool> {
        self.use_dual_stack
    }

    /// The endpoint resolver that replaces the service's endpoint rules, if
    /// one was configured ([`Builder::endpoint_resolver`]).
    pub fn endpoint_resolver(&self) -> Option<SharedEndpointResolver> {
        self.endpoint_resolver.clone()
    }

    /// The retry configuration, if one was set (as in aws-sdk-rust: a
    /// configuration from `aws-config` has one). Unset, a call retries as
    /// aws-sdk-rust's clients do for the behavior version: standard retries
    /// (3 attempts) from [`BehaviorVersion::v2026_01_12`] on, none before.
    pub fn retry_config(&self) -> Option<&RetryConfig> {
        self.retry_config.as_ref()
    }

    /// The timeout configuration, if one was set (as in aws-sdk-rust: a
    /// configuration from `aws-config` has one, with a 3.1 s connect
    /// timeout). The timeouts it leaves unset are the runtime's defaults for
    /// the behavior version: a 3.1 s connect timeout from
    /// [`BehaviorVersion::v2026_01_12`] on, none before.
    pub fn timeout_config(&self) -> Option<&TimeoutConfig> {
        self.timeout_config.as_ref()
    }

    /// The HTTP client, if one was configured (else the client uses its
    /// default HTTPS client).
    pub fn http_client(&self) -> Option<SharedHttpClient> {
        self.http_client.clone()
    }

    /// The async sleep implementation, if one was configured.
    pub fn sleep_impl(&self) -> Option<SharedAsyncSleep> {
        self.sleep_impl.clone()
    }

    /// The time source, if one was configured.
    pub fn time_source(&self) -> Option<SharedTimeSource> {
        self.time_source.clone()
    }

    /// The behavior version of the runtime's defaults (the latest unless
    /// one was set).
    pub fn behavior_version(&self) -> Option<BehaviorVersion> {
        Some(
            self.behavior_version
                .unwrap_or_else(BehaviorVersion::latest),
        )
    }

    /// The interceptors added to every operation, in order.
    pub fn interceptors(&self) -> impl Iterator<Item = SharedInterceptor> + '_ {
        self.interceptors.iter().cloned()
    }

    /// The name of the application, sent in the user agent
    /// (`app/<name>`), if one was set.
    pub fn app_name(&self) -> Option<&AppName> {
        self.app_name.as_ref()
    }

    /// Whether inputs are validated against the model's constraints before
    /// any I/O (on unless turned off).
    pub fn validation_enabled(&self) -> bool {
        self.validation.unwrap_or(true)
    }

    /// The credentials provider, if any.
    pub fn credentials_provider(&self) -> Option<SharedCredentialsProvider> {
        self.credentials_provider.clone()
    }

    /// The access token provider for bearer auth (`smithy.api#httpBearerAuth`),
    /// if any.
    pub fn token_provider(&self) -> Option<SharedTokenProvider> {
        self.token_provider.clone()
    }

    /// The resolver of the login for HTTP basic auth
    /// (`smithy.api#httpBasicAuth`), if any.
    pub fn basic_auth_login_resolver(&self) -> Option<SharedIdentityResolver> {
        self.basic_auth_login.clone()
    }

    /// The resolver of the API key (`smithy.api#httpApiKeyAuth`), if any.
    pub fn api_key_resolver(&self) -> Option<SharedIdentityResolver> {
        self.api_key.clone()
    }

    /// The provider of idempotency tokens for members that have none set
    /// (random UUIDv4 tokens unless one was set).
    pub fn idempotency_token_provider(&self) -> &IdempotencyTokenProvider {
        self.idempotency_token_provider
            .as_ref()
            .unwrap_or(&RANDOM_TOKENS)
    }

    /// The retry configuration a call uses: the configured one, else
    /// aws-sdk-rust's default for the behavior version (what
    /// aws-smithy-runtime's `default_retry_config_plugin_v2` gives an AWS
    /// SDK client: standard retries from `v2026_01_12` on, none before).
    pub(crate) fn effective_retry_config(&self) -> RetryConfig {
        match &self.retry_config {
            Some(retry_config) => retry_config.clone(),
            None if self
                .behavior_version
                .unwrap_or_else(BehaviorVersion::latest)
                .is_at_least(BehaviorVersion::v2026_01_12()) =>
            {
                RetryConfig::standard()
            }
            None => RetryConfig::disabled(),
        }
    }

    /// This configuration as a layer over `base`, as aws-sdk-rust's
    /// `config_override` layers a call's configuration over the client's:
    /// what this one sets wins, what it leaves unset is `base`'s; its
    /// timeouts are merged over `base`'s as the orchestrator merges timeout
    /// layers (an empty or disabled one turns them all off); its
    /// interceptors run after `base`'s.
    pub(crate) fn layered_over(self, base: &Config) -> Config {
        // Destructured so that a new setting cannot be forgotten here.
        let Config {
            region,
            credentials_provider,
            token_provider,
            basic_auth_login,
            api_key,
            endpoint_url,
            use_fips,
            use_dual_stack,
            partitions,
            endpoint_resolver,
            retry_config,
            timeout_config,
            http_client,
            sleep_impl,
            time_source,
            behavior_version,
            validation,
            idempotency_token_provider,
            interceptors,
            app_name,
            user_agent,
        } = self;
        let timeout_config = match (timeout_config, &base.timeout_config) {
            (Some(mut over), Some(under)) if over.has_timeouts() => {
                over.take_defaults_from(under);
                Some(over)
            }
            (over, under) => over.or_else(|| under.clone()),
        };
        Config {
            region: region.or_else(|| base.region.clone()),
            credentials_provider: credentials_provider
                .or_else(|| base.credentials_provider.clone()),
            token_provider: token_provider.or_else(|| base.token_provider.clone()),
            basic_auth_login: basic_auth_login.or_else(|| base.basic_auth_login.clone()),
            api_key: api_key.or_else(|| base.api_key.clone()),
            endpoint_url: endpoint_url.or_else(|| base.endpoint_url.clone()),
            use_fips: use_fips.or(base.use_fips),
            use_dual_stack: use_dual_stack.or(base.use_dual_stack),
            partitions: partitions.or_else(|| base.partitions.clone()),
            endpoint_resolver: endpoint_resolver.or_else(|| base.endpoint_resolver.clone()),
            retry_config: retry_config.or_else(|| base.retry_config.clone()),
            timeout_config,
            http_client: http_client.or_else(|| base.http_client.clone()),
            sleep_impl: sleep_impl.or_else(|| base.sleep_impl.clone()),
            time_source: time_source.or_else(|| base.time_source.clone()),
            behavior_version: behavior_version.or(base.behavior_version),
            validation: validation.or(base.validation),
            idempotency_token_provider: idempotency_token_provider
                .or_else(|| base.idempotency_token_provider.clone()),
            interceptors: base
                .interceptors
                .iter()
                .cloned()
                .chain(interceptors)
                .collect(),
            app_name: app_name.or_else(|| base.app_name.clone()),
            user_agent: user_agent.or_else(|| base.user_agent.clone()),
        }
    }
}

// Hand-written so that nothing a credentials or token provider holds can
// reach the output.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field(
                "credentials_provider",
                &self.credentials_provider.as_ref().map(|_| "** redacted **"),
            )
            .field(
                "token_provider",
                &self.token_provider.as_ref().map(|_| "** redacted **"),
            )
            .field(
                "basic_auth_login",
                &self.basic_auth_login.as_ref().map(|_| "** redacted **"),
            )
            .field("api_key", &self.api_key.as_ref().map(|_| "** redacted **"))
            .field("endpoint_url", &self.endpoint_url)
            .field("use_fips", &self.use_fips)
            .field("use_dual_stack", &self.use_dual_stack)
            .field("partitions", &self.partitions.as_ref().map(|_| "custom"))
            .field("endpoint_resolver", &self.endpoint_resolver)
            .field("retry_config", &self.retry_config)
            .field("timeout_config", &self.timeout_config)
            .field("http_client", &self.http_client.as_ref().map(|_| "set"))
            .field("behavior_version", &self.behavior_version)
            .field("validation", &self.validation)
            .field(
                "idempotency_token_provider",
                &self.idempotency_token_provider,
            )
            .field("interceptors", &self.interceptors.len())
            .field("app_name", &self.app_name)
            .finish()
    }
}

impl From<&SdkConfig> for Config {
    fn from(sdk: &SdkConfig) -> Self {
        Self {
            region: sdk.region().cloned(),
            credentials_provider: sdk.credentials_provider(),
            token_provider: sdk.token_provider(),
            endpoint_url: sdk.endpoint_url().map(str::to_owned),
            use_fips: sdk.use_fips(),
            use_dual_stack: sdk.use_dual_stack(),
            retry_config: sdk.retry_config().cloned(),
            timeout_config: sdk.timeout_config().cloned(),
            http_client: sdk.http_client(),
            sleep_impl: sdk.sleep_impl(),
            time_source: sdk.time_source(),
            behavior_version: sdk.behavior_version(),
            app_name: sdk.app_name().cloned(),
            ..Config::default()
        }
    }
}

/// Builder for [`Config`].
#[derive(Clone, Debug, Default)]
pub struct Builder {
    config: Config,
}

impl From<&SdkConfig> for Builder {
    fn from(sdk_config: &SdkConfig) -> Self {
        Config::from(sdk_config).to_builder()
    }
}

impl Builder {
    /// A builder with nothing set (as [`Config::builder`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the region (`None` unsets it).
    pub fn set_region(&mut self, region: Option<Region>) -> &mut Self {
        self.config.region = region;
        self
    }

    /// Sets or unsets the credentials provider.
    pub fn set_credentials_provider(
        &mut self,
        provider: Option<SharedCredentialsProvider>,
    ) -> &mut Self {
        self.config.credentials_provider = provider;
        self
    }

    /// Sets or unsets the endpoint URL override.
    pub fn set_endpoint_url(&mut self, url: Option<String>) -> &mut Self {
        self.config.endpoint_url = url;
        self
    }

    /// Sets the retry configuration; `None` changes nothing (as in
    /// aws-sdk-rust: `RetryConfig::disabled()` turns retries off).
    pub fn set_retry_config(&mut self, retry_config: Option<RetryConfig>) -> &mut Self {
        if let Some(retry_config) = retry_config {
            self.config.retry_config = Some(retry_config);
        }
        self
    }

    /// Sets timeouts as [`Builder::timeout_config`] does; `None` changes
    /// nothing (as in aws-sdk-rust: `TimeoutConfig::disabled()` turns
    /// timeouts off).
    pub fn set_timeout_config(&mut self, timeout_config: Option<TimeoutConfig>) -> &mut Self {
        if let Some(mut timeout_config) = timeout_config {
            if let Some(current) = &self.config.timeout_config {
                timeout_config.take_defaults_from(current);
            }
            self.config.timeout_config = Some(timeout_config);
        }
        self
    }

    /// Sets or unsets the HTTP client.
    pub fn set_http_client(&mut self, http_client: Option<SharedHttpClient>) -> &mut Self {
        self.config.http_client = http_client;
        self
    }

    /// Sets or unsets the async sleep implementation.
    pub fn set_sleep_impl(&mut self, sleep_impl: Option<SharedAsyncSleep>) -> &mut Self {
        self.config.sleep_impl = sleep_impl;
        self
    }

    /// Sets or unsets the time source.
    pub fn set_time_source(&mut self, time_source: Option<SharedTimeSource>) -> &mut Self {
        self.config.time_source = time_source;
        self
    }

    /// Sets the behavior version (`None` means the latest).
    pub fn set_behavior_version(&mut self, behavior_version: Option<BehaviorVersion>) -> &mut Self {
        self.config.behavior_version = behavior_version;
        self
    }

    /// Uses the latest behavior version of the runtime's defaults.
    pub fn behavior_version_latest(mut self) -> Self {
        self.config.behavior_version = Some(BehaviorVersion::latest());
        self
    }

    /// Sets how idempotency tokens are made (`None` restores random UUIDs).
    pub fn set_idempotency_token_provider(
        &mut self,
        provider: Option<IdempotencyTokenProvider>,
    ) -> &mut Self {
        self.config.idempotency_token_provider = provider;
        self
    }

    /// Sets the name of the application, sent in the user agent of every
    /// request (`app/<name>`), as aws-sdk-rust's `app_name` does.
    pub fn app_name(mut self, app_name: AppName) -> Self {
        self.set_app_name(Some(app_name));
        self
    }

    /// Sets or unsets the name of the application.
    pub fn set_app_name(&mut self, app_name: Option<AppName>) -> &mut Self {
        self.config.app_name = app_name;
        self
    }

    /// Adds an interceptor to every operation (after the SDK's own).
    pub fn interceptor(mut self, interceptor: impl Intercept + 'static) -> Self {
        self.config
            .interceptors
            .push(SharedInterceptor::new(interceptor));
        self
    }

    /// Adds an interceptor to every operation.
    pub fn push_interceptor(&mut self, interceptor: SharedInterceptor) -> &mut Self {
        self.config.interceptors.push(interceptor);
        self
    }

    /// Replaces the interceptors.
    pub fn set_interceptors(
        &mut self,
        interceptors: impl IntoIterator<Item = SharedInterceptor>,
    ) -> &mut Self {
        self.config.interceptors = interceptors.into_iter().collect();
        self
    }

    /// Sets the region; it selects the endpoint and the SigV4 signing region
    /// unless the service has a global endpoint.
    pub fn region(mut self, region: impl Into<Option<Region>>) -> Self {
        self.config.region = region.into();
        self
    }

    /// Sets the credentials provider used to sign requests.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials_provider = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// Sets the access token provider for bearer auth
    /// (`smithy.api#httpBearerAuth`): operations that accept it send
    /// `Authorization: Bearer <token>`. [`Builder::bearer_token`] does the
    /// same with one fixed token.
    pub fn token_provider(mut self, provider: impl ProvideToken + 'static) -> Self {
        self.set_token_provider(Some(SharedTokenProvider::new(provider)));
        self
    }

    /// Sets or clears the access token provider for bearer auth.
    pub fn set_token_provider(&mut self, provider: Option<SharedTokenProvider>) -> &mut Self {
        self.config.token_provider = provider;
        self
    }

    /// Sends this bearer token with operations that accept bearer auth:
    /// the same as `token_provider(token)`.
    pub fn bearer_token(self, token: Token) -> Self {
        self.token_provider(token)
    }

    /// Sends this login with operations that accept HTTP basic auth
    /// (`smithy.api#httpBasicAuth`): `Authorization: Basic
    /// base64(user:password)`. The same as `basic_auth(user, password)`.
    pub fn basic_auth_login(self, login: Login) -> Self {
        self.basic_auth_login_resolver(login)
    }

    /// Sends `user` and `password` with operations that accept HTTP basic
    /// auth: the same as `basic_auth_login(Login::new(user, password, None))`.
    pub fn basic_auth(self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.basic_auth_login(Login::new(user, password, None))
    }

    /// Sets the resolver of the login for HTTP basic auth (one that
    /// resolves a `Login` identity).
    pub fn basic_auth_login_resolver(mut self, resolver: impl ResolveIdentity + 'static) -> Self {
        self.set_basic_auth_login_resolver(Some(SharedIdentityResolver::new(resolver)));
        self
    }

    /// Sets or clears the resolver of the login for HTTP basic auth.
    pub fn set_basic_auth_login_resolver(
        &mut self,
        resolver: Option<SharedIdentityResolver>,
    ) -> &mut Self {
        self.config.basic_auth_login = resolver;
        self
    }

    /// Sends this API key with operations that accept an API key scheme
    /// (`smithy.api#httpApiKeyAuth`, OpenAPI `apiKey`): in the header,
    /// query parameter or cookie the scheme the operation selects names.
    pub fn api_key(self, api_key: Token) -> Self {
        self.api_key_resolver(api_key)
    }

    /// Sets the resolver of the API key (one that resolves a `Token`
    /// identity).
    pub fn api_key_resolver(mut self, resolver: impl ResolveIdentity + 'static) -> Self {
        self.set_api_key_resolver(Some(SharedIdentityResolver::new(resolver)));
        self
    }

    /// Sets or clears the resolver of the API key.
    pub fn set_api_key_resolver(&mut self, resolver: Option<SharedIdentityResolver>) -> &mut Self {
        self.config.api_key = resolver;
        self
    }

    /// Sends every request to this URL instead of the service's endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// Replaces the service's endpoint rules with `resolver`: every request
    /// goes where it says, for the rule set's parameters of that request
    /// ([`Params`](crate::endpoint::Params): the configured region, FIPS and
    /// dual-stack settings and endpoint URL, and what the operation sets).
    /// A resolver's error fails the call before anything is sent (a
    /// dispatch failure, as in aws-sdk-rust).
    ///
    /// ```
    /// use sdkgen_runtime::modules::config::endpoint::{Endpoint, EndpointFuture, Params, ResolveEndpoint};
    /// use sdkgen_runtime::modules::config::Config;
    ///
    /// #[derive(Debug)]
    /// struct Stage(String);
    ///
    /// impl ResolveEndpoint for Stage {
    ///     fn resolve_endpoint<'a>(&'a self, _params: &'a Params) -> EndpointFuture<'a> {
    ///         let url = format!("https://{}.myservice.example", self.0);
    ///         EndpointFuture::ready(Ok(Endpoint::builder().url(url).build()))
    ///     }
    /// }
    /// let config = Config::builder().endpoint_resolver(Stage("beta".into())).build();
    /// assert!(config.endpoint_resolver().is_some());
    /// ```
    pub fn endpoint_resolver(
        mut self,
        resolver: impl crate::endpoint::ResolveEndpoint + 'static,
    ) -> Self {
        self.set_endpoint_resolver(Some(resolver.into_shared_resolver()));
        self
    }

    /// Sets or unsets the endpoint resolver, as the smithy-rs runtime takes
    /// one: it is given [`Params`](crate::endpoint::Params) in its
    /// `EndpointResolverParams`.
    pub fn set_endpoint_resolver(&mut self, resolver: Option<SharedEndpointResolver>) -> &mut Self {
        self.config.endpoint_resolver = resolver;
        self
    }

    /// Asks for FIPS endpoints: the service's endpoint rules pick one, or
    /// fail the call where the region's partition has none.
    pub fn use_fips(mut self, use_fips: bool) -> Self {
        self.set_use_fips(Some(use_fips));
        self
    }

    /// Sets or unsets the FIPS endpoint setting.
    pub fn set_use_fips(&mut self, use_fips: Option<bool>) -> &mut Self {
        self.config.use_fips = use_fips;
        self
    }

    /// Asks for dual-stack (IPv4 and IPv6) endpoints: the service's
    /// endpoint rules pick one, or fail the call where there is none.
    pub fn use_dual_stack(mut self, use_dual_stack: bool) -> Self {
        self.set_use_dual_stack(Some(use_dual_stack));
        self
    }

    /// Sets or unsets the dual-stack endpoint setting.
    pub fn set_use_dual_stack(&mut self, use_dual_stack: Option<bool>) -> &mut Self {
        self.config.use_dual_stack = use_dual_stack;
        self
    }

    /// The AWS partitions (`aws.partition` of the endpoint rules: DNS
    /// suffixes, FIPS and dual-stack support by region) to resolve
    /// endpoints with, instead of the ones this crate ships
    /// (`Partitions::from_json` reads a `partitions.json`).
    pub fn partitions(mut self, partitions: crate::endpoint::Partitions) -> Self {
        self.config.partitions = Some(std::sync::Arc::new(partitions));
        self
    }

    /// Sets the retry configuration.
    pub fn retry_config(mut self, retry_config: RetryConfig) -> Self {
        self.set_retry_config(Some(retry_config));
        self
    }

    /// Sets timeouts: those `timeout_config` sets replace the current ones,
    /// the others are kept (as in aws-sdk-rust). Those still unset when a
    /// call is made are the runtime's defaults for the behavior version, so
    /// setting an operation timeout keeps the default 3.1 s connect timeout.
    pub fn timeout_config(mut self, timeout_config: TimeoutConfig) -> Self {
        self.set_timeout_config(Some(timeout_config));
        self
    }

    /// Sets the HTTP client (the default is the smithy-rs HTTPS client).
    pub fn http_client(mut self, http_client: impl HttpClient + 'static) -> Self {
        self.config.http_client = Some(http_client.into_shared());
        self
    }

    /// Sets the async sleep implementation used between retries.
    pub fn sleep_impl(mut self, sleep_impl: impl AsyncSleep + 'static) -> Self {
        self.config.sleep_impl = Some(SharedAsyncSleep::new(sleep_impl));
        self
    }

    /// Sets the time source used for signing.
    pub fn time_source(mut self, time_source: impl TimeSource + 'static) -> Self {
        self.config.time_source = Some(SharedTimeSource::new(time_source));
        self
    }

    /// Sets the behavior version of the runtime's defaults.
    pub fn behavior_version(mut self, behavior_version: BehaviorVersion) -> Self {
        self.config.behavior_version = Some(behavior_version);
        self
    }

    /// Turns validation of inputs against the model's constraints on or off
    /// (on by default). With it off, the service is left to reject bad input.
    pub fn validation(mut self, enabled: bool) -> Self {
        self.config.validation = Some(enabled);
        self
    }

    /// Sets how idempotency tokens are made for members left unset (a
    /// `&'static str` gives that one token every time, as in aws-sdk-rust).
    pub fn idempotency_token_provider(
        mut self,
        provider: impl Into<IdempotencyTokenProvider>,
    ) -> Self {
        self.config.idempotency_token_provider = Some(provider.into());
        self
    }

    /// Sets what tests need to be reproducible, as aws-sdk-rust's
    /// `apply_test_defaults` does: idempotency tokens
    /// `00000000-0000-4000-8000-000000000000`, a clock fixed at 1234567890
    /// seconds after the epoch, the environment-independent user agent
    /// `AwsUserAgent::for_tests()`, test credentials
    /// (`Credentials::for_tests()`) and the latest behavior version.
    /// Feature `test-util`.
    #[cfg(feature = "test-util")]
    pub fn apply_test_defaults(&mut self) -> &mut Self {
        use aws_smithy_async::time::StaticTimeSource;
        use std::time::{Duration, UNIX_EPOCH};
        self.set_idempotency_token_provider(Some("00000000-0000-4000-8000-000000000000".into()));
        self.set_time_source(Some(SharedTimeSource::new(StaticTimeSource::new(
            UNIX_EPOCH + Duration::from_secs(1234567890),
        ))));
        self.config.user_agent = Some(AwsUserAgent::for_tests());
        self.set_credentials_provider(Some(SharedCredentialsProvider::new(
            aws_credential_types::Credentials::for_tests(),
        )));
        self.config.behavior_version = Some(BehaviorVersion::latest());
        self
    }

    /// [`Builder::apply_test_defaults`], taking and returning the builder.
    /// Feature `test-util`.
    #[cfg(feature = "test-util")]
    pub fn with_test_defaults(mut self) -> Self {
        self.apply_test_defaults();
        self
    }

    /// [`Builder::apply_test_defaults`], and the region `us-east-1` unless
    /// one is set, as aws-sdk-rust's `apply_test_defaults_v2` does.
    /// Feature `test-util`.
    #[cfg(feature = "test-util")]
    pub fn apply_test_defaults_v2(&mut self) -> &mut Self {
        self.apply_test_defaults();
        if self.config.region.is_none() {
            self.set_region(Some(Region::new("us-east-1")));
        }
        self
    }

    /// [`Builder::apply_test_defaults_v2`], taking and returning the
    /// builder: what `aws_smithy_mocks::mock_client!` calls. Feature
    /// `test-util`.
    #[cfg(feature = "test-util")]
    pub fn with_test_defaults_v2(mut self) -> Self {
        self.apply_test_defaults_v2();
        self
    }

    /// Builds the configuration.
    pub fn build(self) -> Config {
        self.config
    }
}

/// Makes idempotency tokens: RFC 4122 version 4 UUIDs from a random source,
/// a seeded source (reproducible in tests), or one fixed token.
#[derive(Clone)]
pub struct IdempotencyTokenProvider {
    inner: TokenSource,
}

#[derive(Clone)]
enum TokenSource {
    Random,
    Seeded(Arc<Mutex<fastrand::Rng>>),
    Fixed(Arc<str>),
}

impl IdempotencyTokenProvider {
    /// UUIDv4 tokens from the thread-local random generator.
    pub const fn random() -> Self {
        Self {
            inner: TokenSource::Random,
        }
    }

    /// UUIDv4 tokens from a generator seeded with `seed`: the same sequence
    /// every run.
    pub fn seeded(seed: u64) -> Self {
        Self {
            inner: TokenSource::Seeded(Arc::new(Mutex::new(fastrand::Rng::with_seed(seed)))),
        }
    }

    /// The same token every time.
    pub fn fixed(token: impl Into<String>) -> Self {
        Self {
            inner: TokenSource::Fixed(token.into().into()),
        }
    }

    /// Makes the next token.
    pub fn make_token(&self) -> String {
        let bits = match &self.inner {
            TokenSource::Random => fastrand::u128(..),
            TokenSource::Seeded(rng) => match rng.lock() {
                Ok(mut rng) => rng.u128(..),
                // A poisoned lock still holds a usable generator.
                Err(poisoned) => poisoned.into_inner().u128(..),
            },
            TokenSource::Fixed(token) => return token.to_string(),
        };
        uuid::Builder::from_random_bytes(bits.to_le_bytes())
            .into_uuid()
            .to_string()
    }
}

impl From<&'static str> for IdempotencyTokenProvider {
    fn from(token: &'static str) -> Self {
        Self::fixed(token)
    }
}

impl fmt::Debug for IdempotencyTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.inner {
            TokenSource::Random => "random",
            TokenSource::Seeded(_) => "seeded",
            TokenSource::Fixed(_) => "fixed",
        };
        f.debug_tuple("IdempotencyTokenProvider")
            .field(&kind)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn random_tokens_are_uuid_v4() {
        let p = IdempotencyTokenProvider::random();
        let (a, b) = (p.make_token(), p.make_token());
        assert_ne!(a, b);
        for t in [a, b] {
            let u = uuid::Uuid::parse_str(&t).unwrap();
            assert_eq!(u.get_version_num(), 4);
            assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
        }
    }

    #[test]
    fn seeded_tokens_repeat_across_providers() {
        let (a, b) = (
            IdempotencyTokenProvider::seeded(7),
            IdempotencyTokenProvider::seeded(7),
        );
        assert_eq!(a.make_token(), b.make_token());
        assert_ne!(
            a.make_token(),
            IdempotencyTokenProvider::seeded(8).make_token()
        );
    }

    #[test]
    fn timeouts_merge_over_the_current_ones() {
        let connect = TimeoutConfig::builder()
            .connect_timeout(Duration::from_secs(2))
            .build();
        let only_operation = TimeoutConfig::builder()
            .operation_timeout(Duration::from_secs(5))
            .build();
        let config = Config::builder()
            .timeout_config(connect)
            .timeout_config(only_operation)
            .build();
        let timeouts = config.timeout_config().unwrap();
        assert_eq!(timeouts.operation_timeout(), Some(Duration::from_secs(5)));
        assert_eq!(timeouts.connect_timeout(), Some(Duration::from_secs(2)));
        // Nothing set, nothing there: the defaults are the runtime's.
        assert!(Config::builder().build().timeout_config().is_none());
        assert!(Config::builder().build().retry_config().is_none());
    }

    #[test]
    #[allow(
        deprecated,
        reason = "an older behavior version, as a user can name it"
    )]
    fn retries_default_by_behavior_version_as_in_aws_sdk_rust() {
        let latest = Config::builder().build().effective_retry_config();
        assert_eq!(latest.max_attempts(), 3);
        let old = Config::builder()
            .behavior_version(BehaviorVersion::v2024_03_28())
            .build()
            .effective_retry_config();
        assert_eq!(old.max_attempts(), 1);
        let set = Config::builder()
            .behavior_version(BehaviorVersion::v2024_03_28())
            .retry_config(RetryConfig::standard().with_max_attempts(5))
            .build()
            .effective_retry_config();
        assert_eq!(set.max_attempts(), 5);
    }

    #[test]
    fn an_override_wins_where_it_sets_and_keeps_the_rest() {
        let base = Config::builder()
            .region(Region::new("us-west-2"))
            .endpoint_url("http://base")
            .retry_config(RetryConfig::standard().with_max_attempts(4))
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(2))
                    .build(),
            )
            .app_name(AppName::new("base-app").unwrap())
            .build();
        let over = Config::builder()
            .endpoint_url("http://override")
            .timeout_config(
                TimeoutConfig::builder()
                    .operation_timeout(Duration::from_secs(9))
                    .build(),
            )
            .validation(false)
            .build()
            .layered_over(&base);
        assert_eq!(over.endpoint_url(), Some("http://override"));
        assert_eq!(over.region().map(|r| r.as_ref()), Some("us-west-2"));
        assert_eq!(over.retry_config().map(|r| r.max_attempts()), Some(4));
        let timeouts = over.timeout_config().unwrap();
        assert_eq!(timeouts.operation_timeout(), Some(Duration::from_secs(9)));
        assert_eq!(timeouts.connect_timeout(), Some(Duration::from_secs(2)));
        assert_eq!(over.app_name().map(AsRef::as_ref), Some("base-app"));
        assert!(!over.validation_enabled());
        // A disabled timeout configuration turns every timeout off.
        let off = Config::builder()
            .timeout_config(TimeoutConfig::disabled())
            .build()
            .layered_over(&base);
        assert!(!off.timeout_config().unwrap().has_timeouts());
    }

    #[test]
    fn debug_hides_credentials() {
        let creds = aws_credential_types::Credentials::new(
            "AKIDEXAMPLE",
            "s3cr3t-key",
            Some("tok3n".into()),
            None,
            "test",
        );
        let cfg = Config::builder().credentials_provider(creds).build();
        let dbg = format!("{cfg:?}");
        assert!(
            !dbg.contains("s3cr3t-key") && !dbg.contains("tok3n") && !dbg.contains("AKIDEXAMPLE"),
            "{dbg}"
        );
    }

    #[test]
    fn debug_hides_bearer_tokens() {
        let cfg = Config::builder()
            .bearer_token(Token::new("b3arer-s3cret", None))
            .build();
        let dbg = format!("{cfg:?} {:?}", cfg.to_builder());
        assert!(!dbg.contains("b3arer-s3cret"), "{dbg}");
        assert!(
            dbg.contains("token_provider: Some(\"** redacted **\")"),
            "{dbg}"
        );
    }

    #[test]
    fn sdk_config_carries_the_app_name() {
        let sdk = SdkConfig::builder()
            .app_name(AppName::new("team-tool").unwrap())
            .build();
        assert_eq!(
            Config::from(&sdk).app_name().map(AsRef::as_ref),
            Some("team-tool")
        );
        assert_eq!(
            Builder::from(&sdk).build().app_name().map(AsRef::as_ref),
            Some("team-tool")
        );
    }

    #[test]
    fn sdk_config_carries_the_token_provider() {
        let sdk = SdkConfig::builder()
            .token_provider(SharedTokenProvider::new(Token::new("t", None)))
            .build();
        assert!(Config::from(&sdk).token_provider().is_some());
        assert!(Config::from(&SdkConfig::builder().build())
            .token_provider()
            .is_none());
    }
}
