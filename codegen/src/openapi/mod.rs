//! The OpenAPI 3.0 side: a second front end that lowers OpenAPI documents
//! into the same IR as Smithy models ([`import`]), and an exporter that
//! writes an OpenAPI document from the IR ([`export`]).
//!
//! What OpenAPI cannot say natively travels in `x-sdkgen-*` extensions
//! (documented in the README): the service's SigV4 signing name, auth
//! schemes and endpoint, sensitive members, idempotency tokens, error codes and faults,
//! bindings OpenAPI has no parameter location for, shape ids and member
//! order. A document without them still imports, with defaults.

pub mod export;
pub mod import;

/// Whether a model text is an OpenAPI document (rather than a Smithy JSON
/// AST), by content: an object with an `openapi` member.
pub fn is_openapi(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text).is_ok_and(|v| v.get("openapi").is_some())
}

/// The name of an auth scheme in `x-sdkgen-auth`: the runtime's scheme id.
pub(crate) fn auth_name(scheme: crate::ir::AuthScheme) -> &'static str {
    match scheme {
        crate::ir::AuthScheme::SigV4 => "sigv4",
        crate::ir::AuthScheme::HttpBearer => "httpBearerAuth",
        crate::ir::AuthScheme::Anonymous => "noAuth",
    }
}

/// The auth scheme an `x-sdkgen-auth` name stands for.
pub(crate) fn auth_scheme(name: &str) -> Option<crate::ir::AuthScheme> {
    use crate::ir::AuthScheme::*;
    [SigV4, HttpBearer, Anonymous]
        .into_iter()
        .find(|s| auth_name(*s) == name)
}

/// `#/components/schemas/<name>`.
pub(crate) fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}
