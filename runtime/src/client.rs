//! One orchestrator operation from a generated serializer and deserializer.
//!
//! The request pipeline (endpoint, signing, retries, timeouts, interceptors)
//! is `aws-smithy-runtime`'s orchestrator; this module only fills its config
//! bag and runtime components the way an AWS SDK client does.

use crate::config::{Config, IdempotencyTokenProvider};
use crate::http::{HostPrefix, RedactedPayloadHash};
use crate::validation::ValidationError;
use aws_runtime::auth::sigv4::{SigV4AuthScheme, SCHEME_ID as SIGV4};
use aws_runtime::auth::{PayloadSigningOverride, SigV4OperationSigningConfig};
use aws_runtime::invocation_id::InvocationIdInterceptor;
use aws_runtime::request_info::RequestInfoInterceptor;
use aws_runtime::retries::classifiers::AwsErrorCodeClassifier;
use aws_runtime::user_agent::{ApiMetadata, UserAgentInterceptor};
use aws_smithy_async::future::pagination_stream::fn_stream::FnStream;
use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime::client::orchestrator::operation::Operation;
use aws_smithy_runtime::client::retries::classifiers::{
    HttpStatusCodeClassifier, ModeledAsRetryableClassifier, TransientErrorClassifier,
};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::auth::static_resolver::StaticAuthSchemeOptionResolver;
use aws_smithy_runtime_api::client::auth::AuthSchemeOptionResolverParams;
use aws_smithy_runtime_api::client::endpoint::EndpointPrefix;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::{
    HttpRequest, HttpResponse, OrchestratorError, SensitiveOutput,
};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::{SharedRuntimePlugin, StaticRuntimePlugin};
use aws_smithy_types::config_bag::{ConfigBag, Layer};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_smithy_types::error::operation::BuildError;
use aws_smithy_types::retry::ProvideErrorKind;
use aws_types::region::{Region, SigningRegion};
use aws_types::SigningName;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// What a generated SDK knows about its service.
#[derive(Debug)]
pub struct ServiceMetadata {
    /// The SDK id (`aws.api#service` `sdkId`), e.g. `Chime`.
    pub sdk_id: &'static str,
    /// The SigV4 signing name (`aws.auth#sigv4` `name`).
    pub signing_name: &'static str,
    /// Where requests go when no endpoint URL is configured.
    pub endpoint: DefaultEndpoint,
    /// Version of the generated crate, for the user agent.
    pub crate_version: &'static str,
}

/// The service's endpoint when no endpoint URL is configured.
#[derive(Debug)]
pub enum DefaultEndpoint {
    /// One endpoint for every region, signed for one region.
    Global {
        /// The endpoint URL.
        url: &'static str,
        /// The region requests are signed for.
        signing_region: &'static str,
    },
    /// `https://{prefix}.{region}.amazonaws.com`, signed for the region.
    Regional {
        /// The endpoint prefix (`aws.api#service` `endpointPrefix`).
        prefix: &'static str,
    },
}

/// Implemented by generated operation inputs.
pub trait OperationInput {
    /// Fills members marked `@idempotencyToken` that are unset; an input
    /// without such members keeps this default, which does nothing.
    fn fill_idempotency_tokens(&mut self, _provider: &IdempotencyTokenProvider) {}
    /// Checks every modeled constraint, reporting all violations.
    fn validate(&self) -> Result<(), ValidationError>;
}

/// A generated operation: its name, serializer and deserializer.
pub struct OperationSpec<I, O, E> {
    /// The operation's name in the model.
    pub name: &'static str,
    /// Turns an input into an HTTP request (relative URI).
    pub serialize: fn(I) -> Result<HttpRequest, BoxError>,
    /// Reads the output from a success response.
    pub deserialize: fn(&HttpResponse) -> Result<O, crate::json::DeserializeError>,
    /// Turns an error response into the operation's typed error.
    pub error: fn(crate::error::ErrorResponse<'_>) -> E,
    /// The output or an error holds `@sensitive` members: keep response
    /// bodies out of the runtime's trace log.
    pub sensitive_output: bool,
}

impl<I, O, E> OperationSpec<I, O, E> {
    /// The output of a success response, else the typed error of an error
    /// response; a body that does not match the model is a response error.
    /// What aws-smithy-runtime's operation builder calls as deserializer.
    pub fn read_response(&self, response: &HttpResponse) -> Result<O, OrchestratorError<E>> {
        if !response.status().is_success() {
            let parsed = crate::error::parse_error_response(response);
            return Err(OrchestratorError::operation((self.error)(parsed)));
        }
        (self.deserialize)(response).map_err(|e| OrchestratorError::response(Box::new(e)))
    }
}

/// Carries what a serializer attached to its request into the config bag:
/// the payload hash of a body kept out of logs, for the SigV4 signer (see
/// [`crate::http::json_request`]), and the `@endpoint` host prefix. Runs
/// once after serialization, so both hold for every attempt.
#[derive(Debug)]
struct RequestHints;

impl Intercept for RequestHints {
    fn name(&self) -> &'static str {
        "RequestHints"
    }

    fn read_after_serialization(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(prefix) = context.request().extension::<HostPrefix>() {
            let prefix = EndpointPrefix::new(prefix.0.clone())?;
            cfg.interceptor_state().store_put(prefix);
        }
        if let Some(hash) = context.request().extension::<RedactedPayloadHash>() {
            cfg.interceptor_state()
                .store_put(PayloadSigningOverride::Precomputed(hash.0.clone()));
        }
        Ok(())
    }
}

/// How an operation pages: where the next token goes in the input and where
/// it comes from in the output (`@paginated`).
pub struct PageSpec<I, O> {
    /// Sets the input's token member.
    pub set_token: fn(&mut I, Option<String>),
    /// Reads the output's next token.
    pub next_token: fn(&O) -> Option<&str>,
}

/// A stream of pages, or of errors ending it.
pub type Pages<O, E> = PaginationStream<Result<O, SdkError<E, HttpResponse>>>;

/// A problem with the configuration, found before anything is sent.
#[derive(Debug)]
pub struct ConfigError(&'static str);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for ConfigError {}

/// The shared state behind a generated `Client`.
pub struct Handle {
    /// Built operations by the address of their (static) spec.
    operations:
        std::sync::RwLock<std::collections::HashMap<usize, Arc<dyn std::any::Any + Send + Sync>>>,
    config: Config,
    meta: &'static ServiceMetadata,
    endpoint: Result<String, ConfigError>,
    plugin: SharedRuntimePlugin,
    /// The configured HTTP client, else the default one: one connection pool
    /// for every operation of the client.
    http_client: SharedHttpClient,
}

/// The HTTPS client used where the configuration names none: hyper with
/// rustls and system root certificates, as aws-smithy-runtime's own default,
/// but on the *ring* crypto provider instead of aws-lc-rs. The two offer the
/// same TLS 1.2/1.3 cipher suites to AWS endpoints; with aws-lc-rs a minimal
/// stripped binary calling `create_room` was 7.34 MiB, with *ring* 5.33 MiB
/// (BENCHMARKS.md). A user who wants aws-lc-rs (FIPS, post-quantum key
/// exchange) sets any `HttpClient` in the config, e.g. the one of
/// `aws_config`.
pub fn default_https_client() -> SharedHttpClient {
    use aws_smithy_http_client::tls::{rustls_provider::CryptoMode, Provider};
    aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::Ring))
        .build_https()
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("config", &self.config)
            .field("service", &self.meta.sdk_id)
            .finish()
    }
}

impl Handle {
    /// Resolves the endpoint and signing setup once for every call.
    pub fn new(config: Config, meta: &'static ServiceMetadata) -> Self {
        let region = config.region.as_ref().map(|r| r.as_ref().to_owned());
        // A global endpoint signs for its own region; a regional one needs
        // the configured region, for the host name and for SigV4 alike.
        let no_region = || ConfigError("no region is configured: set one in Config or SdkConfig");
        let (endpoint, signing_region) = match (&config.endpoint_url, &meta.endpoint) {
            (Some(url), DefaultEndpoint::Global { signing_region, .. }) => {
                (Ok(url.clone()), region.or(Some(signing_region.to_string())))
            }
            (
                None,
                DefaultEndpoint::Global {
                    url,
                    signing_region,
                },
            ) => (Ok(url.to_string()), Some(signing_region.to_string())),
            (Some(url), DefaultEndpoint::Regional { .. }) => match region {
                Some(r) => (Ok(url.clone()), Some(r)),
                None => (Err(no_region()), None),
            },
            (None, DefaultEndpoint::Regional { prefix }) => match region {
                Some(r) => (Ok(format!("https://{prefix}.{r}.amazonaws.com")), Some(r)),
                None => (Err(no_region()), None),
            },
        };

        let mut layer = Layer::new(meta.sdk_id);
        layer.store_put(AuthSchemeOptionResolverParams::new(()));
        layer.store_put(SigV4OperationSigningConfig {
            region: signing_region.map(|r| SigningRegion::from(Region::new(r))),
            name: Some(SigningName::from_static(meta.signing_name)),
            ..Default::default()
        });
        layer.store_put(ApiMetadata::new(meta.sdk_id, meta.crate_version));

        let mut components = RuntimeComponentsBuilder::new(meta.sdk_id)
            .with_auth_scheme_option_resolver(Some(StaticAuthSchemeOptionResolver::new(vec![
                SIGV4,
            ])))
            .with_auth_scheme(SigV4AuthScheme::new())
            .with_interceptor(UserAgentInterceptor::new())
            .with_interceptor(InvocationIdInterceptor::new())
            .with_interceptor(RequestInfoInterceptor::new())
            .with_interceptor(RequestHints);
        if let Some(credentials) = &config.credentials_provider {
            components.set_identity_resolver(SIGV4, credentials.clone());
        }
        if let Some(sleep) = &config.sleep_impl {
            components.set_sleep_impl(Some(sleep.clone()));
        }
        if let Some(time) = &config.time_source {
            components.set_time_source(Some(time.clone()));
        }
        let plugin = SharedRuntimePlugin::new(
            StaticRuntimePlugin::new()
                .with_config(layer.freeze())
                .with_runtime_components(components),
        );
        let http_client = config
            .http_client
            .clone()
            .unwrap_or_else(default_https_client);
        Self {
            operations: Default::default(),
            config,
            meta,
            endpoint,
            plugin,
            http_client,
        }
    }

    /// The client's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Pages through an operation: calls it, yields the output, and calls it
    /// again with the output's next token until there is none (or the
    /// service repeats a token, which would loop forever). An error ends the
    /// stream after it is yielded.
    pub fn paginate<I, O, E>(
        self: Arc<Self>,
        spec: &'static OperationSpec<I, O, E>,
        input: Result<I, BuildError>,
        page: PageSpec<I, O>,
    ) -> Pages<O, E>
    where
        I: OperationInput + Clone + fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: std::error::Error
            + ProvideErrorKind
            + ProvideErrorMetadata
            + fmt::Debug
            + Send
            + Sync
            + 'static,
    {
        PaginationStream::new(FnStream::new(move |tx| {
            Box::pin(async move {
                let mut input = match input {
                    Ok(input) => input,
                    Err(e) => {
                        let _ = tx.send(Err(SdkError::construction_failure(e))).await;
                        return;
                    }
                };
                let mut previous: Option<String> = None;
                loop {
                    let result = self.invoke(spec, input.clone()).await;
                    let next = result
                        .as_ref()
                        .ok()
                        .and_then(|out| (page.next_token)(out))
                        .filter(|t| !t.is_empty())
                        .map(str::to_owned);
                    let done = next.is_none() || next == previous;
                    if tx.send(result).await.is_err() || done {
                        return;
                    }
                    (page.set_token)(&mut input, next.clone());
                    previous = next;
                }
            }) as Pin<Box<dyn Future<Output = ()> + Send>>
        }))
    }

    /// Runs one operation: fills idempotency tokens, validates (unless turned
    /// off), then hands the input to the orchestrator. Problems found before
    /// sending are construction failures; nothing is sent for them.
    pub async fn invoke<I, O, E>(
        &self,
        spec: &'static OperationSpec<I, O, E>,
        mut input: I,
    ) -> Result<O, SdkError<E, HttpResponse>>
    where
        I: OperationInput + fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: std::error::Error
            + ProvideErrorKind
            + ProvideErrorMetadata
            + fmt::Debug
            + Send
            + Sync
            + 'static,
    {
        input.fill_idempotency_tokens(&self.config.idempotency_token_provider);
        if self.config.validation {
            input.validate().map_err(SdkError::construction_failure)?;
        }
        let endpoint = self
            .endpoint
            .as_ref()
            .map_err(|e| SdkError::construction_failure(ConfigError(e.0)))?;
        if self.config.credentials_provider.is_none() {
            return Err(SdkError::construction_failure(ConfigError(
                "no credentials provider is configured: set one in Config or load SdkConfig with aws-config",
            )));
        }
        let op = self.operation(spec, endpoint);
        op.invoke(input).await
    }

    /// The orchestrator operation for `spec`, built on first use and kept:
    /// building one applies the default runtime plugins and this client's
    /// plugin, work a call need not repeat. (When the default plugins also
    /// made the HTTPS client, building per call meant a new connection pool
    /// per call.)
    fn operation<I, O, E>(
        &self,
        spec: &'static OperationSpec<I, O, E>,
        endpoint: &str,
    ) -> Arc<Operation<I, O, E>>
    where
        I: fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: std::error::Error
            + ProvideErrorKind
            + ProvideErrorMetadata
            + fmt::Debug
            + Send
            + Sync
            + 'static,
    {
        let key = spec as *const OperationSpec<I, O, E> as usize;
        let cached = self
            .operations
            .read()
            .ok()
            .and_then(|ops| ops.get(&key).cloned());
        if let Some(op) = cached.and_then(|op| op.downcast::<Operation<I, O, E>>().ok()) {
            return op;
        }
        let mut op = Operation::builder()
            .service_name(self.meta.sdk_id)
            .operation_name(spec.name)
            .behavior_version(self.config.behavior_version)
            .endpoint_url(endpoint)
            .standard_retry(&self.config.retry_config)
            .timeout_config(self.config.timeout_config.clone())
            .retry_classifier(ModeledAsRetryableClassifier::<E>::new())
            .retry_classifier(AwsErrorCodeClassifier::<E>::new())
            .retry_classifier(TransientErrorClassifier::<E>::new())
            .retry_classifier(HttpStatusCodeClassifier::default())
            .runtime_plugin(self.plugin.clone());
        op = op.http_client(self.http_client.clone());
        if spec.sensitive_output {
            let mut layer = Layer::new("sensitive output");
            layer.store_put(SensitiveOutput);
            op = op.runtime_plugin(StaticRuntimePlugin::new().with_config(layer.freeze()));
        }
        let op = Arc::new(
            op.serializer(spec.serialize)
                .deserializer(move |response| spec.read_response(response))
                .build(),
        );
        if let Ok(mut ops) = self.operations.write() {
            ops.insert(key, op.clone());
        }
        op
    }
}
