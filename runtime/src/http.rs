//! Building the HTTP request a generated serializer describes.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::body::SdkBody;

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
    let mut request = match body {
        Some(body) => {
            let len = body.len();
            let mut request = if sensitive {
                use sha2::Digest;
                let bytes = bytes::Bytes::from(body);
                let hash = hex::encode(sha2::Sha256::digest(&bytes));
                let mut request = HttpRequest::new(SdkBody::retryable(move || {
                    SdkBody::from_body_1_x(http_body_util::Full::new(bytes.clone()))
                }));
                request.add_extension(RedactedPayloadHash(hash));
                request
            } else {
                HttpRequest::new(SdkBody::from(body))
            };
            request
                .headers_mut()
                .insert("content-type", "application/json");
            request
                .headers_mut()
                .insert("content-length", len.to_string());
            request
        }
        None => HttpRequest::new(SdkBody::empty()),
    };
    request.set_method(method)?;
    request.set_uri(uri)?;
    Ok(request)
}

/// Appends `key=value` to a URI's query string, percent-encoding both with
/// aws-smithy-http's query encoder.
pub fn push_query(uri: &mut String, key: &str, value: &str) {
    use aws_smithy_http::query::fmt_string;
    uri.push(if uri.contains('?') { '&' } else { '?' });
    uri.push_str(&fmt_string(key));
    uri.push('=');
    uri.push_str(&fmt_string(value));
}

/// Sets a header, rejecting a value that cannot be sent (a newline, say)
/// instead of panicking.
pub fn set_header(
    request: &mut HttpRequest,
    name: &'static str,
    value: String,
) -> Result<(), BoxError> {
    request.headers_mut().try_insert(name, value)?;
    Ok(())
}
