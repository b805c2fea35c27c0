//! The request forms OpenAPI documents use beside Smithy's bindings:
//! query parameters in OpenAPI's `style`s, cookies, and
//! `application/x-www-form-urlencoded` and `multipart/form-data` bodies.

use super::{request, BodyOptions};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;

/// The delimiter of a query parameter whose values are joined
/// (`explode: false`), as OpenAPI's examples write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Delimiter {
    /// `style: form`: `a=1,2`.
    Comma,
    /// `style: spaceDelimited`: `a=1%202`.
    Space,
    /// `style: pipeDelimited`: `a=1|2`.
    Pipe,
}

impl Delimiter {
    fn text(self) -> &'static str {
        match self {
            Delimiter::Comma => ",",
            Delimiter::Space => "%20",
            Delimiter::Pipe => "|",
        }
    }
}

/// Appends `key=v1,v2` (or `%20`, `|` between the values) to a URI's query
/// string: each value percent-encoded as [`push_query`](super::push_query)
/// encodes one, the delimiters written as they are. No values give `key=`,
/// as OpenAPI's examples show an empty array.
pub fn push_joined<I, S>(uri: &mut String, key: &str, values: I, delimiter: Delimiter)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    super::push_query_key(uri, key);
    uri.push('=');
    for (i, value) in values.into_iter().enumerate() {
        if i > 0 {
            uri.push_str(delimiter.text());
        }
        uri.push_str(&aws_smithy_http::query::fmt_string(value.as_ref()));
    }
}

/// Appends `key[entry]=value` (OpenAPI's `style: deepObject`): the key and
/// the entry's name percent-encoded, the brackets as they are, as
/// OpenAPI's examples write them (`color[R]=100`).
pub fn push_deep_object(uri: &mut String, key: &str, entry: &str, value: &str) {
    uri.push(if uri.contains('?') { '&' } else { '?' });
    uri.push_str(&aws_smithy_http::query::fmt_string(key));
    uri.push('[');
    uri.push_str(&aws_smithy_http::query::fmt_string(entry));
    uri.push_str("]=");
    uri.push_str(&aws_smithy_http::query::fmt_string(value));
}

/// The `Cookie` header of a request: `a=1; b=2`, one pair per cookie
/// parameter that is set, in the order they are pushed. `@sensitive`
/// cookies need nothing more: aws-smithy-runtime-api's `Debug` of headers,
/// which the runtime's trace log uses, redacts `Cookie` whole.
#[derive(Debug, Default)]
pub struct Cookies(String);

impl Cookies {
    /// No cookies yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name=value`. A value holding `;` (which would start another
    /// cookie) or a control character is refused before sending; the error
    /// names the cookie, not the value, which may be `@sensitive`.
    pub fn push(&mut self, name: &str, value: &str) -> Result<(), BoxError> {
        if value.contains(';') || value.chars().any(char::is_control) {
            return Err(format!(
                "the value of cookie `{name}` holds `;` or a control character, which a Cookie header cannot carry"
            )
            .into());
        }
        if !self.0.is_empty() {
            self.0.push_str("; ");
        }
        self.0.push_str(name);
        self.0.push('=');
        self.0.push_str(value);
        Ok(())
    }

    /// Sets the `Cookie` header when any cookie was pushed.
    pub fn set(self, request: &mut HttpRequest) -> Result<(), BoxError> {
        if self.0.is_empty() {
            return Ok(());
        }
        append_cookies(request, &self.0)
    }
}

/// Adds `pairs` (`a=1; b=2`) to the request's `Cookie` header, after the
/// cookies it has: the cookie parameters' and an API key's in one header.
pub(crate) fn append_cookies(request: &mut HttpRequest, pairs: &str) -> Result<(), BoxError> {
    let cookie = match request.headers().get("cookie") {
        Some(existing) if !existing.is_empty() => format!("{existing}; {pairs}"),
        _ => pairs.to_owned(),
    };
    super::set_header(request, "cookie", cookie)
}

/// An `application/x-www-form-urlencoded` body (`a=1&b=x+y`), written with
/// `form_urlencoded` (the `url` project's encoder, as browsers encode
/// forms).
pub struct Form(form_urlencoded::Serializer<'static, String>);

impl std::fmt::Debug for Form {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Fields may be `@sensitive`.
        f.write_str("Form")
    }
}

impl Default for Form {
    fn default() -> Self {
        Self::new()
    }
}

impl Form {
    /// The content type of a form body.
    pub const CONTENT_TYPE: &'static str = "application/x-www-form-urlencoded";

    /// An empty form.
    pub fn new() -> Self {
        Self(form_urlencoded::Serializer::new(String::new()))
    }

    /// Adds a field (once per item of a list: `a=1&a=2`).
    pub fn field(&mut self, name: &str, value: &str) {
        self.0.append_pair(name, value);
    }

    /// The request with the form as its body, sent as `options` say (their
    /// content type [`Form::CONTENT_TYPE`]).
    pub fn into_request(
        mut self,
        method: &str,
        uri: String,
        options: BodyOptions,
    ) -> Result<HttpRequest, BoxError> {
        request(method, uri, Some(self.0.finish().into_bytes()), options)
    }
}

/// A `multipart/form-data` body (RFC 7578).
///
/// Written here rather than taken from a crate: `multer` and the other
/// maintained multipart crates parse; of the encoders,
/// `common-multipart-rfc7578` cannot give a part a `Content-Type` without a
/// file name (JSON parts need one) and streams through futures and
/// `rand` 0.8 where this needs some bytes in memory. The format is small:
/// parts between boundary lines, each with its headers.
#[derive(Default)]
pub struct Multipart {
    parts: Vec<Part>,
}

impl std::fmt::Debug for Multipart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Parts may be `@sensitive`: only their names.
        f.debug_list()
            .entries(self.parts.iter().map(|p| &p.name))
            .finish()
    }
}

struct Part {
    name: String,
    filename: Option<String>,
    content_type: Option<&'static str>,
    body: Vec<u8>,
}

impl Multipart {
    /// No parts yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A text part (a scalar's text), without a `Content-Type` (RFC 7578:
    /// `text/plain`).
    pub fn text(&mut self, name: &str, value: &str) {
        self.push(name, None, None, value.as_bytes().to_vec());
    }

    /// A JSON part (a structure, list, map or document as JSON text), with
    /// `Content-Type: application/json`.
    pub fn json(&mut self, name: &str, json: String) {
        self.push(name, None, Some("application/json"), json.into_bytes());
    }

    /// A file part (a blob): `filename` is the part's name, its
    /// `Content-Type` `application/octet-stream`.
    pub fn bytes(&mut self, name: &str, bytes: Vec<u8>) {
        self.push(
            name,
            Some(name.to_owned()),
            Some("application/octet-stream"),
            bytes,
        );
    }

    fn push(
        &mut self,
        name: &str,
        filename: Option<String>,
        content_type: Option<&'static str>,
        body: Vec<u8>,
    ) {
        self.parts.push(Part {
            name: name.to_owned(),
            filename,
            content_type,
            body,
        });
    }

    /// A boundary of 32 random letters and digits that occurs in no part
    /// (chosen again, which is all but never needed, until it does not).
    pub fn boundary(&self) -> String {
        loop {
            let boundary: String = std::iter::repeat_with(fastrand::alphanumeric)
                .take(32)
                .collect();
            let delimiter = format!("--{boundary}");
            if !self
                .parts
                .iter()
                .any(|p| contains(&p.body, delimiter.as_bytes()))
            {
                return boundary;
            }
        }
    }

    /// The body, each part between `--boundary` lines, with
    /// `Content-Disposition: form-data; name="..."` (and `filename`) and
    /// its `Content-Type`. `"`, CR and LF in names are written `%22`,
    /// `%0D`, `%0A`, as browsers (the WHATWG HTML standard) write them.
    pub fn encode(&self, boundary: &str) -> Vec<u8> {
        let mut out = Vec::new();
        for part in &self.parts {
            out.extend_from_slice(b"--");
            out.extend_from_slice(boundary.as_bytes());
            out.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            out.extend_from_slice(escape(&part.name).as_bytes());
            out.push(b'"');
            if let Some(filename) = &part.filename {
                out.extend_from_slice(b"; filename=\"");
                out.extend_from_slice(escape(filename).as_bytes());
                out.push(b'"');
            }
            out.extend_from_slice(b"\r\n");
            if let Some(content_type) = part.content_type {
                out.extend_from_slice(b"Content-Type: ");
                out.extend_from_slice(content_type.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(b"\r\n");
            out.extend_from_slice(&part.body);
            out.extend_from_slice(b"\r\n");
        }
        out.extend_from_slice(b"--");
        out.extend_from_slice(boundary.as_bytes());
        out.extend_from_slice(b"--\r\n");
        out
    }

    /// The request with the parts as its body, under a boundary of
    /// [`Multipart::boundary`], sent as `options` say; its `Content-Type`
    /// is `multipart/form-data; boundary=...`.
    pub fn into_request(
        self,
        method: &str,
        uri: String,
        options: BodyOptions,
    ) -> Result<HttpRequest, BoxError> {
        let boundary = self.boundary();
        self.into_request_with_boundary(method, uri, options, &boundary)
    }

    /// As [`Multipart::into_request`], under the given boundary (which
    /// must occur in no part).
    pub fn into_request_with_boundary(
        self,
        method: &str,
        uri: String,
        options: BodyOptions,
        boundary: &str,
    ) -> Result<HttpRequest, BoxError> {
        let mut request = request(method, uri, Some(self.encode(boundary)), options)?;
        request.headers_mut().try_insert(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )?;
        Ok(request)
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn escape(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_and_deep_object_queries_are_written_as_openapi_shows_them() {
        let mut uri = "/p".to_owned();
        push_joined(&mut uri, "a", ["1", "x y"], Delimiter::Comma);
        push_joined(&mut uri, "b", ["1", "2"], Delimiter::Space);
        push_joined(&mut uri, "c", ["1", "a|b"], Delimiter::Pipe);
        push_joined(&mut uri, "e", [""; 0], Delimiter::Comma);
        push_deep_object(&mut uri, "d", "R", "100");
        push_deep_object(&mut uri, "d", "a b", "&");
        assert_eq!(
            uri,
            "/p?a=1,x%20y&b=1%202&c=1|a%7Cb&e=&d[R]=100&d[a%20b]=%26"
        );
        // The `http` crate takes it as a URI.
        assert!(uri.parse::<http::Uri>().is_ok());
    }

    #[test]
    fn cookies_join_with_semicolons_and_refuse_what_would_split_them() {
        let mut cookies = Cookies::new();
        cookies.push("a", "1").unwrap();
        cookies.push("b", "x,y").unwrap();
        let err = cookies.push("c", "secret; d=2").unwrap_err().to_string();
        assert!(
            err.contains("cookie `c`") && !err.contains("secret"),
            "{err}"
        );
        let mut request = HttpRequest::empty();
        cookies.set(&mut request).unwrap();
        assert_eq!(request.headers().get("cookie"), Some("a=1; b=x,y"));
        let mut empty = HttpRequest::empty();
        Cookies::new().set(&mut empty).unwrap();
        assert_eq!(empty.headers().get("cookie"), None);
    }

    #[test]
    fn forms_encode_as_browsers_do() {
        let mut form = Form::new();
        form.field("a", "1");
        form.field("a", "2");
        form.field("b", "x y&z=é");
        let request = form
            .into_request("POST", "/".into(), BodyOptions::new(Form::CONTENT_TYPE))
            .unwrap();
        assert_eq!(
            request.body().bytes(),
            Some(&b"a=1&a=2&b=x+y%26z%3D%C3%A9"[..])
        );
        assert_eq!(
            request.headers().get("content-type"),
            Some("application/x-www-form-urlencoded")
        );
    }

    #[test]
    fn multipart_bodies_are_exact_and_boundaries_avoid_the_parts() {
        let mut parts = Multipart::new();
        parts.text("na\"me", "hello");
        parts.json("meta", r#"{"a":1}"#.to_owned());
        parts.bytes("file", vec![0, 1, 2]);
        let boundary = parts.boundary();
        assert_eq!(boundary.len(), 32);
        assert_ne!(boundary, parts.boundary());
        let request = parts
            .into_request_with_boundary("POST", "/".into(), BodyOptions::new("x"), "XyZ")
            .unwrap();
        assert_eq!(
            request.headers().get("content-type"),
            Some("multipart/form-data; boundary=XyZ")
        );
        let expected: &[u8] = b"--XyZ\r\nContent-Disposition: form-data; name=\"na%22me\"\r\n\r\nhello\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n\x00\x01\x02\r\n\
--XyZ--\r\n";
        assert_eq!(request.body().bytes(), Some(expected));
    }
}
