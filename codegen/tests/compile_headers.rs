//! headers.json: typed request and response headers, prefix headers and the
//! response status bound to an output member.
#![deny(warnings)]

include!("snapshots/headers.rs");

use wiremock::{matchers::any, Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn headers_both_ways() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("ETag", "\"abc\"")
                .insert_header("Expires", "Wed, 21 Oct 2015 07:28:00 GMT")
                .insert_header("X-Meta-Owner", "alice"),
        )
        .mount(&server)
        .await;
    let client = Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("us-west-2"))
            .endpoint_url(server.uri())
            .build(),
    );
    let out = client
        .put_thing()
        .id("t1")
        .token("tok")
        .count(7)
        .when(primitives::DateTime::from_secs(1_445_412_480))
        .colors("red")
        .colors("blue")
        .mode(types::Mode::Fast)
        .meta("Color", "green")
        .note("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), Some(202));
    assert_eq!(out.e_tag(), Some("\"abc\""));
    assert_eq!(out.expires().map(|t| t.secs()), Some(1_445_412_480));
    assert_eq!(
        out.meta().and_then(|m| m.get("owner")).map(String::as_str),
        Some("alice")
    );

    let req = &server.received_requests().await.unwrap()[0];
    let header = |n: &str| {
        req.headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    assert_eq!(req.method.as_str(), "PUT");
    assert_eq!(header("x-token").as_deref(), Some("tok"));
    assert_eq!(header("x-count").as_deref(), Some("7"));
    assert_eq!(
        header("x-when").as_deref(),
        Some("Wed, 21 Oct 2015 07:28:00 GMT")
    );
    assert_eq!(header("x-colors").as_deref(), Some("red, blue"));
    assert_eq!(header("x-mode").as_deref(), Some("fast"));
    assert_eq!(header("x-meta-color").as_deref(), Some("green"));
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        r#"{"Note":"hello"}"#
    );
}

#[tokio::test]
async fn a_header_value_that_cannot_be_sent_fails_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(202))
        .expect(0)
        .mount(&server)
        .await;
    let client = Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("us-west-2"))
            .endpoint_url(server.uri())
            .build(),
    );
    let err = client
        .put_thing()
        .id("t1")
        .token("bad\r\nX-Injected: 1")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
}
