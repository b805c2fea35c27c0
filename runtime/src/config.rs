//! Client configuration shared by every generated SDK.

use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_async::rt::sleep::SharedAsyncSleep;
use aws_smithy_async::time::SharedTimeSource;
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::http::{HttpClient, SharedHttpClient};
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
    pub(crate) endpoint_url: Option<String>,
    pub(crate) retry_config: RetryConfig,
    pub(crate) timeout_config: TimeoutConfig,
    pub(crate) http_client: Option<SharedHttpClient>,
    pub(crate) sleep_impl: Option<SharedAsyncSleep>,
    pub(crate) time_source: Option<SharedTimeSource>,
    pub(crate) behavior_version: BehaviorVersion,
    pub(crate) validation: bool,
    pub(crate) idempotency_token_provider: IdempotencyTokenProvider,
}

impl Config {
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

    /// The retry configuration.
    pub fn retry_config(&self) -> &RetryConfig {
        &self.retry_config
    }

    /// The timeout configuration.
    pub fn timeout_config(&self) -> &TimeoutConfig {
        &self.timeout_config
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
            endpoint_url: None,
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
        }
    }
}

// Hand-written so that nothing a credentials provider holds can reach the output.
impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("region", &self.region)
            .field(
                "credentials_provider",
                &self.credentials_provider.as_ref().map(|_| "** redacted **"),
            )
            .field("endpoint_url", &self.endpoint_url)
            .field("retry_config", &self.retry_config)
            .field("timeout_config", &self.timeout_config)
            .field("http_client", &self.http_client.as_ref().map(|_| "set"))
            .field("validation", &self.validation)
            .field(
                "idempotency_token_provider",
                &self.idempotency_token_provider,
            )
            .finish()
    }
}

impl From<&SdkConfig> for Config {
    fn from(sdk: &SdkConfig) -> Self {
        let defaults = Config::default();
        Self {
            region: sdk.region().cloned(),
            credentials_provider: sdk.credentials_provider(),
            endpoint_url: sdk.endpoint_url().map(str::to_owned),
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

impl Builder {
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

    /// Sends every request to this URL instead of the service's endpoint.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self
    }

    /// Sets the retry configuration.
    pub fn retry_config(mut self, retry_config: RetryConfig) -> Self {
        self.config.retry_config = retry_config;
        self
    }

    /// Sets the timeout configuration.
    pub fn timeout_config(mut self, timeout_config: TimeoutConfig) -> Self {
        self.config.timeout_config = timeout_config;
        self
    }

    /// Sets the HTTP client (the default is the smithy-rs HTTPS client).
    pub fn http_client(mut self, http_client: impl HttpClient + 'static) -> Self {
        self.config.http_client = Some(http_client.into_shared());
        self
    }

    /// Sets the async sleep implementation used between retries.
    pub fn sleep_impl(mut self, sleep_impl: SharedAsyncSleep) -> Self {
        self.config.sleep_impl = Some(sleep_impl);
        self
    }

    /// Sets the time source used for signing.
    pub fn time_source(mut self, time_source: SharedTimeSource) -> Self {
        self.config.time_source = Some(time_source);
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

    /// Sets how idempotency tokens are made for members left unset.
    pub fn idempotency_token_provider(mut self, provider: IdempotencyTokenProvider) -> Self {
        self.config.idempotency_token_provider = provider;
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
}
