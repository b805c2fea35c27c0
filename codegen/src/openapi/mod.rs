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

/// The name of an auth scheme in `x-sdkgen-auth`: the runtime's scheme id
/// (`sigv4`, `httpBearerAuth`, `httpBasicAuth`, `noAuth`); an API key
/// scheme says where its key goes, the name last since a query parameter's
/// name can hold anything: `httpApiKeyAuth in=header scheme=ApiKey
/// name=Authorization`.
pub(crate) fn auth_name(scheme: &crate::ir::AuthScheme) -> String {
    use crate::ir::AuthScheme::*;
    match scheme {
        SigV4 => "sigv4".to_owned(),
        HttpBearer => "httpBearerAuth".to_owned(),
        HttpBasic => "httpBasicAuth".to_owned(),
        Anonymous => "noAuth".to_owned(),
        ApiKey(key) => {
            let scheme = key
                .scheme
                .as_ref()
                .map(|s| format!(" scheme={s}"))
                .unwrap_or_default();
            format!(
                "{API_KEY} in={}{scheme} name={}",
                key.location.name(),
                key.name
            )
        }
    }
}

const API_KEY: &str = "httpApiKeyAuth";

/// The auth scheme an `x-sdkgen-auth` name stands for (see [`auth_name`]).
pub(crate) fn auth_scheme(name: &str) -> Option<crate::ir::AuthScheme> {
    use crate::ir::AuthScheme::*;
    if let Some(rest) = name
        .strip_prefix(API_KEY)
        .and_then(|r| r.strip_prefix(" in="))
    {
        let (location, rest) = rest.split_once(' ')?;
        let location = crate::ir::ApiKeyLocation::from_name(location)?;
        let (scheme, rest) = match rest.strip_prefix("scheme=") {
            Some(r) => {
                let (scheme, rest) = r.split_once(' ')?;
                (Some(scheme.to_owned()), rest)
            }
            None => (None, rest),
        };
        let name = rest.strip_prefix("name=").filter(|n| !n.is_empty())?;
        return Some(ApiKey(crate::ir::ApiKey {
            name: name.to_owned(),
            location,
            scheme,
        }));
    }
    [SigV4, HttpBearer, HttpBasic, Anonymous]
        .into_iter()
        .find(|s| auth_name(s) == name)
}

/// `#/components/schemas/<name>`.
pub(crate) fn schema_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}
