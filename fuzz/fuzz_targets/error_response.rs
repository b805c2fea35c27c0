//! Any status, headers and body as an error response: the restJson1 error
//! parser and the unmodeled error's Display never panic.
#![no_main]

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, body) = data.split_at(data.len().min(2));
    let status = 400 + u16::from(head.first().copied().unwrap_or(0)) % 200;
    let Ok(status) = StatusCode::try_from(status) else {
        return;
    };
    let mut response = HttpResponse::new(status, SdkBody::from(body.to_vec()));
    if let Some(&b) = head.get(1) {
        // Some inputs carry the error type in the header too.
        if let Ok(text) = std::str::from_utf8(&body[..body.len().min(b as usize)]) {
            let _ = response
                .headers_mut()
                .try_insert("x-amzn-errortype", text.to_owned());
        }
    }
    let parsed = sdkgen_runtime::error::parse_error_response(&response);
    let _ = sdkgen_runtime::error::Unhandled::from_response(parsed).to_string();
});
