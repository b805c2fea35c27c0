//! API key auth schemes (`smithy.api#httpApiKeyAuth`, OpenAPI `apiKey`):
//! the configured key in a header, the query string or a cookie.
//!
//! aws-smithy-runtime's `ApiKeyAuthScheme` signs a header with a scheme
//! (`Authorization: ApiKey <key>`) and a query parameter (percent-encoded),
//! and its signer does that here. It does not cover all of it, so this
//! module wraps it in an auth scheme of its own:
//! - its scheme id is fixed (`httpApiKeyAuth`), while an OpenAPI document
//!   can declare several API keys, each an auth scheme an operation lists
//!   by its own id;
//! - it has no cookie location;
//! - a header without a scheme gets `" <key>"`, with a leading space, where
//!   the key alone is meant.
//!
//! Those two placements are signed by [`PlainSigner`].

use super::auth::{ApiKey, ApiKeyLocation};
use aws_smithy_runtime::client::auth::http::{
    ApiKeyAuthScheme as SmithyApiKeyScheme, ApiKeyLocation as SmithyLocation,
};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::auth::{
    AuthScheme, AuthSchemeEndpointConfig, AuthSchemeId, Sign,
};
use aws_smithy_runtime_api::client::identity::http::Token;
use aws_smithy_runtime_api::client::identity::{Identity, SharedIdentityResolver};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::{GetIdentityResolver, RuntimeComponents};
use aws_smithy_types::config_bag::ConfigBag;

/// One API key scheme of a service, under its own scheme id.
#[derive(Debug)]
pub(crate) struct ApiKeyScheme {
    id: AuthSchemeId,
    signer: Signer,
}

#[derive(Debug)]
enum Signer {
    /// A header with a scheme, or a query parameter: smithy-rs's signer.
    Smithy(SmithyApiKeyScheme),
    /// A header without a scheme, or a cookie.
    Plain(PlainSigner),
}

impl ApiKeyScheme {
    /// The auth scheme of `key`, as the generated code describes it.
    pub(crate) fn new(key: &ApiKey) -> Self {
        let signer = match (key.location, key.scheme) {
            (ApiKeyLocation::Header, Some(scheme)) => Signer::Smithy(SmithyApiKeyScheme::new(
                scheme,
                SmithyLocation::Header,
                key.name,
            )),
            (ApiKeyLocation::Query, _) => {
                Signer::Smithy(SmithyApiKeyScheme::new("", SmithyLocation::Query, key.name))
            }
            (ApiKeyLocation::Header, None) => Signer::Plain(PlainSigner::Header(key.name)),
            (ApiKeyLocation::Cookie, _) => Signer::Plain(PlainSigner::Cookie(key.name)),
        };
        Self {
            id: key.id.clone(),
            signer,
        }
    }
}

impl AuthScheme for ApiKeyScheme {
    fn scheme_id(&self) -> AuthSchemeId {
        self.id.clone()
    }

    fn identity_resolver(
        &self,
        identity_resolvers: &dyn GetIdentityResolver,
    ) -> Option<SharedIdentityResolver> {
        identity_resolvers.identity_resolver(self.id.clone())
    }

    fn signer(&self) -> &dyn Sign {
        match &self.signer {
            Signer::Smithy(scheme) => scheme.signer(),
            Signer::Plain(signer) => signer,
        }
    }
}

/// Puts the key, as it is, in a header or a cookie. Its errors never hold
/// the key.
#[derive(Debug)]
enum PlainSigner {
    /// `<name>: <key>`.
    Header(&'static str),
    /// `Cookie: <name>=<key>`, after the request's own cookies (`; `).
    Cookie(&'static str),
}

impl Sign for PlainSigner {
    fn sign_http_request(
        &self,
        request: &mut HttpRequest,
        identity: &Identity,
        _auth_scheme_endpoint_config: AuthSchemeEndpointConfig<'_>,
        _runtime_components: &RuntimeComponents,
        _config_bag: &ConfigBag,
    ) -> Result<(), BoxError> {
        let key = identity
            .data::<Token>()
            .ok_or("API key auth needs a `Token` identity")?
            .token();
        match self {
            PlainSigner::Header(name) => {
                request
                    .headers_mut()
                    .try_insert(name.to_ascii_lowercase(), key.to_owned())
                    .map_err(|_| {
                        format!("the API key holds characters that the `{name}` header cannot")
                    })?;
            }
            PlainSigner::Cookie(name) => {
                // RFC 6265 `cookie-octet`: no spaces, quotes, commas,
                // semicolons or backslashes, nothing outside ASCII.
                let octet = |b: u8| matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E);
                if !key.bytes().all(octet) {
                    return Err(format!(
                        "the API key holds characters that the `{name}` cookie cannot (RFC 6265 cookie-octet)"
                    )
                    .into());
                }
                crate::http::forms::append_cookies(request, &format!("{name}={key}"))
                    .map_err(|_| format!("the `{name}` cookie name cannot be sent in a header"))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_runtime_api::client::auth::AuthSchemeEndpointConfig;
    use aws_smithy_runtime_api::client::runtime_components::RuntimeComponentsBuilder;

    const KEY: &str = "k3y/with+chars";

    fn key(location: ApiKeyLocation, name: &'static str, scheme: Option<&'static str>) -> ApiKey {
        ApiKey {
            id: AuthSchemeId::new("httpApiKeyAuth"),
            name,
            location,
            scheme,
        }
    }

    /// `request` signed by the scheme of `key` with the API key [`KEY`].
    fn sign(key: &ApiKey, mut request: HttpRequest) -> Result<HttpRequest, BoxError> {
        let components = RuntimeComponentsBuilder::for_tests().build().unwrap();
        let identity = Identity::from(Token::new(KEY, None));
        ApiKeyScheme::new(key).signer().sign_http_request(
            &mut request,
            &identity,
            AuthSchemeEndpointConfig::empty(),
            &components,
            &ConfigBag::base(),
        )?;
        Ok(request)
    }

    fn request() -> HttpRequest {
        HttpRequest::get("https://example.com/things?a=1").unwrap()
    }

    #[test]
    fn a_header_key_without_a_scheme_is_the_key_alone() {
        let signed = sign(&key(ApiKeyLocation::Header, "X-Api-Key", None), request()).unwrap();
        assert_eq!(signed.headers().get("x-api-key"), Some(KEY));
    }

    #[test]
    fn a_header_key_with_a_scheme_follows_it() {
        let k = key(ApiKeyLocation::Header, "Authorization", Some("ApiKey"));
        let signed = sign(&k, request()).unwrap();
        assert_eq!(
            signed.headers().get("authorization"),
            Some(format!("ApiKey {KEY}").as_str())
        );
    }

    #[test]
    fn a_query_key_is_percent_encoded_after_the_query() {
        let signed = sign(&key(ApiKeyLocation::Query, "api_key", None), request()).unwrap();
        assert_eq!(
            signed.uri(),
            "https://example.com/things?a=1&api_key=k3y%2Fwith%2Bchars"
        );
    }

    #[test]
    fn a_cookie_key_is_a_cookie_after_the_request_s_own() {
        let k = key(ApiKeyLocation::Cookie, "session", None);
        let signed = sign(&k, request()).unwrap();
        assert_eq!(
            signed.headers().get("cookie"),
            Some(format!("session={KEY}").as_str())
        );
        let mut with_cookie = request();
        with_cookie.headers_mut().insert("cookie", "theme=dark");
        let signed = sign(&k, with_cookie).unwrap();
        assert_eq!(
            signed.headers().get("cookie"),
            Some(format!("theme=dark; session={KEY}").as_str())
        );
    }

    #[test]
    fn a_key_a_cookie_cannot_hold_is_refused_without_showing_it() {
        let k = key(ApiKeyLocation::Cookie, "session", None);
        let components = RuntimeComponentsBuilder::for_tests().build().unwrap();
        let secret = "not a; cookie";
        let err = ApiKeyScheme::new(&k)
            .signer()
            .sign_http_request(
                &mut request(),
                &Identity::from(Token::new(secret, None)),
                AuthSchemeEndpointConfig::empty(),
                &components,
                &ConfigBag::base(),
            )
            .unwrap_err()
            .to_string();
        assert!(err.contains("`session` cookie"), "{err}");
        assert!(!err.contains(secret), "{err}");
    }

    #[test]
    fn the_scheme_has_its_own_id() {
        let mut k = key(ApiKeyLocation::Header, "X-Other", None);
        k.id = AuthSchemeId::new("httpApiKeyAuth2");
        assert_eq!(ApiKeyScheme::new(&k).scheme_id().inner(), "httpApiKeyAuth2");
    }
}
