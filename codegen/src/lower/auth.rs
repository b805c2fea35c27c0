//! Which auth schemes a service and each of its operations use.
//!
//! Smithy's rules: a service's auth traits are the schemes it supports;
//! its `smithy.api#auth` trait, when present, lists those to use in order
//! (otherwise every auth trait it has, by trait id: SigV4, API key, basic,
//! bearer). An
//! operation's `smithy.api#auth` overrides the service's list (`[]`: sent
//! anonymously), and `@optionalAuth` lets it go anonymously when no
//! identity is available. Schemes the runtime cannot sign with are dropped
//! with a warning while another remains, and are an error when none does.

use super::{local_name, traits_of};
use crate::diag::Diagnostics;
use crate::ir::{ApiKey, ApiKeyLocation, AuthScheme};
use crate::parse::Ast;
use serde_json::{Map, Value};

const AUTH: &str = "smithy.api#auth";
const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";

/// Auth traits of the Smithy prelude and the AWS model that sdkgen cannot
/// sign with; a model's own auth traits (shapes with
/// `smithy.api#authDefinition`) are recognised from the model.
const UNSUPPORTED: &[&str] = &[
    "aws.auth#sigv4a",
    "aws.auth#cognitoUserPools",
    "smithy.api#httpDigestAuth",
];

const HINT_NONE_SUPPORTED: &str = "supported auth schemes: `aws.auth#sigv4`, `smithy.api#httpApiKeyAuth`, `smithy.api#httpBasicAuth`, `smithy.api#httpBearerAuth`; operations that need none can say `\"smithy.api#auth\": []` or `@optionalAuth`";

/// An entry of an auth list: a scheme sdkgen supports, or the trait id of
/// one it does not.
type Entry = Result<AuthScheme, String>;

/// What the trait `id` with `value`, applied to the service `service`, is
/// as an auth scheme: `None` when it is no auth trait. An
/// `httpApiKeyAuth` trait that does not say where its key goes is an
/// error here, and left out.
fn classify(
    ast: &Ast,
    service: &str,
    id: &str,
    value: &Value,
    diags: &mut Diagnostics,
) -> Option<Entry> {
    match id {
        "aws.auth#sigv4" => Some(Ok(AuthScheme::SigV4)),
        "smithy.api#httpBearerAuth" => Some(Ok(AuthScheme::HttpBearer)),
        "smithy.api#httpBasicAuth" => Some(Ok(AuthScheme::HttpBasic)),
        "smithy.api#httpApiKeyAuth" => match api_key(value) {
            Ok(key) => Some(Ok(AuthScheme::ApiKey(key))),
            Err(problem) => {
                diags.error(
                    service,
                    format!("`smithy.api#httpApiKeyAuth` {problem}"),
                    Some("write it as {\"name\": \"x-api-key\", \"in\": \"header\"} (or \"in\": \"query\"), with an optional \"scheme\" for a header"),
                );
                None
            }
        },
        _ if UNSUPPORTED.contains(&id)
            || ast
                .shapes
                .get(id)
                .is_some_and(|s| traits_of(s).contains_key("smithy.api#authDefinition")) =>
        {
            Some(Err(id.to_owned()))
        }
        _ => None,
    }
}

/// The API key scheme of an `httpApiKeyAuth` trait value, or what is wrong
/// with it.
fn api_key(value: &Value) -> Result<ApiKey, String> {
    let name = match value.get("name").and_then(Value::as_str) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => return Err("has no `name` (the header or query parameter)".to_owned()),
    };
    let location = match value.get("in").and_then(Value::as_str) {
        Some("header") => ApiKeyLocation::Header,
        Some("query") => ApiKeyLocation::Query,
        Some(other) => {
            return Err(format!(
                "puts its key `in` \"{other}\", which is neither \"header\" nor \"query\""
            ))
        }
        None => return Err("has no `in` (\"header\" or \"query\")".to_owned()),
    };
    if location == ApiKeyLocation::Header && !crate::ir::is_http_token(&name) {
        return Err(format!(
            "names the header `{name}`, which is no valid header name"
        ));
    }
    let scheme = match value.get("scheme") {
        None => None,
        Some(Value::String(s)) if crate::ir::is_http_token(s) => Some(s.clone()),
        Some(other) => {
            return Err(format!(
                "has the `scheme` {other}, which is no valid auth scheme name (a token such as \"ApiKey\")"
            ))
        }
    };
    if scheme.is_some() && location != ApiKeyLocation::Header {
        return Err("has a `scheme`, which only a header key can have".to_owned());
    }
    Ok(ApiKey {
        name,
        location,
        scheme,
    })
}

/// The service's auth setup, read once; each operation resolves its list
/// against it.
pub(super) struct ServiceAuth {
    id: String,
    /// The auth traits applied to the service, in the order the model has them.
    applied: Vec<(String, Entry)>,
    /// The service's list: `smithy.api#auth`, else every applied trait
    /// (supported ones first, by trait id: SigV4, API key, basic, bearer;
    /// then the others by id).
    default: Vec<Entry>,
}

impl ServiceAuth {
    /// Reads the service's auth traits; problems with its `smithy.api#auth`
    /// list are reported here, those of schemes only once an operation
    /// uses the list (see [`ServiceAuth::operation`]).
    pub(super) fn new(
        ast: &Ast,
        id: &str,
        traits: &Map<String, Value>,
        diags: &mut Diagnostics,
    ) -> Self {
        let applied: Vec<(String, Entry)> = traits
            .iter()
            .filter_map(|(t, v)| Some((t.clone(), classify(ast, id, t, v, diags)?)))
            .collect();
        let mut me = ServiceAuth {
            id: id.to_owned(),
            applied,
            default: Vec::new(),
        };
        me.default = match traits.get(AUTH) {
            Some(list) => me.listed(list, id, diags),
            None => {
                let mut entries: Vec<Entry> = me.applied.iter().map(|(_, e)| e.clone()).collect();
                // Supported schemes first, in the order of their trait ids
                // (as `AuthScheme` orders them), then the others by id.
                entries.sort_by(|a, b| match (a, b) {
                    (Ok(a), Ok(b)) => a.cmp(b),
                    (Ok(_), Err(_)) => std::cmp::Ordering::Less,
                    (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
                    (Err(a), Err(b)) => a.cmp(b),
                });
                if entries.is_empty() {
                    diags.warn(
                        id,
                        "the service has no auth trait: its operations are sent without authentication",
                        Some("if the service authenticates requests, add \"aws.auth#sigv4\": {\"name\": \"<signing name>\"}, \"smithy.api#httpBearerAuth\": {}, \"smithy.api#httpBasicAuth\": {} or \"smithy.api#httpApiKeyAuth\": {\"name\": \"x-api-key\", \"in\": \"header\"}"),
                    );
                }
                entries
            }
        };
        me
    }

    /// The schemes of a `smithy.api#auth` list at `location`, each of which
    /// must be an auth trait applied to the service.
    fn listed(&self, list: &Value, location: &str, diags: &mut Diagnostics) -> Vec<Entry> {
        let Some(items) = list.as_array() else {
            diags.error(
                location,
                "`smithy.api#auth` must be a list of auth trait ids",
                Some("write it as [\"aws.auth#sigv4\"], or [] for no authentication"),
            );
            return Vec::new();
        };
        let mut entries = Vec::new();
        for item in items {
            let Some(id) = item.as_str() else {
                diags.error(
                    location,
                    "`smithy.api#auth` must be a list of auth trait ids",
                    Some("write it as [\"aws.auth#sigv4\"], or [] for no authentication"),
                );
                continue;
            };
            match self.applied.iter().find(|(t, _)| t == id) {
                Some((_, entry)) => {
                    if !entries.contains(entry) {
                        entries.push(entry.clone());
                    }
                }
                None => diags.error(
                    location,
                    format!(
                        "`smithy.api#auth` lists `{id}`, which is not an auth trait of the service `{}`",
                        local_name(&self.id)
                    ),
                    Some("apply the auth trait to the service, or remove it from the list"),
                ),
            }
        }
        entries
    }

    /// The effective schemes of the operation `id` with `traits`: its own
    /// `smithy.api#auth` list or the service's, with anonymous last under
    /// `@optionalAuth`. Never empty.
    pub(super) fn operation(
        &self,
        id: &str,
        traits: &Map<String, Value>,
        diags: &mut Diagnostics,
    ) -> Vec<AuthScheme> {
        let (entries, location) = match traits.get(AUTH) {
            Some(list) => (self.listed(list, id, diags), id),
            None => (self.default.clone(), self.id.as_str()),
        };
        let optional = traits.contains_key(OPTIONAL_AUTH);
        let explicit_none = entries.is_empty();
        let mut schemes: Vec<AuthScheme> = entries.iter().filter_map(|e| e.clone().ok()).collect();
        let unsupported: Vec<String> = entries
            .iter()
            .filter_map(|e| e.clone().err())
            .map(|t| format!("`{t}`"))
            .collect();
        if !unsupported.is_empty() {
            let list = unsupported.join(", ");
            let what = if unsupported.len() == 1 {
                "auth scheme"
            } else {
                "auth schemes"
            };
            if !schemes.is_empty() {
                let used: Vec<String> = schemes
                    .iter()
                    .filter_map(|s| s.trait_id())
                    .map(|t| format!("`{t}`"))
                    .collect();
                diags.warn(
                    location,
                    format!(
                        "{what} {list} not supported: requests use {}",
                        used.join(", ")
                    ),
                    None,
                );
            } else if optional {
                diags.warn(
                    id,
                    format!("{what} {list} not supported: the @optionalAuth operation is always sent without authentication"),
                    None,
                );
            } else {
                diags.error(
                    location,
                    format!("no supported auth scheme: {what} {list} not supported"),
                    Some(HINT_NONE_SUPPORTED),
                );
            }
        }
        if optional || explicit_none {
            schemes.push(AuthScheme::Anonymous);
        }
        if schemes.is_empty() {
            // Only unsupported schemes (an error above): keep the IR whole.
            schemes.push(AuthScheme::Anonymous);
        }
        schemes
    }

    /// The service's own list, supported schemes only.
    pub(super) fn service_schemes(&self) -> Vec<AuthScheme> {
        self.default.iter().filter_map(|e| e.clone().ok()).collect()
    }
}
