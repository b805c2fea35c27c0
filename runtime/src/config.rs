//! Client configuration shared by every generated SDK.

use aws_credential_types::provider::token::{ProvideToken, SharedTokenProvider};
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Token;
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
use aws_types::region::Region;
use aws_types::SdkConfig;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Default connect timeout, the same as the AWS SDKs use.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// Configuration of a generated client.
///
/// Build one with [`Config::builder`], or convert an [`SdkConfig`] loaded
/// by `aws-config` with `Config::from(&sdk_config)`.
#[derive(Clone)]
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
    pub(crate) retry_config: RetryConfig,
    pub(crate) timeout_config: TimeoutConfig,
    pub(crate) http_client: Option<SharedHttpClient>,
    pub(crate) sleep_impl: Option<SharedAsyncSleep>,
    pub(crate) time_source: Option<SharedTimeSource>,
    pub(crate) behavior_version: BehaviorVersion,
    pub(crate) validation: bool,
    pub(crate) idempotency_token_provider: IdempotencyTokenProvider,
    pub(crate) interceptors: Vec<SharedInterceptor>,
}

impl Config {
    /// The configuration of a shared [`SdkConfig`] (as `aws-config` loads
    /// it): the same as `Config::from(sdk_config)`.
    pub fn new(sdk_config: &SdkConfig) -> Self {
        Self::from(sdk_config)
    }

    /// A builder with the defaults: standard retries (3 attempts), a 3.1 s
    /// connect timeout, validation on, random UUIDv4 idempotency tokens.
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

    /// The retry configuration (always set: standard retries unless
    /// configured otherwise; an `Option` as in aws-sdk-rust).
    pub fn retry_config(&self) -> Option<&RetryConfig> {
        Some(&self.retry_config)
    }

    /// The timeout configuration (always set: a 3.1 s connect timeout unless
    /// configured otherwise; an `Option` as in aws-sdk-rust).
    pub fn timeout_config(&self) -> Option<&TimeoutConfig> {
        Some(&self.timeout_config)
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

    /// The behavior version of the runtime's defaults.
    pub fn behavior_version(&self) -> Option<BehaviorVersion> {
        Some(self.behavior_version)
    }

    /// The interceptors added to every operation, in order.
    pub fn interceptors(&self) -> impl Iterator<Item = SharedInterceptor> + '_ {
        self.interceptors.iter().cloned()
    }

    /// Whether inputs are validated against the model's constraints before
    /// any I/O.
    pub fn validation_enabled(&self) -> bool {
        self.validation
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

    /// The provider of idempotency tokens for members that have none set.
    pub fn idempotency_token_provider(&self) -> &IdempotencyTokenProvider {
        &self.idempotency_token_provider
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            region: None,
            credentials_provider: None,
            token_provider: None,
            basic_auth_login: None,
            api_key: None,
            endpoint_url: None,
            use_fips: None,
            use_dual_stack: None,
            partitions: None,
            endpoint_resolver: None,
            retry_config: RetryConfig::standard(),
            timeout_config: TimeoutConfig::builder()
                .connect_timeout(DEFAULT_CONNECT_TIMEOUT)
                .build(),
            http_client: None,
            sleep_impl: None,
            time_source: None,
            behavior_version: BehaviorVersion::latest(),
            validation: true,
            idempotency_token_provider: IdempotencyTokenProvider::random(),
            interceptors: Vec::new(),
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
            .field("validation", &self.validation)
            .field(
                "idempotency_token_provider",
                &self.idempotency_token_provider,
            )
            .field("interceptors", &self.interceptors.len())
            .finish()
    }
}

impl From<&SdkConfig> for Config {
    fn from(sdk: &SdkConfig) -> Self {
        let defaults = Config::default();
        Self {
            region: sdk.region().cloned(),
            credentials_provider: sdk.credentials_provider(),
            token_provider: sdk.token_provider(),
            endpoint_url: sdk.endpoint_url().map(str::to_owned),
            use_fips: sdk.use_fips(),
            use_dual_stack: sdk.use_dual_stack(),
            partitions: None,
            endpoint_resolver: None,
            retry_config: sdk.retry_config().cloned().unwrap_or(defaults.retry_config),
            timeout_config: sdk
                .timeout_config()
                .cloned()
                .unwrap_or(defaults.timeout_config),
            http_client: sdk.http_client(),
            sleep_impl: sdk.sleep_impl(),
            time_source: sdk.time_source(),
            behavior_version: sdk.behavior_version().unwrap_or(defaults.behavior_version),
            ..defaults
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
    /// A builder with the defaults (as [`Config::builder`]).
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

    /// Sets the retry configuration (`None` restores standard retries).
    pub fn set_retry_config(&mut self, retry_config: Option<RetryConfig>) -> &mut Self {
        self.config.retry_config = retry_config.unwrap_or_else(RetryConfig::standard);
        self
    }

    /// Sets timeouts as [`Builder::timeout_config`] does; `None` changes
    /// nothing.
    pub fn set_timeout_config(&mut self, timeout_config: Option<TimeoutConfig>) -> &mut Self {
        if let Some(timeout_config) = timeout_config {
            let mut merged = timeout_config;
            merged.take_defaults_from(&self.config.timeout_config);
            self.config.timeout_config = merged;
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
        self.config.behavior_version = behavior_version.unwrap_or_else(BehaviorVersion::latest);
        self
    }

    /// Uses the latest behavior version of the runtime's defaults.
    pub fn behavior_version_latest(mut self) -> Self {
        self.config.behavior_version = BehaviorVersion::latest();
        self
    }

    /// Sets how idempotency tokens are made (`None` restores random UUIDs).
    pub fn set_idempotency_token_provider(
        &mut self,
        provider: Option<IdempotencyTokenProvider>,
    ) -> &mut Self {
        self.config.idempotency_token_provider =
            provider.unwrap_or_else(IdempotencyTokenProvider::random);
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
        self.config.retry_config = retry_config;
        self
    }

    /// Sets timeouts: those `timeout_config` sets replace the current ones,
    /// the others are kept (as in aws-sdk-rust, so setting an operation
    /// timeout keeps the connect timeout).
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
        self.config.behavior_version = behavior_version;
        self
    }

    /// Turns validation of inputs against the model's constraints on or off
    /// (on by default). With it off, the service is left to reject bad input.
    pub fn validation(mut self, enabled: bool) -> Self {
        self.config.validation = enabled;
        self
    }

    /// Sets how idempotency tokens are made for members left unset (a
    /// `&'static str` gives that one token every time, as in aws-sdk-rust).
    pub fn idempotency_token_provider(
        mut self,
        provider: impl Into<IdempotencyTokenProvider>,
    ) -> Self {
        self.config.idempotency_token_provider = provider.into();
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
    pub fn random() -> Self {
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
        let only_operation = TimeoutConfig::builder()
            .operation_timeout(Duration::from_secs(5))
            .build();
        let config = Config::builder().timeout_config(only_operation).build();
        assert_eq!(
            config.timeout_config.operation_timeout(),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            config.timeout_config.connect_timeout(),
            Some(DEFAULT_CONNECT_TIMEOUT)
        );
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
