//! One orchestrator operation from a generated serializer and deserializer.
//!
//! The request pipeline (endpoint, signing, retries, timeouts, interceptors)
//! is `aws-smithy-runtime`'s orchestrator; this module only fills its config
//! bag and runtime components the way an AWS SDK client does.

mod api_key;
mod endpoint;

use crate::config::{Config, IdempotencyTokenProvider};
use crate::http::customize::{apply_endpoint_override, EndpointOverride};
use crate::http::{HostPrefix, RedactedPayloadHash, UnsignedPayload};
use crate::validation::ValidationError;
use aws_runtime::auth::sigv4::SigV4AuthScheme;
use aws_runtime::auth::{PayloadSigningOverride, SigV4OperationSigningConfig};
use aws_runtime::invocation_id::InvocationIdInterceptor;
use aws_runtime::request_info::RequestInfoInterceptor;
use aws_runtime::retries::classifiers::AwsErrorCodeClassifier;
use aws_runtime::user_agent::{ApiMetadata, UserAgentInterceptor};
use aws_smithy_async::future::pagination_stream::fn_stream::FnStream;
use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime::client::auth::http::{BasicAuthScheme, BearerAuthScheme};
use aws_smithy_runtime::client::auth::no_auth::NoAuthScheme;
use aws_smithy_runtime::client::identity::no_auth::NoAuthIdentityResolver;
use aws_smithy_runtime::client::interceptors::{MapRequestInterceptor, MutateRequestInterceptor};
use aws_smithy_runtime::client::orchestrator::operation::{Operation, OperationBuilder};
use aws_smithy_runtime::client::retries::classifiers::{
    HttpStatusCodeClassifier, ModeledAsRetryableClassifier, TransientErrorClassifier,
};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::auth::static_resolver::StaticAuthSchemeOptionResolver;
use aws_smithy_runtime_api::client::auth::{AuthSchemeId, AuthSchemeOptionResolverParams};
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_smithy_runtime_api::client::endpoint::EndpointPrefix;
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeTransmitInterceptorContextMut, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::context::{Error as TypeErasedError, Output};
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::client::orchestrator::{
    HttpRequest, HttpResponse, OrchestratorError, SensitiveOutput,
};
use aws_smithy_runtime_api::client::result::{CreateUnhandledError, SdkError};
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;
use aws_smithy_runtime_api::client::runtime_plugin::{SharedRuntimePlugin, StaticRuntimePlugin};
use aws_smithy_runtime_api::client::ser_de::DeserializeResponse;
use aws_smithy_types::config_bag::{ConfigBag, Layer};
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_smithy_types::error::operation::BuildError;
use aws_smithy_types::error::ErrorMetadata;
use aws_smithy_types::retry::ProvideErrorKind;
use aws_types::region::{Region, SigningRegion};
use aws_types::SigningName;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// The auth schemes an operation can list in [`OperationSpec::auth`]: the
/// ids of the smithy-rs runtime's schemes, which sign the request (or, for
/// [`NO_AUTH`](auth::NO_AUTH), leave it as is).
pub mod auth {
    /// SigV4 (`aws.auth#sigv4`), with the configured credentials provider.
    pub use aws_runtime::auth::sigv4::SCHEME_ID as SIGV4;
    /// No authentication (`smithy.api#auth: []`, or the last option of an
    /// `@optionalAuth` operation).
    pub use aws_smithy_runtime::client::auth::no_auth::NO_AUTH_SCHEME_ID as NO_AUTH;
    /// `Authorization: Basic base64(user:password)`
    /// (`smithy.api#httpBasicAuth`), with the configured login.
    pub use aws_smithy_runtime_api::client::auth::http::HTTP_BASIC_AUTH_SCHEME_ID as HTTP_BASIC;
    /// `Authorization: Bearer <token>` (`smithy.api#httpBearerAuth`), with
    /// the configured token provider.
    pub use aws_smithy_runtime_api::client::auth::http::HTTP_BEARER_AUTH_SCHEME_ID as HTTP_BEARER;
    pub use aws_smithy_runtime_api::client::auth::AuthSchemeId;

    /// An API key scheme of the service (`smithy.api#httpApiKeyAuth`,
    /// OpenAPI `apiKey`): the configured API key goes where it says. An
    /// operation lists the scheme by its `id`.
    #[derive(Clone, Debug)]
    pub struct ApiKey {
        /// The scheme's id, unique in the service.
        pub id: AuthSchemeId,
        /// The header, query parameter or cookie name.
        pub name: &'static str,
        /// Where the key goes.
        pub location: ApiKeyLocation,
        /// For a header: the auth scheme written before the key
        /// (`Authorization: ApiKey <key>`); `None` sends the key alone.
        pub scheme: Option<&'static str>,
    }

    /// Where an API key goes.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ApiKeyLocation {
        /// A request header.
        Header,
        /// A query string parameter, percent-encoded.
        Query,
        /// A cookie: `Cookie: <name>=<key>`, after the request's own
        /// cookies.
        Cookie,
    }
}

/// What a generated SDK knows about its service.
#[derive(Debug)]
pub struct ServiceMetadata {
    /// The SDK id (`aws.api#service` `sdkId`), e.g. `Chime SDK Meetings`.
    pub sdk_id: &'static str,
    /// The service's token in the user agent (`api/<id>/<version>`), as
    /// aws-sdk-rust forms it from the SDK id: lower case, without spaces
    /// (`chimesdkmeetings`).
    pub user_agent_id: &'static str,
    /// The SigV4 signing name (`aws.auth#sigv4` `name`), for services with
    /// operations signed with SigV4.
    pub signing_name: Option<&'static str>,
    /// The service's API key schemes, each of which places the configured
    /// API key (`Config::builder().api_key(...)`) its own way.
    pub api_keys: &'static [auth::ApiKey],
    /// Where requests go when no endpoint URL is configured and the service
    /// has no endpoint rules.
    pub endpoint: DefaultEndpoint,
    /// The service's endpoint rule set (`smithy.rules#endpointRuleSet`):
    /// unless the configuration has an endpoint resolver, the rules decide
    /// the endpoint and its signing region and name, from the configured
    /// region, endpoint URL, FIPS and dual-stack settings and the
    /// operation's own rule parameters.
    pub rules: Option<Rules>,
    /// Version of the generated crate, for the user agent.
    pub crate_version: &'static str,
}

/// A service's endpoint rule set as the model states it (JSON text), read
/// once per process, at the first client or test that needs it.
pub struct Rules {
    text: &'static str,
    parsed: std::sync::OnceLock<Result<Arc<crate::endpoint::RuleSet>, String>>,
}

impl Rules {
    /// The rule set of `text` (read at first use).
    pub const fn new(text: &'static str) -> Self {
        Self {
            text,
            parsed: std::sync::OnceLock::new(),
        }
    }

    /// The rule set, or why it cannot be read.
    pub fn rule_set(&self) -> Result<&Arc<crate::endpoint::RuleSet>, &str> {
        self.parsed
            .get_or_init(|| {
                crate::endpoint::RuleSet::from_json(self.text)
                    .map(Arc::new)
                    .map_err(|e| format!("the service's endpoint rules cannot be read: {e}"))
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rules").finish_non_exhaustive()
    }
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
    /// Sets members the service's SDK fills when they are unset or empty
    /// (a service customization, such as Glacier's account id `-`); runs
    /// before validation. Most inputs keep this default, which does nothing.
    fn fill_customized(&mut self) {}
    /// Checks every modeled constraint, reporting all violations.
    fn validate(&self) -> Result<(), ValidationError>;
}

/// What the runtime needs of an operation's error type (each generated
/// `<Op>Error` is one): an error with a code, metadata and a retry kind,
/// that can stand for an error the model does not describe.
pub trait OperationError:
    std::error::Error
    + ProvideErrorKind
    + ProvideErrorMetadata
    + CreateUnhandledError
    + fmt::Debug
    + Send
    + Sync
    + 'static
{
}

impl<E> OperationError for E where
    E: std::error::Error
        + ProvideErrorKind
        + ProvideErrorMetadata
        + CreateUnhandledError
        + fmt::Debug
        + Send
        + Sync
        + 'static
{
}

/// A generated operation: its name, serializer and deserializer.
pub struct OperationSpec<I, O, E> {
    /// The operation's name in the model.
    pub name: &'static str,
    /// Turns an input into an HTTP request (relative URI).
    pub serialize: fn(I) -> Result<HttpRequest, BoxError>,
    /// Reads the output from a success response.
    pub deserialize: Deserialize<O>,
    /// Turns an error response into the operation's typed error.
    pub error: fn(crate::error::ErrorResponse<'_>) -> E,
    /// The output or an error holds `@sensitive` members: keep response
    /// bodies out of the runtime's trace log.
    pub sensitive_output: bool,
    /// The auth schemes to try, in order ([`auth`]): the first whose
    /// identity is configured signs the request; [`auth::NO_AUTH`] always
    /// can.
    pub auth: &'static [AuthSchemeId],
    /// Sets the endpoint rule parameters the operation sets
    /// (`staticContextParams`, `contextParam` members,
    /// `operationContextParams`) from its input; `None` where it sets none.
    pub endpoint_params: Option<fn(&I, &mut crate::endpoint::Params)>,
}

/// How an operation reads a success response.
pub enum Deserialize<O> {
    /// From the whole body, read into memory first.
    Buffered(fn(&HttpResponse) -> Result<O, crate::json::DeserializeError>),
    /// Headers first, then the body taken unread as the output's stream
    /// (a `@streaming` blob payload): never buffered whole.
    Streaming(fn(&mut HttpResponse) -> Result<O, crate::json::DeserializeError>),
}

impl<I, O, E: CreateUnhandledError> OperationSpec<I, O, E> {
    /// The output of a success response, else the typed error of an error
    /// response. A success whose body does not match the model is the
    /// operation's `Unhandled` error (a service error, with the parse error
    /// as its source and the response's request id), as aws-sdk-rust's
    /// deserializers make it (`CreateRoomError::unhandled`): no retry
    /// classifier retries it, where a response error would be retried as
    /// transient. What the orchestrator calls once the body is read.
    pub fn read_response(&self, response: &HttpResponse) -> Result<O, OrchestratorError<E>> {
        if !response.status().is_success() {
            let parsed = crate::error::parse_error_response(response);
            return Err(OrchestratorError::operation((self.error)(parsed)));
        }
        match self.deserialize {
            Deserialize::Buffered(f) => f(response),
            // A streaming success is read in `read_streaming`, before the
            // orchestrator buffers anything.
            Deserialize::Streaming(_) => Err(crate::json::invalid(
                "$",
                "a streaming response read as a buffered one",
            )),
        }
        .map_err(|e| unreadable_success(response, e))
    }

    /// The output of a success response of a streaming operation, its body
    /// taken unread; `None` for everything else (errors are read buffered).
    pub fn read_streaming(
        &self,
        response: &mut HttpResponse,
    ) -> Option<Result<O, OrchestratorError<E>>> {
        match self.deserialize {
            Deserialize::Streaming(f) if response.status().is_success() => {
                Some(f(response).map_err(|e| unreadable_success(response, e)))
            }
            _ => None,
        }
    }
}

/// A success response whose body does not match the model: the operation's
/// `Unhandled` error, with the request id the response names.
fn unreadable_success<E: CreateUnhandledError>(
    response: &HttpResponse,
    error: crate::json::DeserializeError,
) -> OrchestratorError<E> {
    let meta =
        aws_types::request_id::apply_request_id(ErrorMetadata::builder(), response.headers())
            .build();
    OrchestratorError::operation(E::create_unhandled_error(Box::new(error), Some(meta)))
}

/// The orchestrator's response deserializer for a generated operation.
struct SpecDeserializer<I: 'static, O: 'static, E: 'static>(&'static OperationSpec<I, O, E>);

impl<I, O, E> fmt::Debug for SpecDeserializer<I, O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SpecDeserializer({})", self.0.name)
    }
}

impl<I, O, E> DeserializeResponse for SpecDeserializer<I, O, E>
where
    I: 'static,
    O: fmt::Debug + Send + Sync + 'static,
    E: std::error::Error + CreateUnhandledError + fmt::Debug + Send + Sync + 'static,
{
    fn deserialize_streaming_with_config(
        &self,
        response: &mut HttpResponse,
        _cfg: &ConfigBag,
    ) -> Option<Result<Output, OrchestratorError<TypeErasedError>>> {
        self.0.read_streaming(response).map(|result| {
            result
                .map(Output::erase)
                .map_err(|e| e.map_operation_error(TypeErasedError::erase))
        })
    }

    fn deserialize_nonstreaming_with_config(
        &self,
        response: &HttpResponse,
        _cfg: &ConfigBag,
    ) -> Result<Output, OrchestratorError<TypeErasedError>> {
        self.0
            .read_response(response)
            .map(Output::erase)
            .map_err(|e| e.map_operation_error(TypeErasedError::erase))
    }
}

/// Carries what a serializer attached to its request into the config bag:
/// the payload hash of a body kept out of logs, for the SigV4 signer (see
/// [`crate::http::json_request`]), the `@endpoint` host prefix and an
/// endpoint chosen by an input member. Runs once after serialization, so
/// they hold for every attempt; the last is applied to each attempt's
/// request once the orchestrator has set the resolved endpoint, before
/// signing.
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
        if let Some(endpoint) = context.request().extension::<EndpointOverride>() {
            cfg.interceptor_state().store_put(endpoint.clone());
        }
        if let Some(prefix) = context.request().extension::<HostPrefix>() {
            let prefix = EndpointPrefix::new(prefix.0.clone())?;
            cfg.interceptor_state().store_put(prefix);
        }
        if context.request().extension::<UnsignedPayload>().is_some() {
            cfg.interceptor_state()
                .store_put(PayloadSigningOverride::UnsignedPayload);
        } else if let Some(hash) = context.request().extension::<RedactedPayloadHash>() {
            cfg.interceptor_state()
                .store_put(PayloadSigningOverride::Precomputed(hash.0.clone()));
        }
        Ok(())
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(endpoint) = cfg.load::<EndpointOverride>() {
            apply_endpoint_override(context.request_mut(), endpoint)?;
        }
        Ok(())
    }
}

/// Retries HTTP 429 (Too Many Requests) as a throttling error: chime-sdk's
/// own choice, a classifier of its own beside aws-sdk-rust's. aws-sdk-rust
/// retries by error code (`AwsErrorCodeClassifier`'s lists), by
/// `@retryable` (`ModeledAsRetryableClassifier`), by status 500, 502, 503
/// and 504 (`HttpStatusCodeClassifier`) and transient I/O and timeouts
/// (`TransientErrorClassifier`); none of them takes 429, so aws-sdk-chime
/// sends a CreateRoom that Chime throttles (`ThrottledClientException`,
/// 429) once and returns the error. A 429 says "try again later" whatever
/// the service: this client does, with the standard strategy's throttling
/// backoff and retry quota.
#[derive(Debug, Default)]
pub struct TooManyRequestsClassifier;

impl ClassifyRetry for TooManyRequestsClassifier {
    fn classify_retry(
        &self,
        ctx: &aws_smithy_runtime_api::client::interceptors::context::InterceptorContext,
    ) -> RetryAction {
        match ctx.response() {
            Some(response) if response.status().as_u16() == 429 => RetryAction::throttling_error(),
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "HTTP 429 Too Many Requests"
    }

    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::http_status_code_classifier()
    }
}

/// How an operation pages: where the next token goes in the input and where
/// it comes from in the output (`@paginated`). The token is a string, or
/// any value the model pages with (a map of DynamoDB's key attributes).
pub struct PageSpec<I, O, T> {
    /// Sets the input's token member.
    pub set_token: fn(&mut I, Option<T>),
    /// Reads the output's next token: `None` (also for an empty string or
    /// map, which the generated code filters out) ends the pages.
    pub next_token: fn(&O) -> Option<T>,
}

/// A stream of pages, or of errors ending it.
pub type Pages<O, E> = PaginationStream<Result<O, SdkError<E, HttpResponse>>>;

/// A problem with the configuration, found before anything is sent.
#[derive(Clone, Debug)]
pub struct ConfigError(String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
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
    endpoints: endpoint::Endpoints,
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
        let http_client = config
            .http_client
            .clone()
            .unwrap_or_else(default_https_client);
        Self::with_http_client(config, meta, http_client)
    }

    /// As [`Handle::new`], sending with `http_client` (the configured one,
    /// or a client's default one that a call's override shares).
    fn with_http_client(
        config: Config,
        meta: &'static ServiceMetadata,
        http_client: SharedHttpClient,
    ) -> Self {
        let endpoints = endpoint::Endpoints::new(&config, meta);
        let signing_region = endpoints.signing_region.clone();
        let signing_name = meta.signing_name;

        let mut layer = Layer::new(meta.sdk_id);
        layer.store_put(AuthSchemeOptionResolverParams::new(()));
        if let Some(name) = signing_name {
            layer.store_put(SigV4OperationSigningConfig {
                region: signing_region.map(|r| SigningRegion::from(Region::new(r))),
                name: Some(SigningName::from_static(name)),
                ..Default::default()
            });
        }
        layer.store_put(ApiMetadata::new(meta.user_agent_id, meta.crate_version));
        // What aws-runtime's UserAgentInterceptor reads: the application's
        // name (`app/<name>`), or a whole user agent to send as it is.
        if let Some(app_name) = &config.app_name {
            layer.store_put(app_name.clone());
        }
        if let Some(user_agent) = &config.user_agent {
            layer.store_put(user_agent.clone());
        }

        let mut components = RuntimeComponentsBuilder::new(meta.sdk_id)
            .with_auth_scheme(SigV4AuthScheme::new())
            .with_auth_scheme(BearerAuthScheme::new())
            .with_auth_scheme(BasicAuthScheme::new())
            .with_auth_scheme(NoAuthScheme::new())
            .with_identity_resolver(auth::NO_AUTH, NoAuthIdentityResolver::new())
            .with_interceptor(UserAgentInterceptor::new())
            .with_interceptor(InvocationIdInterceptor::new())
            .with_interceptor(RequestInfoInterceptor::new())
            .with_interceptor(RequestHints);
        if let Some(credentials) = &config.credentials_provider {
            components.set_identity_resolver(auth::SIGV4, credentials.clone());
        }
        if let Some(token) = &config.token_provider {
            components.set_identity_resolver(auth::HTTP_BEARER, token.clone());
        }
        if let Some(login) = &config.basic_auth_login {
            components.set_identity_resolver(auth::HTTP_BASIC, login.clone());
        }
        // One API key, placed by whichever of the service's API key
        // schemes the operation selects.
        for key in meta.api_keys {
            components.push_auth_scheme(api_key::ApiKeyScheme::new(key));
            if let Some(api_key) = &config.api_key {
                components.set_identity_resolver(key.id.clone(), api_key.clone());
            }
        }
        for interceptor in &config.interceptors {
            components.push_interceptor(interceptor.clone());
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
        Self {
            operations: Default::default(),
            config,
            meta,
            endpoints,
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
    pub fn paginate<I, O, E, T>(
        self: Arc<Self>,
        spec: &'static OperationSpec<I, O, E>,
        input: Result<I, BuildError>,
        page: PageSpec<I, O, T>,
    ) -> Pages<O, E>
    where
        I: OperationInput + Clone + fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: OperationError,
        T: Clone + PartialEq + Send + 'static,
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
                let mut previous: Option<T> = None;
                loop {
                    let result = self.invoke(spec, input.clone()).await;
                    let next = result.as_ref().ok().and_then(|out| (page.next_token)(out));
                    // A service that repeats its token would page forever.
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
        input: I,
    ) -> Result<O, SdkError<E, HttpResponse>>
    where
        I: OperationInput + fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: OperationError,
    {
        self.invoke_with_override(spec, input, None).await
    }

    /// Sends what a builder built: its build error is a construction
    /// failure, else the input goes to [`Handle::invoke`]. What a fluent
    /// builder's `send` and an input builder's `send_with` call.
    pub async fn send<I, O, E>(
        &self,
        spec: &'static OperationSpec<I, O, E>,
        input: Result<I, BuildError>,
    ) -> Result<O, SdkError<E, HttpResponse>>
    where
        I: OperationInput + fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: OperationError,
    {
        let input = input.map_err(SdkError::construction_failure)?;
        self.invoke(spec, input).await
    }

    /// Runs one operation as [`Handle::invoke`] does, with a configuration
    /// of this call only (from `customize()`: `config_override`,
    /// interceptors) layered over the client's, as aws-sdk-rust's
    /// `ConfigOverrideRuntimePlugin` layers it: what the override sets wins
    /// (region, endpoint, credentials, retries, timeouts, HTTP client, ...),
    /// the rest is the client's, and its interceptors run after the
    /// client's. The call's endpoint, signing and orchestrator operation are
    /// made for it and not kept; it shares the client's HTTP client (and so
    /// its connections) unless the override names another.
    pub async fn invoke_with_override<I, O, E>(
        &self,
        spec: &'static OperationSpec<I, O, E>,
        mut input: I,
        config_override: Option<Config>,
    ) -> Result<O, SdkError<E, HttpResponse>>
    where
        I: OperationInput + fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: OperationError,
    {
        let Some(config_override) = config_override else {
            self.prepare(&mut input, spec)
                .map_err(SdkError::construction_failure)?;
            return self.operation(spec).invoke(input).await;
        };
        let config = config_override.layered_over(&self.config);
        let http_client = config
            .http_client
            .clone()
            .unwrap_or_else(|| self.http_client.clone());
        let call = Handle::with_http_client(config, self.meta, http_client);
        call.prepare(&mut input, spec)
            .map_err(SdkError::construction_failure)?;
        call.operation_builder(spec).build().invoke(input).await
    }

    /// What every call does before the orchestrator: fills idempotency
    /// tokens, validates (unless turned off), and checks that the
    /// configuration can send.
    fn prepare<I: OperationInput, O, E>(
        &self,
        input: &mut I,
        spec: &OperationSpec<I, O, E>,
    ) -> Result<(), BoxError> {
        input.fill_idempotency_tokens(self.config.idempotency_token_provider());
        input.fill_customized();
        if self.config.validation_enabled() {
            input.validate()?;
        }
        self.endpoints.check(spec)?;
        self.check_identity(spec.auth)?;
        Ok(())
    }

    /// Whether one of `schemes` can sign with what is configured: SigV4
    /// needs a credentials provider, bearer auth a token provider, basic
    /// auth a login, an API key scheme an API key, and no auth nothing.
    /// Otherwise the error names what to configure.
    fn check_identity(&self, schemes: &[AuthSchemeId]) -> Result<(), ConfigError> {
        let config = &self.config;
        let is_api_key = |scheme: &AuthSchemeId| self.meta.api_keys.iter().any(|k| k.id == *scheme);
        // What each scheme needs: whether it is configured, what it is
        // called and the setting that configures it.
        let need = |scheme: &AuthSchemeId| -> Option<(bool, &'static str, &'static str)> {
            if *scheme == auth::SIGV4 {
                Some((
                    config.credentials_provider.is_some(),
                    "credentials provider",
                    "credentials_provider",
                ))
            } else if *scheme == auth::HTTP_BEARER {
                Some((
                    config.token_provider.is_some(),
                    "token provider",
                    "token_provider",
                ))
            } else if *scheme == auth::HTTP_BASIC {
                Some((
                    config.basic_auth_login.is_some(),
                    "login for HTTP basic auth",
                    "basic_auth",
                ))
            } else if is_api_key(scheme) {
                Some((config.api_key.is_some(), "API key", "api_key"))
            } else {
                None
            }
        };
        if schemes
            .iter()
            .any(|s| *s == auth::NO_AUTH || need(s).is_some_and(|(set, _, _)| set))
        {
            return Ok(());
        }
        let mut missing: Vec<(&str, &str)> = Vec::new();
        for (_, what, setting) in schemes.iter().filter_map(need) {
            if !missing.iter().any(|(w, _)| *w == what) {
                missing.push((what, setting));
            }
        }
        // Credentials and tokens also come from an `SdkConfig`.
        let sdk_config = missing
            .iter()
            .any(|(_, s)| *s == "credentials_provider" || *s == "token_provider");
        let or_sdk_config = if sdk_config {
            " or load SdkConfig with aws-config"
        } else {
            ""
        };
        let article = |what: &str| if what.starts_with('A') { "an" } else { "a" };
        Err(ConfigError(match missing.as_slice() {
            [] => format!(
                "none of the operation's auth schemes is supported: {}",
                schemes.iter().map(AuthSchemeId::inner).collect::<Vec<_>>().join(", ")
            ),
            [("credentials provider", _)] => format!("no credentials provider is configured: set one in Config{or_sdk_config}"),
            [(what, "basic_auth")] => format!("no {what} is configured: set one with Config::builder().basic_auth(user, password) or basic_auth_login(Login)"),
            [(what, setting)] => format!("no {what} is configured: set one with Config::builder().{setting}(...){or_sdk_config}"),
            [(a, sa), (b, sb)] => format!(
                "neither {} {a} nor {} {b} is configured: set one in Config ({sa} or {sb}){or_sdk_config}",
                article(a),
                article(b)
            ),
            more => {
                let (whats, settings): (Vec<&str>, Vec<&str>) = more.iter().copied().unzip();
                format!(
                    "none of {} is configured: set one in Config ({}){or_sdk_config}",
                    whats.join(", "),
                    settings.join(", ")
                )
            }
        }))
    }

    /// The orchestrator operation for `spec`, built on first use and kept:
    /// building one applies the default runtime plugins and this client's
    /// plugin, work a call need not repeat. (When the default plugins also
    /// made the HTTPS client, building per call meant a new connection pool
    /// per call.)
    fn operation<I, O, E>(&self, spec: &'static OperationSpec<I, O, E>) -> Arc<Operation<I, O, E>>
    where
        I: fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: OperationError,
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
        let op = Arc::new(self.operation_builder(spec).build());
        if let Ok(mut ops) = self.operations.write() {
            ops.insert(key, op.clone());
        }
        op
    }

    /// The orchestrator operation for `spec`, ready to build.
    fn operation_builder<I, O, E>(
        &self,
        spec: &'static OperationSpec<I, O, E>,
    ) -> OperationBuilder<I, O, E>
    where
        I: fmt::Debug + Send + Sync + 'static,
        O: fmt::Debug + Send + Sync + 'static,
        E: OperationError,
    {
        let behavior_version = self
            .config
            .behavior_version
            .unwrap_or_else(BehaviorVersion::latest);
        // The classifiers of an aws-sdk-rust operation (aws-sdk-chime's
        // CreateRoom: transient errors, `@retryable`, AWS error codes; its
        // service plugin adds the status codes), plus 429.
        let mut op = Operation::builder()
            .service_name(self.meta.sdk_id)
            .operation_name(spec.name)
            .behavior_version(behavior_version)
            .standard_retry(&self.config.effective_retry_config())
            .retry_classifier(TransientErrorClassifier::<E>::new())
            .retry_classifier(ModeledAsRetryableClassifier::<E>::new())
            .retry_classifier(AwsErrorCodeClassifier::<E>::new())
            .retry_classifier(HttpStatusCodeClassifier::default())
            .retry_classifier(TooManyRequestsClassifier)
            .runtime_plugin(self.plugin.clone());
        // Timeouts left unset are the default plugins' for the behavior
        // version (a 3.1 s connect timeout from v2026_01_12 on): the
        // orchestrator merges the layers, as for an aws-sdk-rust client.
        if let Some(timeout_config) = &self.config.timeout_config {
            op = op.timeout_config(timeout_config.clone());
        }
        op = op.http_client(self.http_client.clone());
        op = self.endpoints.configure(op, spec);
        let auth = StaticAuthSchemeOptionResolver::new(spec.auth.to_vec());
        op = op.runtime_plugin(
            StaticRuntimePlugin::new().with_runtime_components(
                RuntimeComponentsBuilder::new("operation auth")
                    .with_auth_scheme_option_resolver(Some(auth)),
            ),
        );
        if spec.sensitive_output {
            let mut layer = Layer::new("sensitive output");
            layer.store_put(SensitiveOutput);
            op = op.runtime_plugin(StaticRuntimePlugin::new().with_config(layer.freeze()));
        }
        op.serializer(spec.serialize)
            .deserializer_impl(SpecDeserializer(spec))
    }
}

/// An operation call to customize before sending (`customize()` on a
/// fluent builder): interceptors, request changes and configuration for
/// this call only.
pub struct CustomizableOperation<I: 'static, O: 'static, E: 'static> {
    handle: Arc<Handle>,
    spec: &'static OperationSpec<I, O, E>,
    input: Result<I, BuildError>,
    interceptors: Vec<SharedInterceptor>,
    config_override: Option<crate::config::Builder>,
}

impl<I, O, E> fmt::Debug for CustomizableOperation<I, O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomizableOperation")
            .field("operation", &self.spec.name)
            .field("interceptors", &self.interceptors.len())
            .field("config_override", &self.config_override)
            .finish()
    }
}

impl<I, O, E> CustomizableOperation<I, O, E>
where
    I: OperationInput + fmt::Debug + Send + Sync + 'static,
    O: fmt::Debug + Send + Sync + 'static,
    E: OperationError,
{
    /// The call of `spec` with `input` (a build error is reported by `send`).
    pub fn new(
        handle: Arc<Handle>,
        spec: &'static OperationSpec<I, O, E>,
        input: Result<I, BuildError>,
    ) -> Self {
        Self {
            handle,
            spec,
            input,
            interceptors: Vec::new(),
            config_override: None,
        }
    }

    /// Sends this call with `config_override` layered over the client's
    /// configuration, as aws-sdk-rust's `config_override` does: what it
    /// sets (region, endpoint URL, credentials, retry and timeout
    /// configuration, HTTP client, interceptors, app name, ...) holds for
    /// this call, the rest is the client's; the client itself is unchanged.
    /// A second call replaces the first override. For example, one call
    /// without retries:
    /// `client.create_room().customize().config_override(Config::builder().retry_config(RetryConfig::disabled())).send()`.
    pub fn config_override(mut self, config_override: impl Into<crate::config::Builder>) -> Self {
        self.config_override = Some(config_override.into());
        self
    }

    /// Adds an interceptor to this call.
    pub fn interceptor(mut self, interceptor: impl Intercept + 'static) -> Self {
        self.interceptors.push(SharedInterceptor::new(interceptor));
        self
    }

    /// Changes the signed-to-be request of every attempt in place.
    pub fn mutate_request<F>(self, f: F) -> Self
    where
        F: Fn(&mut HttpRequest) + Send + Sync + 'static,
    {
        self.interceptor(MutateRequestInterceptor::new(f))
    }

    /// Replaces the request of every attempt, or fails the call.
    pub fn map_request<F, MapE>(self, f: F) -> Self
    where
        F: Fn(HttpRequest) -> Result<HttpRequest, MapE> + Send + Sync + 'static,
        MapE: std::error::Error + Send + Sync + 'static,
    {
        self.interceptor(MapRequestInterceptor::new(f))
    }

    /// Sends the call, as the fluent builder's `send` does, with this
    /// call's interceptors (after the override's) and configuration.
    pub async fn send(self) -> Result<O, SdkError<E, HttpResponse>> {
        let input = self.input.map_err(SdkError::construction_failure)?;
        let config_override = if self.config_override.is_none() && self.interceptors.is_empty() {
            None
        } else {
            let mut config_override = self.config_override.unwrap_or_default();
            for interceptor in self.interceptors {
                config_override.push_interceptor(interceptor);
            }
            Some(config_override.build())
        };
        self.handle
            .invoke_with_override(self.spec, input, config_override)
            .await
    }
}
