//! Building the HTTP request a generated serializer describes.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::body::SdkBody;

/// Percent-encodes a URI label value (`/` included, unless the label is
/// greedy), using aws-smithy-http's encoder.
pub fn encode_label(value: &str, greedy: bool) -> String {
    use aws_smithy_http::label::{fmt_string, EncodingStrategy};
    fmt_string(value, if greedy { EncodingStrategy::Greedy } else { EncodingStrategy::Default })
}

/// A request with the given method, path (and query) and optional JSON body.
/// The endpoint is applied later by the orchestrator.
pub fn json_request(method: &str, uri: String, body: Option<String>) -> Result<HttpRequest, BoxError> {
    let mut request = match body {
        Some(body) => {
            let len = body.len();
            let mut request = HttpRequest::new(SdkBody::from(body));
            request.headers_mut().insert("content-type", "application/json");
            request.headers_mut().insert("content-length", len.to_string());
            request
        }
        None => HttpRequest::new(SdkBody::empty()),
    };
    request.set_method(method)?;
    request.set_uri(uri)?;
    Ok(request)
}
