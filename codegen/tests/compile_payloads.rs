//! payloads.json: a blob, a structure and a string bound as the whole body.
#![deny(warnings)]

include!("snapshots/payloads.rs");

use wiremock::{matchers::method, Mock, MockServer, ResponseTemplate};

fn client(url: &str) -> Client {
    Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("us-west-2"))
            .endpoint_url(url)
            .build(),
    )
}

#[tokio::test]
async fn blob_payload_is_the_raw_body() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(vec![0u8, 159, 146, 150], "application/octet-stream"),
        )
        .mount(&server)
        .await;
    let out = client(&server.uri())
        .put_blob()
        .name("n")
        .data(primitives::Blob::new(b"\x01\x02raw".to_vec()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.data().map(|b| b.as_ref().to_vec()),
        Some(vec![0u8, 159, 146, 150])
    );
    let req = &server.received_requests().await.unwrap()[0];
    assert_eq!(req.body, b"\x01\x02raw");
    assert_eq!(
        req.headers.get("content-type").unwrap(),
        "application/octet-stream"
    );
}

#[tokio::test]
async fn structure_payload_is_its_json_and_stays_redacted() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Id", "d-1")
                .set_body_raw(
                    r#"{"Title":"Back","Pages":2,"Secret":"shh"}"#,
                    "application/json",
                ),
        )
        .mount(&server)
        .await;
    let doc = types::Doc::builder()
        .title("Hi")
        .pages(3)
        .secret("hush")
        .build();
    assert!(!format!("{doc:?}").contains("hush"));
    let out = client(&server.uri())
        .put_doc()
        .doc(doc)
        .send()
        .await
        .unwrap();
    assert_eq!(out.id(), Some("d-1"));
    let back = out.doc().unwrap();
    assert_eq!(
        (back.title(), back.pages(), back.secret()),
        (Some("Back"), Some(2), Some("shh"))
    );
    let req = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        r#"{"Pages":3,"Secret":"hush","Title":"Hi"}"#
    );
}

#[tokio::test]
async fn string_payload_is_text() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("plain words", "text/plain"))
        .mount(&server)
        .await;
    let out = client(&server.uri()).get_text().send().await.unwrap();
    assert_eq!(out.text(), Some("plain words"));
}
