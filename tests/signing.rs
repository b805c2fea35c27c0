//! The SigV4 signature on the wire is the one aws-sigv4 computes for the
//! request that arrived: the body hash handed to the signer (the body is
//! kept out of logs, so the signer cannot read it) is the real one.

mod common;

use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4::SigningParams;
use aws_smithy_runtime_api::client::identity::Identity;
use chime_sdk::config::Credentials;
use std::time::SystemTime;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn authorization_header_matches_an_independent_signature() {
    let server = MockServer::start().await;
    // A 503 first, so the second attempt's signature is checked too.
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201).set_body_raw("{}", "application/json"))
        .mount(&server)
        .await;
    let credentials = Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        None,
        "t",
    );
    let config = common::config(&server.uri())
        .credentials_provider(credentials.clone())
        .build();
    chime_sdk::Client::from_conf(config)
        .create_room()
        .account_id("acct 1/x")
        .name("Zażółć gęślą jaźń")
        .client_request_token("tok-123")
        .send()
        .await
        .unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for req in &requests {
        check_signature(req, &credentials);
    }
}

fn check_signature(req: &wiremock::Request, credentials: &Credentials) {
    let header = |n: &str| {
        req.headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let authorization = header("authorization");
    let signed: Vec<String> = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .expect("SignedHeaders")
        .split(';')
        .map(str::to_owned)
        .collect();
    let headers: Vec<(String, String)> = signed.iter().map(|n| (n.clone(), header(n))).collect();
    let time = chime_sdk::primitives::DateTime::from_str(
        &header("x-amz-date"),
        chime_sdk::primitives::DateTimeFormat::DateTime,
    )
    .or_else(|_| {
        // x-amz-date is ISO 8601 basic format: 20261125T191539Z.
        let d = header("x-amz-date");
        let extended = format!(
            "{}-{}-{}T{}:{}:{}Z",
            &d[0..4],
            &d[4..6],
            &d[6..8],
            &d[9..11],
            &d[11..13],
            &d[13..15]
        );
        chime_sdk::primitives::DateTime::from_str(
            &extended,
            chime_sdk::primitives::DateTimeFormat::DateTime,
        )
    })
    .unwrap();
    let identity: Identity = credentials.clone().into();
    let params = SigningParams::builder()
        .identity(&identity)
        .region("us-west-2")
        .name("chime")
        .time(SystemTime::try_from(time).unwrap())
        .settings(SigningSettings::default())
        .build()
        .unwrap()
        .into();
    let uri = format!("http://{}{}", header("host"), req.url.path());
    let signable = SignableRequest::new(
        "POST",
        &uri,
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(&req.body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params).unwrap().into_parts();
    let (expected, _) = instructions.into_parts();
    let expected = expected
        .iter()
        .find(|h| h.name() == "authorization")
        .expect("an authorization header")
        .value()
        .to_owned();
    assert_eq!(authorization, expected);
}
