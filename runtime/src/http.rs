//! Building the HTTP request a generated serializer describes.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::byte_stream::ByteStream;

pub mod customize;
pub mod forms;

/// Percent-encodes a URI label value (`/` included, unless the label is
/// greedy), using aws-smithy-http's encoder.
pub fn encode_label(value: &str, greedy: bool) -> String {
    use aws_smithy_http::label::{fmt_string, EncodingStrategy};
    fmt_string(
        value,
        if greedy {
            EncodingStrategy::Greedy
        } else {
            EncodingStrategy::Default
        },
    )
}

/// SHA-256 (lowercase hex) of a request body that is kept out of logs; the
/// SigV4 signer needs it because it cannot read such a body itself.
#[derive(Clone, Debug)]
pub(crate) struct RedactedPayloadHash(pub(crate) String);

/// A request with the given method, path (and query) and optional JSON body.
/// The endpoint is applied later by the orchestrator.
///
/// With `sensitive` (the body holds `@sensitive` members), the body is made
/// opaque to `Debug`: aws-smithy-runtime traces every request it transmits,
/// body included, and would otherwise write those values to the log. The
/// bytes are unchanged on the wire and the body stays retryable.
pub fn json_request(
    method: &str,
    uri: String,
    body: Option<String>,
    sensitive: bool,
) -> Result<HttpRequest, BoxError> {
    let options = BodyOptions {
        sensitive,
        ..BodyOptions::new("application/json")
    };
    request(method, uri, body.map(String::into_bytes), options)
}

/// How a request body is sent.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct BodyOptions {
    /// `Content-Type` of the body.
    pub content_type: &'static str,
    /// The body holds `@sensitive` members (see [`json_request`]).
    pub sensitive: bool,
    /// `@httpChecksumRequired`: send `Content-MD5`.
    pub content_md5: bool,
    /// `@requestCompression` with gzip: compress bodies of at least
    /// [`MIN_COMPRESSION_SIZE`] bytes.
    pub gzip: bool,
}

impl BodyOptions {
    /// A plain body of this content type.
    pub const fn new(content_type: &'static str) -> Self {
        Self {
            content_type,
            sensitive: false,
            content_md5: false,
            gzip: false,
        }
    }

    /// Marks the body as holding `@sensitive` members.
    pub const fn sensitive(mut self, sensitive: bool) -> Self {
        self.sensitive = sensitive;
        self
    }

    /// Sends `Content-MD5`.
    pub const fn content_md5(mut self, on: bool) -> Self {
        self.content_md5 = on;
        self
    }

    /// Compresses large bodies with gzip.
    pub const fn gzip(mut self, on: bool) -> Self {
        self.gzip = on;
        self
    }
}

/// Bodies smaller than this are not compressed (the AWS SDKs' default
/// `request_min_compression_size_bytes`).
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Marks a request whose body was gzip-compressed; see [`finish`].
#[derive(Clone, Debug)]
struct Gzipped;

/// An awsJson1_0/1_1 request: `POST /` naming the operation in
/// `X-Amz-Target` (`target`, `Service.Operation`), with the JSON `body`
/// sent as `options` say (their content type the protocol's).
pub fn rpc_request(
    target: &'static str,
    body: String,
    options: BodyOptions,
) -> Result<HttpRequest, BoxError> {
    let mut request = request("POST", "/".to_owned(), Some(body.into_bytes()), options)?;
    request.headers_mut().try_insert("x-amz-target", target)?;
    Ok(request)
}

/// A request whose body (an `@httpPayload`, or a JSON document) is sent as
/// `options` say.
pub fn request(
    method: &str,
    uri: String,
    body: Option<Vec<u8>>,
    options: BodyOptions,
) -> Result<HttpRequest, BoxError> {
    let mut request = match body {
        Some(mut body) => {
            let md5 = options.content_md5.then(|| {
                use md5::Digest;
                aws_smithy_types::base64::encode(md5::Md5::digest(&body))
            });
            let gzipped = options.gzip && body.len() >= MIN_COMPRESSION_SIZE;
            if gzipped {
                use std::io::Write;
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                encoder.write_all(&body)?;
                body = encoder.finish()?;
            }
            let len = body.len();
            let mut request = if options.sensitive {
                opaque_request(bytes::Bytes::from(body))
            } else {
                HttpRequest::new(SdkBody::from(body))
            };
            request
                .headers_mut()
                .insert("content-type", options.content_type);
            request
                .headers_mut()
                .insert("content-length", len.to_string());
            if let Some(md5) = md5 {
                request.headers_mut().insert("content-md5", md5);
            }
            if gzipped {
                request.add_extension(Gzipped);
            }
            request
        }
        None => HttpRequest::new(SdkBody::empty()),
    };
    request.set_method(method)?;
    request.set_uri(uri)?;
    Ok(request)
}

/// A request with a body holding `@sensitive` values: the body is opaque to
/// the runtime's trace log (a retryable body of another type, whose `Debug`
/// shows no bytes), and its SHA-256 goes to the SigV4 signer, which can no
/// longer read it (see [`json_request`]).
fn opaque_request(bytes: bytes::Bytes) -> HttpRequest {
    use sha2::Digest;
    let hash = hex::encode(sha2::Sha256::digest(&bytes));
    let mut request = HttpRequest::new(SdkBody::retryable(move || {
        SdkBody::from_body_1_x(http_body_util::Full::new(bytes.clone()))
    }));
    request.add_extension(RedactedPayloadHash(hash));
    request
}

/// How a streaming payload (`@streaming` blob) is sent.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct StreamOptions {
    /// `Content-Type` of the body.
    pub content_type: &'static str,
    /// `@requiresLength`: a body of unknown length is refused before sending.
    pub requires_length: bool,
    /// `aws.auth#unsignedPayload`: SigV4 signs `UNSIGNED-PAYLOAD`.
    pub unsigned_payload: bool,
    /// The payload is `@sensitive`: an in-memory body is kept out of the
    /// runtime's trace log as [`json_request`] keeps JSON bodies out.
    pub sensitive: bool,
}

impl StreamOptions {
    /// A streaming body of this content type.
    pub const fn new(content_type: &'static str) -> Self {
        Self {
            content_type,
            requires_length: false,
            unsigned_payload: false,
            sensitive: false,
        }
    }

    /// Requires a known length (`@requiresLength`).
    pub const fn requires_length(mut self, on: bool) -> Self {
        self.requires_length = on;
        self
    }

    /// Signs `UNSIGNED-PAYLOAD` (`aws.auth#unsignedPayload`).
    pub const fn unsigned_payload(mut self, on: bool) -> Self {
        self.unsigned_payload = on;
        self
    }

    /// Marks the payload `@sensitive`.
    pub const fn sensitive(mut self, on: bool) -> Self {
        self.sensitive = on;
        self
    }
}

/// The request signs `UNSIGNED-PAYLOAD` (see [`StreamOptions`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnsignedPayload;

/// A request whose body is a stream: sent as it is read, never buffered
/// whole. `Content-Length` is set when the stream knows its length (a file,
/// bytes in memory). SigV4 hashes a body that is in memory and signs
/// `UNSIGNED-PAYLOAD` for one that is not, as aws-sdk-rust does, or always
/// with `unsigned_payload`.
pub fn stream_request(
    method: &str,
    uri: String,
    body: ByteStream,
    options: StreamOptions,
) -> Result<HttpRequest, BoxError> {
    let body = body.into_inner();
    let length = body.content_length();
    if options.requires_length && length.is_none() {
        return Err(
            "the streaming payload must have a known length (`@requiresLength`): \
             build the ByteStream from a file or from bytes, or give its length"
                .into(),
        );
    }
    let mut request = match body.bytes() {
        Some(bytes) if options.sensitive && !options.unsigned_payload => {
            opaque_request(bytes::Bytes::copy_from_slice(bytes))
        }
        _ => HttpRequest::new(body),
    };
    request.set_method(method)?;
    request.set_uri(uri)?;
    request
        .headers_mut()
        .insert("content-type", options.content_type);
    if let Some(length) = length {
        request
            .headers_mut()
            .insert("content-length", length.to_string());
    }
    if options.unsigned_payload {
        request.add_extension(UnsignedPayload);
    }
    Ok(request)
}

/// The body of a success response as a stream (`@streaming` blob output):
/// taken from the response unread, so it is never buffered whole.
pub fn take_stream(response: &mut HttpResponse) -> ByteStream {
    ByteStream::new(response.take_body())
}

/// Last step of serialization, after headers bound to members are set:
/// names gzip in `Content-Encoding` (after any encoding a member set) when
/// the body was compressed.
pub fn finish(request: &mut HttpRequest) -> Result<(), BoxError> {
    if request.extension::<Gzipped>().is_some() {
        let encoding = match request.headers().get("content-encoding") {
            Some(existing) if !existing.is_empty() => format!("{existing}, gzip"),
            _ => "gzip".to_owned(),
        };
        request
            .headers_mut()
            .try_insert("content-encoding", encoding)?;
    }
    Ok(())
}

/// The `@endpoint` host prefix of a request, with its labels filled in.
#[derive(Clone, Debug)]
pub(crate) struct HostPrefix(pub(crate) String);

/// Sends the request to `prefix` + the endpoint's host (`@endpoint`
/// `hostPrefix`). The prefix must be a valid host name part; a label that
/// would change more than its own part is rejected before sending.
pub fn set_host_prefix(request: &mut HttpRequest, prefix: String) -> Result<(), BoxError> {
    aws_smithy_runtime_api::client::endpoint::EndpointPrefix::new(prefix.clone())?;
    request.add_extension(HostPrefix(prefix));
    Ok(())
}

/// Whether `value` is one DNS label: 1 to 63 letters, digits and hyphens,
/// not starting with a hyphen (`@hostLabel` values, and the endpoint rules'
/// `isValidHostLabel`).
pub(crate) fn is_host_label(value: &str) -> bool {
    let bytes = value.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes[0] != b'-'
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// Checks a `@hostLabel` value: letters, digits and hyphens, as one DNS label.
pub fn host_label(value: &str, member: &'static str) -> Result<String, BoxError> {
    if is_host_label(value) {
        Ok(value.to_owned())
    } else {
        Err(format!("{member} is not a valid host label").into())
    }
}

/// Appends `key=value` to a URI's query string, percent-encoding both with
/// aws-smithy-http's query encoder.
pub fn push_query(uri: &mut String, key: &str, value: &str) {
    push_query_key(uri, key);
    uri.push('=');
    uri.push_str(&aws_smithy_http::query::fmt_string(value));
}

/// Appends a query parameter without a value (`?flag`).
pub fn push_query_key(uri: &mut String, key: &str) {
    uri.push(if uri.contains('?') { '&' } else { '?' });
    uri.push_str(&aws_smithy_http::query::fmt_string(key));
}

/// Sets a header, rejecting a name or value that cannot be sent (a newline,
/// say) instead of panicking.
pub fn set_header(
    request: &mut HttpRequest,
    name: impl Into<std::borrow::Cow<'static, str>>,
    value: String,
) -> Result<(), BoxError> {
    // A name known when generating stays borrowed; a prefixed one is owned.
    request.headers_mut().try_insert(name.into(), value)?;
    Ok(())
}

/// The headers of a response whose names start with `prefix` (compared
/// ignoring case), keyed by the rest of the name (`@httpPrefixHeaders`).
pub fn prefix_headers(
    headers: &aws_smithy_runtime_api::http::Headers,
    prefix: &str,
) -> Option<std::collections::HashMap<String, String>> {
    use aws_smithy_runtime_api::http::header_parse::headers_for_prefix;
    // Header names are stored lowercase; the prefix match ignores case.
    let found: std::collections::HashMap<String, String> =
        headers_for_prefix(headers.iter().map(|(name, _)| name), prefix)
            .filter_map(|(rest, name)| Some((rest.to_owned(), headers.get(name)?.to_owned())))
            .collect();
    (!found.is_empty()).then_some(found)
}

/// Reading and writing HTTP-bound members (`@httpHeader`, labels, query
/// values) with the smithy-rs header codecs: lists split on commas with
/// quoting, primitives parsed and printed as Smithy writes them (`NaN`,
/// `Infinity`).
pub mod headers {
    use crate::json::DeserializeError;
    use aws_smithy_runtime_api::http::{header_parse, Headers};
    use aws_smithy_types::date_time::Format;
    use aws_smithy_types::primitive::{Encoder, Parse};
    use aws_smithy_types::DateTime;

    fn bad(path: &'static str) -> DeserializeError {
        crate::json::invalid(path, "a header value of the member's type")
    }

    /// Prints a boolean or number as Smithy does.
    pub fn primitive(value: impl Into<Encoder>) -> String {
        value.into().encode().to_owned()
    }

    /// Joins list items into one header value, quoting those that hold a
    /// comma or a quote.
    pub fn join<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> String {
        items
            .into_iter()
            .map(|s| header_parse::quote_header_value(s.as_ref()).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One string header.
    pub fn string(headers: &Headers, name: &str) -> Option<String> {
        headers.get(name).map(str::to_owned)
    }

    /// A list of strings (quoted items unquoted).
    pub fn strings(
        headers: &Headers,
        name: &str,
        path: &'static str,
    ) -> Result<Option<Vec<String>>, DeserializeError> {
        if !headers.contains_key(name) {
            return Ok(None);
        }
        header_parse::read_many_from_str(headers.get_all(name))
            .map(Some)
            .map_err(|_| bad(path))
    }

    /// One boolean or number.
    pub fn one<T: Parse>(
        headers: &Headers,
        name: &str,
        path: &'static str,
    ) -> Result<Option<T>, DeserializeError> {
        match headers.get(name) {
            None => Ok(None),
            Some(v) => T::parse_smithy_primitive(v.trim())
                .map(Some)
                .map_err(|_| bad(path)),
        }
    }

    /// A list of booleans or numbers.
    pub fn many<T: Parse>(
        headers: &Headers,
        name: &str,
        path: &'static str,
    ) -> Result<Option<Vec<T>>, DeserializeError> {
        if !headers.contains_key(name) {
            return Ok(None);
        }
        header_parse::read_many_primitive(headers.get_all(name))
            .map(Some)
            .map_err(|_| bad(path))
    }

    /// One timestamp.
    pub fn date(
        headers: &Headers,
        name: &str,
        format: Format,
        path: &'static str,
    ) -> Result<Option<DateTime>, DeserializeError> {
        match headers.get(name) {
            None => Ok(None),
            Some(v) => DateTime::from_str(v.trim(), lenient(format))
                .map(Some)
                .map_err(|_| bad(path)),
        }
    }

    /// A list of timestamps.
    pub fn dates(
        headers: &Headers,
        name: &str,
        format: Format,
        path: &'static str,
    ) -> Result<Option<Vec<DateTime>>, DeserializeError> {
        if !headers.contains_key(name) {
            return Ok(None);
        }
        header_parse::many_dates(headers.get_all(name), lenient(format))
            .map(Some)
            .map_err(|_| bad(path))
    }

    /// A `@mediaType` string header: base64 on the wire.
    pub fn base64_string(
        headers: &Headers,
        name: &str,
        path: &'static str,
    ) -> Result<Option<String>, DeserializeError> {
        match headers.get(name) {
            None => Ok(None),
            Some(v) => aws_smithy_types::base64::decode(v.trim())
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .map(Some)
                .ok_or_else(|| bad(path)),
        }
    }

    /// Reading accepts date-times with offsets, as services may send them.
    pub(crate) fn lenient(format: Format) -> Format {
        match format {
            Format::DateTime => Format::DateTimeWithOffset,
            other => other,
        }
    }
}
