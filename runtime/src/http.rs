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

/// A request with the given method, path (and query) and optional JSON body.
/// The endpoint is applied later by the orchestrator.
pub fn json_request(
    method: &str,
    uri: String,
    body: Option<String>,
) -> Result<HttpRequest, BoxError> {
    let mut request = match body {
        Some(body) => {
            let len = body.len();
            let mut request = HttpRequest::new(SdkBody::from(body));
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
