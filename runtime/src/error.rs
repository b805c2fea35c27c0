//! Error responses of restJson1 and awsJson1_0/1_1: which error is it, and
//! what did the service say.

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::{Builder as ErrorMetadataBuilder, ProvideErrorMetadata};
use aws_smithy_types::error::ErrorMetadata;
use serde_json::Value;
use std::fmt;

/// What an error response says about itself, plus its parsed body for the
/// generated code to read modeled members from.
#[derive(Debug)]
pub struct ErrorResponse<'a> {
    /// Error code (sanitized), message and request id.
    pub meta: ErrorMetadata,
    /// The body as JSON (an empty object where it was empty or not JSON).
    pub body: Value,
    /// The body's bytes, for an error whose payload is not a JSON object
    /// (text, or a JSON value of another form).
    pub raw: &'a [u8],
    /// The HTTP status code.
    pub status: u16,
    /// The response headers (errors may bind members to them), borrowed
    /// from the response: most errors read none.
    pub headers: &'a aws_smithy_runtime_api::http::Headers,
}

impl ErrorResponse<'_> {
    /// For a service with `aws.protocols#awsQueryCompatible`: the error's
    /// code is its awsQuery code where the response names one in
    /// `x-amzn-query-error` (`Code;Sender`), as aws-sdk-rust reads it.
    pub fn with_query_error_code(mut self) -> Self {
        let code = self
            .headers
            .get("x-amzn-query-error")
            .and_then(|v| v.split(';').next())
            .map(str::trim)
            .filter(|c| !c.is_empty());
        if let Some(code) = code {
            let mut builder = ErrorMetadata::builder().code(code);
            if let Some(message) = self.meta.message() {
                builder = builder.message(message);
            }
            self.meta = aws_types::request_id::apply_request_id(builder, self.headers).build();
        }
        self
    }

    /// Reads a modeled error with `read` (the error structure's generated
    /// reader, shared by every operation that can return it) and wraps it in
    /// the operation's `variant`. A response that does not match the model
    /// becomes `unhandled`, keeping the parse error as its source and the
    /// response's metadata.
    pub fn read_modeled<T, E>(
        self,
        read: fn(&ErrorResponse<'_>) -> Result<T, crate::json::DeserializeError>,
        variant: fn(T) -> E,
        unhandled: fn(Unhandled) -> E,
    ) -> E {
        match read(&self) {
            Ok(error) => variant(error),
            Err(source) => unhandled(Unhandled::new(Box::new(source), Some(self.meta))),
        }
    }
}

/// Reads an error response the way restJson1 and awsJson specify: the code comes from
/// the `X-Amzn-Errortype` header, else from `__type`, `code` or `Code` in the
/// body; the message from `message`, `Message` or `errorMessage`; the request
/// id from `x-amzn-RequestId`. A body that is not JSON (a proxy's HTML page,
/// say) still yields an error with the status and no code.
pub fn parse_error_response(response: &HttpResponse) -> ErrorResponse<'_> {
    let body = response
        .body()
        .bytes()
        .and_then(|b| serde_json::from_slice::<Value>(b).ok())
        .filter(Value::is_object)
        .unwrap_or_else(|| Value::Object(Default::default()));
    let header_code = response.headers().get("x-amzn-errortype");
    let body_str = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| body.get(*k).and_then(Value::as_str))
    };
    let code = header_code
        .or_else(|| body_str(&["__type", "code", "Code"]))
        .map(sanitize_error_code);
    let message = body_str(&["message", "Message", "errorMessage"]);
    let mut builder = ErrorMetadata::builder();
    if let Some(code) = code {
        builder = builder.code(code);
    }
    if let Some(message) = message {
        builder = builder.message(message);
    }
    let builder: ErrorMetadataBuilder =
        aws_types::request_id::apply_request_id(builder, response.headers());
    ErrorResponse {
        meta: builder.build(),
        body,
        raw: response.body().bytes().unwrap_or_default(),
        status: response.status().as_u16(),
        headers: response.headers(),
    }
}

/// Reduces a wire error code to the shape name: drops a namespace before `#`
/// and anything after `:` (`aws.chime#BadRequestException:http://...` becomes
/// `BadRequestException`).
pub fn sanitize_error_code(code: &str) -> &str {
    let code = code.split(':').next().unwrap_or(code);
    let code = code.rsplit('#').next().unwrap_or(code);
    code.trim()
}

/// The request id of an error, if the service sent one.
pub fn request_id(meta: &ErrorMetadata) -> Option<&str> {
    aws_types::request_id::RequestId::request_id(meta)
}

/// Writes `Name (Code): message [request id: ...]` for a modeled error.
pub fn fmt_error(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    code: Option<&str>,
    message: Option<&str>,
    meta: &ErrorMetadata,
) -> fmt::Result {
    f.write_str(name)?;
    if let Some(code) = code.filter(|c| *c != name) {
        write!(f, " ({code})")?;
    }
    if let Some(message) = message {
        write!(f, ": {message}")?;
    }
    if let Some(id) = request_id(meta) {
        write!(f, " [request id: {id}]")?;
    }
    Ok(())
}

/// An error the model does not describe: keeps the code, message, request id
/// and status so a caller can still act on it.
#[derive(Debug)]
pub struct Unhandled {
    meta: ErrorMetadata,
    status: Option<u16>,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Unhandled {
    /// An unmodeled error response.
    pub fn from_response(response: ErrorResponse<'_>) -> Self {
        Self {
            meta: response.meta,
            status: Some(response.status),
            source: None,
        }
    }

    /// An unmodeled error from a source error and its metadata.
    pub fn new(
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
        meta: Option<ErrorMetadata>,
    ) -> Self {
        Self {
            meta: meta.unwrap_or_default(),
            status: None,
            source: Some(source),
        }
    }

    /// The HTTP status code, where the error came from a response.
    pub fn status(&self) -> Option<u16> {
        self.status
    }
}

impl ProvideErrorMetadata for Unhandled {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unhandled error")?;
        match (self.meta.code(), self.status) {
            (Some(code), Some(status)) => write!(f, " {code} (HTTP {status})")?,
            (Some(code), None) => write!(f, " {code}")?,
            (None, Some(status)) => write!(f, " (HTTP {status})")?,
            (None, None) => {}
        }
        if let Some(message) = self.meta.message() {
            write!(f, ": {message}")?;
        } else if let Some(source) = &self.source {
            write!(f, ": {source}")?;
        }
        if let Some(id) = request_id(&self.meta) {
            write!(f, " [request id: {id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for Unhandled {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as _)
    }
}

/// A call's error as a service-wide error type `T` (generated crates'
/// `Error`): a service error through `service`, anything else (no answer,
/// an unreadable one, a construction failure) as [`Unhandled`] with its
/// metadata. What the `From<SdkError<_, _>>` impls of `Error` call.
pub fn from_sdk_error<E, R, T>(
    err: SdkError<E, R>,
    service: impl FnOnce(E) -> T,
    unhandled: impl FnOnce(Unhandled) -> T,
) -> T
where
    E: std::error::Error + ProvideErrorMetadata + Send + Sync + 'static,
    R: fmt::Debug + Send + Sync + 'static,
{
    match err {
        SdkError::ServiceError(context) => service(context.into_err()),
        other => {
            let meta = other.meta().clone();
            unhandled(Unhandled::new(Box::new(other), Some(meta)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::body::SdkBody;

    fn response(
        status: u16,
        headers: &[(&'static str, &'static str)],
        body: &'static str,
    ) -> HttpResponse {
        let mut r = HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body));
        for (k, v) in headers {
            r.headers_mut().insert(*k, *v);
        }
        r
    }

    #[test]
    fn header_code_wins_over_body() {
        let r = response(
            400,
            &[("x-amzn-errortype", "BadRequestException:http://internal/")],
            r#"{"Code":"BadRequest","Message":"no"}"#,
        );
        let e = parse_error_response(&r);
        assert_eq!(e.meta.code(), Some("BadRequestException"));
        assert_eq!(e.meta.message(), Some("no"));
    }

    #[test]
    fn body_code_in_each_spelling() {
        for body in [
            r#"{"__type":"aws.x#Nope"}"#,
            r#"{"code":"Nope"}"#,
            r#"{"Code":"Nope"}"#,
        ] {
            assert_eq!(
                parse_error_response(&response(400, &[], body)).meta.code(),
                Some("Nope"),
                "{body}"
            );
        }
    }

    #[test]
    fn html_body_keeps_status_and_request_id() {
        let r = response(
            502,
            &[("x-amzn-requestid", "req-1")],
            "<html>Bad Gateway</html>",
        );
        let e = Unhandled::from_response(parse_error_response(&r));
        assert_eq!(
            e.to_string(),
            "unhandled error (HTTP 502) [request id: req-1]"
        );
    }
}
