//! The OpenAPI side: a second front end that lowers OpenAPI 3.0 and 3.1
//! documents, JSON or YAML, into the same IR as Smithy models ([`import`],
//! after `load` made the document one self-contained tree), and an exporter
//! that writes an OpenAPI 3.0 document from the IR ([`export`]).
//!
//! What OpenAPI cannot say natively travels in `x-sdkgen-*` extensions
//! (documented in the README): the service's SigV4 signing name, auth
//! schemes and endpoint, sensitive members, idempotency tokens, error codes and faults,
//! bindings OpenAPI has no parameter location for, shape ids and member
//! order. A document without them (any document written by others) imports
//! as OpenAPI states it: auth from `securitySchemes`, the endpoint from
//! `servers`, errors from responses.

pub mod export;
pub mod import;
mod load;

/// Whether a model text is an OpenAPI (or Swagger) document rather than a
/// Smithy JSON AST, by content: JSON with an `openapi` member, or YAML with
/// an `openapi:` key.
pub fn is_openapi(text: &str) -> bool {
    load::is_openapi(text)
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
