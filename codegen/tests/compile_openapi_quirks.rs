//! openapi_quirks.yaml: forms published API descriptions use that a reader
//! must survive — properties named like keywords (`oneOf`, `items`) or
//! named nothing (`""`), children inheriting from the parent that lists
//! them, a parameter that is one name or several, a header of base64
//! text, extensions among the paths, a reference to a file that is not
//! there (`codegen/tests/openapi.rs` checks what is said of those) — driven against a loopback wiremock server.
#![deny(warnings)]

include!("snapshots/openapi_quirks.rs");

use types::{Cat, Pet};
use wiremock::{matchers::any, Mock, MockServer, Request, ResponseTemplate};

async fn answering(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::from_conf(
        config::Config::builder()
            .endpoint_url(server.uri())
            .retry_config(config::RetryConfig::disabled())
            .build(),
    )
}

async fn received(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

#[tokio::test]
async fn names_that_are_keywords_or_nothing_and_parameters_of_several_forms() {
    let server = answering(
        200,
        r#"{"oneOf":"deprecated field","items":3,"":"blank","score":1.5}"#,
    )
    .await;
    let out = client(&server)
        .search()
        .index("logs-2026")
        .ids("a")
        .ids("b c")
        .x_token("dG9rZW4=")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    // One name or several: a list in the query (repeated), text in the path.
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(req.url.path(), "/logs-2026/_search");
    assert_eq!(req.url.query(), Some("ids=a&ids=b%20c"));
    // `format: byte` in a header: the base64 text as given.
    assert_eq!(req.headers.get("x-token").unwrap(), "dG9rZW4=");
    // The date-time default is the service's to apply: nothing is sent.
    assert!(!req.url.as_str().contains("since"));
    assert_eq!(out.one_of(), Some("deprecated field"));
    assert_eq!(out.items(), Some(3));
    assert_eq!(out.unnamed(), Some("blank"));
    assert_eq!(out.score(), Some(1.5));
}

#[tokio::test]
async fn children_of_a_discriminated_parent_are_its_variants() {
    let server = answering(201, r#"{"kind":"dog","name":"Rex","good":true}"#).await;
    let cat = Cat::builder().kind("cat").name("Tom").lives(9).build();
    let out = client(&server)
        .add_pet()
        .body(Pet::Cat(cat))
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    // The tag first, from the mapping; the child's own `kind` not twice.
    assert_eq!(
        std::str::from_utf8(&req.body).unwrap(),
        r#"{"kind":"cat","lives":9,"name":"Tom"}"#
    );
    match out.body() {
        Some(Pet::Dog(dog)) => {
            assert_eq!(dog.name(), Some("Rex"));
            assert_eq!(dog.good(), Some(true));
        }
        other => panic!("expected a dog, got {other:?}"),
    }
}

#[tokio::test]
async fn carriage_returns_titled_constants_and_a_variant_titled_unknown() {
    let server = answering(
        200,
        r#"{"phase":1,"level":"high","detail":{"reason":"disk"},"loop":{"any":"json"}}"#,
    )
    .await;
    let out = client(&server)
        .get_status()
        .mode(types::GetStatusMode::FastSlow)
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    // The value as the document writes it, carriage return and all.
    assert_eq!(req.url.query(), Some("mode=fast%0Dslow"));
    // `oneOf` of titled integer constants: an int enum named by the titles.
    assert_eq!(out.phase(), Some(&types::StatusPhase::DONE));
    // The same of string constants: one string enum.
    assert_eq!(out.level(), Some(&types::StatusLevel::High));
    // A variant titled `Unknown` is not the union's own `Unknown`.
    match out.detail() {
        Some(types::StatusDetail::UnknownValue(d)) => assert_eq!(d.reason(), Some("disk")),
        other => panic!("expected the titled variant, got {other:?}"),
    }
    // A cycle of references names nothing: any JSON.
    assert_eq!(
        out.r#loop().map(|d| d.as_object().is_some()),
        Some(true),
        "{:?}",
        out.r#loop()
    );
}
