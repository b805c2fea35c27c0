//! `parseURL(value)`.
//!
//! Two parsers check the URL: `url` (WHATWG) classifies the host (IPv4,
//! IPv6, domain) and gives the scheme; `http` accepts only what is a valid
//! request URI and gives the authority as written. The path is read from the
//! input itself, as written (`url` would normalize it), and the
//! `normalizedPath` is derived from it.

use crate::endpoint::Value;
use std::collections::BTreeMap;

/// A URL as the rules language sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url<'a> {
    /// `http` or `https`.
    pub scheme: String,
    /// Host and port as written (`example.com:8443`, `[::1]`, a default port
    /// kept as the specification's examples and the AWS SDKs keep it), without
    /// userinfo.
    pub authority: &'a str,
    /// The path as written, empty when there is none (as the AWS SDKs have
    /// it, so that `{url#authority}{url#path}` gives back the URL; the
    /// specification's table shows `/` there).
    pub path: &'a str,
    /// The path beginning and ending with `/`.
    pub normalized_path: String,
    /// Whether the host is an IPv4 or IPv6 address.
    pub is_ip: bool,
}

/// Parses `value`; `None` if it is not an absolute `http` or `https` URL
/// with a host, or it has a query (`?`, even empty).
pub fn parse_url(value: &str) -> Option<Url<'_>> {
    let parsed = url::Url::parse(value).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") || value.contains('?') {
        return None;
    }
    let uri: http::Uri = value.parse().ok()?;
    let authority_len = uri.authority()?.as_str().len();
    let after_scheme = value.find("://")? + 3;
    let written = value.get(after_scheme..after_scheme + authority_len)?;
    let rest = &value[after_scheme + authority_len..];
    // The rules language's authority has no userinfo.
    let authority = written.rsplit_once('@').map_or(written, |(_, host)| host);
    let path = rest.split('#').next().unwrap_or_default();
    if !(path.is_empty() || path.starts_with('/')) {
        return None;
    }
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    let is_ip = matches!(
        parsed.host(),
        Some(url::Host::Ipv4(_)) | Some(url::Host::Ipv6(_))
    );
    Some(Url {
        scheme: parsed.scheme().to_owned(),
        authority,
        path,
        normalized_path,
        is_ip,
    })
}

impl Url<'_> {
    /// The record the rules language sees.
    pub fn to_value(&self) -> Value {
        Value::Object(BTreeMap::from([
            ("scheme".to_owned(), Value::from(self.scheme.as_str())),
            ("authority".to_owned(), Value::from(self.authority)),
            ("path".to_owned(), Value::from(self.path)),
            (
                "normalizedPath".to_owned(),
                Value::from(self.normalized_path.as_str()),
            ),
            ("isIp".to_owned(), Value::Bool(self.is_ip)),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> Option<(String, String, String, String, bool)> {
        parse_url(s).map(|u| {
            (
                u.scheme,
                u.authority.to_owned(),
                u.path.to_owned(),
                u.normalized_path,
                u.is_ip,
            )
        })
    }

    fn p(
        scheme: &str,
        auth: &str,
        path: &str,
        norm: &str,
        ip: bool,
    ) -> Option<(String, String, String, String, bool)> {
        Some((scheme.into(), auth.into(), path.into(), norm.into(), ip))
    }

    #[test]
    fn urls() {
        assert_eq!(
            parts("https://example.com"),
            p("https", "example.com", "", "/", false)
        );
        assert_eq!(
            parts("https://example.com/"),
            p("https", "example.com", "/", "/", false)
        );
        assert_eq!(
            parts("http://example.com:8443/foo/bar"),
            p("http", "example.com:8443", "/foo/bar", "/foo/bar/", false)
        );
        assert_eq!(
            parts("https://example.com:443"),
            p("https", "example.com:443", "", "/", false)
        );
        assert_eq!(
            parts("http://127.0.0.1:80/a/"),
            p("http", "127.0.0.1:80", "/a/", "/a/", true)
        );
        assert_eq!(
            parts("https://[fe80::1]/"),
            p("https", "[fe80::1]", "/", "/", true)
        );
        assert_eq!(
            parts("https://example.com/foo%20bar"),
            p("https", "example.com", "/foo%20bar", "/foo%20bar/", false)
        );
        assert_eq!(
            parts("https://example.com/a#frag"),
            p("https", "example.com", "/a", "/a/", false)
        );
        assert_eq!(
            parts("https://u:p@example.com/a"),
            p("https", "example.com", "/a", "/a/", false)
        );
        assert_eq!(
            parts("HTTPS://example.com"),
            p("https", "example.com", "", "/", false)
        );
        assert_eq!(parts("https://example.com?x=1"), None);
        assert_eq!(parts("https://example.com/?"), None);
        assert_eq!(parts("ftp://example.com"), None);
        assert_eq!(parts("example.com"), None);
        assert_eq!(parts("https://"), None);
        assert_eq!(parts("https://exa mple.com"), None);
        assert_eq!(parts(""), None);
        let v = parse_url("https://example.com").unwrap().to_value();
        assert_eq!(v.as_object().unwrap()["isIp"], Value::Bool(false));
    }
}
