//! openapi_features.yaml: an OpenAPI 3.1 document written as public APIs
//! write them (no `x-sdkgen-*`), generated and driven against a loopback
//! wiremock server. Each test checks the exact request that arrived
//! (method, path and query, headers, cookies, body, auth) and the typed
//! output or error read from a scripted answer.
#![deny(warnings)]

include!("snapshots/openapi_features.rs");

use aws_smithy_http_client::test_util::capture_request;
use primitives::{Blob, ByteStream, DateTime};
use std::collections::HashMap;
use types::error::{ClientError, DefaultError};
use types::{
    Cat, CatalogOwner, CatalogSize, Color, Contact, Dog, Email, Level, Money, Named, Pet, Phone,
    SearchFilter, SearchFormat, Thing, TreeNode, Value,
};
use wiremock::{matchers::any, Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "t0ken-0f-the-vault";
const KEY: &str = "k3y-0f-the-vault";
const PASSWORD: &str = "s3cr3t-pa55";

/// A server answering every request with `status`, `body` of `content_type`.
async fn answering(status: u16, body: &[u8], content_type: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_vec(), content_type))
        .mount(&server)
        .await;
    server
}

async fn json_server(status: u16, body: &str) -> MockServer {
    answering(status, body.as_bytes(), "application/json").await
}

fn config(server: &MockServer) -> config::Builder {
    config::Config::builder()
        .endpoint_url(server.uri())
        // Each answer is read once: what it reads as, not retries.
        .retry_config(config::RetryConfig::disabled())
}

/// A client with the document's default credential, a bearer token.
fn client(server: &MockServer) -> Client {
    Client::from_conf(
        config(server)
            .bearer_token(config::Token::new(TOKEN, None))
            .build(),
    )
}

async fn received(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one request");
    requests.remove(0)
}

fn header(req: &Request, name: &str) -> Option<String> {
    let mut values = req.headers.get_all(name).iter();
    let value = values.next().map(|v| v.to_str().unwrap().to_owned());
    assert!(values.next().is_none(), "one `{name}` header");
    value
}

/// Method, path and query string as they arrived.
fn line(req: &Request) -> String {
    match req.url.query() {
        Some(q) => format!("{} {}?{q}", req.method, req.url.path()),
        None => format!("{} {}", req.method, req.url.path()),
    }
}

fn json_of(req: &Request) -> serde_json::Value {
    assert_eq!(
        header(req, "content-type").as_deref(),
        Some("application/json")
    );
    serde_json::from_slice(&req.body).unwrap()
}

// ---- auth -------------------------------------------------------------------

/// `Authorization`, the API key header and the Cookie header of a request.
fn credentials(req: &Request) -> (Option<String>, Option<String>, Option<String>) {
    (
        header(req, "authorization"),
        header(req, "x-api-key"),
        header(req, "cookie"),
    )
}

/// A client with every credential the document names.
fn all_credentials(server: &MockServer) -> Client {
    Client::from_conf(
        config(server)
            .bearer_token(config::Token::new(TOKEN, None))
            .basic_auth("ann", PASSWORD)
            .api_key(config::Token::new(KEY, None))
            .build(),
    )
}

#[tokio::test]
async fn global_security_is_a_bearer_token() {
    let server = answering(204, b"", "text/plain").await;
    all_credentials(&server).get_default().send().await.unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "GET /auth/default");
    assert_eq!(
        credentials(&req),
        (Some(format!("Bearer {TOKEN}")), None, None)
    );
}

#[tokio::test]
async fn an_operation_overrides_it_with_basic_auth() {
    let server = answering(204, b"", "text/plain").await;
    all_credentials(&server).get_basic().send().await.unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "GET /auth/basic");
    // base64("ann:s3cr3t-pa55")
    assert_eq!(
        credentials(&req),
        (Some("Basic YW5uOnMzY3IzdC1wYTU1".to_owned()), None, None)
    );
}

#[tokio::test]
async fn api_key_in_a_header() {
    let server = answering(204, b"", "text/plain").await;
    all_credentials(&server)
        .get_header_key()
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "GET /auth/header-key");
    assert_eq!(credentials(&req), (None, Some(KEY.to_owned()), None));
}

#[tokio::test]
async fn api_key_in_the_query() {
    let server = answering(204, b"", "text/plain").await;
    all_credentials(&server)
        .get_query_key()
        .q("a b")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(
        line(&req),
        format!("GET /auth/query-key?q=a%20b&api_key={KEY}")
    );
    assert_eq!(credentials(&req), (None, None, None));
}

#[tokio::test]
async fn api_key_in_a_cookie() {
    let server = answering(204, b"", "text/plain").await;
    all_credentials(&server)
        .get_cookie_key()
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "GET /auth/cookie-key");
    assert_eq!(
        credentials(&req),
        (None, None, Some(format!("session={KEY}")))
    );
}

#[tokio::test]
async fn oauth2_sends_the_configured_bearer_token() {
    let server = answering(204, b"", "text/plain").await;
    all_credentials(&server).get_oauth().send().await.unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "GET /auth/oauth");
    assert_eq!(
        credentials(&req),
        (Some(format!("Bearer {TOKEN}")), None, None)
    );
}

#[tokio::test]
async fn empty_security_is_anonymous() {
    let server = answering(204, b"", "text/plain").await;
    all_credentials(&server)
        .get_anonymous()
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "GET /auth/anonymous");
    assert_eq!(credentials(&req), (None, None, None));
}

#[tokio::test]
async fn alternatives_are_tried_in_the_documents_order() {
    // Both configured: the first alternative, the API key.
    let server = answering(204, b"", "text/plain").await;
    all_credentials(&server).get_either().send().await.unwrap();
    assert_eq!(
        credentials(&received(&server).await),
        (None, Some(KEY.to_owned()), None)
    );

    // Only the login: the second.
    let server = answering(204, b"", "text/plain").await;
    let client = Client::from_conf(config(&server).basic_auth("ann", PASSWORD).build());
    client.get_either().send().await.unwrap();
    assert_eq!(
        credentials(&received(&server).await),
        (Some("Basic YW5uOnMzY3IzdC1wYTU1".to_owned()), None, None)
    );

    // Neither: nothing is sent.
    let server = answering(204, b"", "text/plain").await;
    let client = Client::from_conf(config(&server).build());
    let err = client.get_either().send().await.unwrap_err();
    assert!(err.as_service_error().is_none(), "{err:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn secrets_are_never_shown() {
    let server = answering(200, b"{}", "application/json").await;
    let client = all_credentials(&server);
    let shown = format!("{:?}", client.config());
    for secret in [TOKEN, KEY, PASSWORD] {
        assert!(!shown.contains(secret), "{shown}");
    }
    // A `format: password` field is sensitive.
    let login = client.login().user("ann").password(PASSWORD);
    let shown = format!("{:?}", login.as_input());
    assert!(
        shown.contains("ann") && !shown.contains(PASSWORD),
        "{shown}"
    );
}

// ---- bodies -----------------------------------------------------------------

#[tokio::test]
async fn object_body_with_a_schema_from_another_file() {
    let answer = r#"{"id":"5f0c6f2e-4a31-4d8a-9c69-8e3c1f1b2a77","name":"lamp","price":{"amount":1299,"currency":"EUR"},"created":"2024-05-01T12:30:00Z"}"#;
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("X-Rate-Limit", "41")
                .set_body_raw(answer, "application/json"),
        )
        .mount(&server)
        .await;
    let out = client(&server)
        .create_thing()
        .name("lamp")
        .price(
            Money::builder()
                .amount(1299)
                .currency("EUR")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "POST /things");
    assert_eq!(
        json_of(&req),
        serde_json::json!({"name": "lamp", "price": {"amount": 1299, "currency": "EUR"}})
    );
    assert_eq!(out.id(), Some("5f0c6f2e-4a31-4d8a-9c69-8e3c1f1b2a77"));
    assert_eq!(out.name(), "lamp");
    assert_eq!(
        out.price(),
        Some(
            &Money::builder()
                .amount(1299)
                .currency("EUR")
                .build()
                .unwrap()
        )
    );
    assert_eq!(out.created(), Some(&DateTime::from_secs(1_714_566_600)));
    assert_eq!(out.x_rate_limit(), Some(41));
}

#[tokio::test]
async fn array_body_and_array_response() {
    let server = json_server(200, r#"[{"id":"a","name":"one"},{"id":"b","name":"two"}]"#).await;
    let out = client(&server)
        .put_things()
        .body(Thing::builder().name("one").build().unwrap())
        .body(Thing::builder().name("two").id("b").build().unwrap())
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "PUT /things");
    assert_eq!(
        json_of(&req),
        serde_json::json!([{"name": "one"}, {"name": "two", "id": "b"}])
    );
    assert_eq!(
        out.body(),
        [
            Thing::builder().id("a").name("one").build().unwrap(),
            Thing::builder().id("b").name("two").build().unwrap(),
        ]
    );
}

#[tokio::test]
async fn scalar_body_and_response() {
    let server = json_server(200, "1.5").await;
    let out = client(&server).set_score().body(2.25).send().await.unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "PUT /score");
    assert_eq!(
        header(&req, "content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(req.body, b"2.25");
    assert_eq!(out.body(), Some(1.5));
}

#[tokio::test]
async fn octet_stream_both_ways() {
    let server = answering(200, &[9, 8, 0, 255], "application/octet-stream").await;
    let out = client(&server)
        .put_blob()
        .key("a/b c")
        .body(ByteStream::from_static(&[0, 1, 2, 254]))
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "PUT /blobs/a%2Fb%20c");
    assert_eq!(
        header(&req, "content-type").as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(req.body, [0, 1, 2, 254]);
    let bytes = out.body.collect().await.unwrap().into_bytes();
    assert_eq!(&bytes[..], [9, 8, 0, 255]);
}

#[tokio::test]
async fn text_plain_both_ways() {
    let server = answering(200, "stored: ünï".as_bytes(), "text/plain").await;
    let out = client(&server)
        .put_note()
        .body("héllo\nworld")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "PUT /notes");
    assert_eq!(header(&req, "content-type").as_deref(), Some("text/plain"));
    assert_eq!(req.body, "héllo\nworld".as_bytes());
    assert_eq!(out.body(), Some("stored: ünï"));
}

#[tokio::test]
async fn form_urlencoded_body() {
    let server = json_server(200, r#"{"token":"abc"}"#).await;
    let out = client(&server)
        .login()
        .user("ann")
        .password("p@ss word&")
        .remember(true)
        .scopes("read")
        .scopes("write")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "POST /login");
    assert_eq!(
        header(&req, "content-type").as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8(req.body.clone()).unwrap(),
        "user=ann&password=p%40ss+word%26&remember=true&scopes=read&scopes=write"
    );
    // `security: []`: no Authorization although a token is configured.
    assert_eq!(header(&req, "authorization"), None);
    assert_eq!(out.token(), Some("abc"));
}

#[tokio::test]
async fn multipart_body_with_a_file() {
    let server = answering(204, b"", "text/plain").await;
    client(&server)
        .upload()
        .description("photo")
        .file(Blob::new(vec![0xff, 0xd8, 0, 1]))
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "POST /upload");
    let content_type = header(&req, "content-type").unwrap();
    let boundary = multer::parse_boundary(&content_type).unwrap();
    assert_eq!(
        content_type,
        format!("multipart/form-data; boundary={boundary}")
    );
    let b = format!("--{boundary}");
    let expected: Vec<u8> = [
        b.as_bytes(),
        b"\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nphoto\r\n",
        b.as_bytes(),
        b"\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n",
        &[0xff, 0xd8, 0, 1],
        b"\r\n",
        b.as_bytes(),
        b"--\r\n",
    ]
    .concat();
    assert_eq!(req.body, expected);
}

#[tokio::test]
async fn json_is_chosen_where_xml_is_offered_too() {
    let server = json_server(200, r#"{"total":12.5}"#).await;
    let out = client(&server)
        .get_report()
        .year(2024)
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "POST /report");
    assert_eq!(json_of(&req), serde_json::json!({"year": 2024}));
    assert_eq!(out.total(), Some(12.5));
}

// ---- schemas ----------------------------------------------------------------

fn full_catalog_json() -> serde_json::Value {
    serde_json::json!({
        "pet": {"petType": "dog", "bark": true},
        "value": 42,
        "contact": {"phone": "+33 1 23"},
        "nickname": "Rex",
        "labels": {"a": "1"},
        "color": "green",
        "level": 2,
        "at": "2024-05-01T12:30:00Z",
        "day": "2024-05-01",
        "uid": "5f0c6f2e-4a31-4d8a-9c69-8e3c1f1b2a77",
        "raw": "AAEC/w==",
        "small": -7,
        "big": 9_007_199_254_740_993_i64,
        "ratio": 0.5,
        "precise": 0.1,
        "count": 3,
        "mode": "slow",
        "tree": {"value": "root", "children": [{"value": "leaf"}]},
        "owner": {"name": "ann"},
        "size": "M"
    })
}

#[tokio::test]
async fn every_schema_form_is_sent_as_the_document_says() {
    let server = json_server(200, "{}").await;
    client(&server)
        .put_catalog()
        .pet(Pet::Dog(Dog::builder().bark(true).build()))
        .value(Value::Integer(42))
        .contact(Contact::Phone(
            Phone::builder().phone("+33 1 23").build().unwrap(),
        ))
        .nickname("Rex")
        .labels("a", "1")
        .color(Color::Green)
        .level(Level::from(2))
        .at(DateTime::from_secs(1_714_566_600))
        .day("2024-05-01")
        .uid("5f0c6f2e-4a31-4d8a-9c69-8e3c1f1b2a77")
        .raw(Blob::new(vec![0, 1, 2, 255]))
        .small(-7)
        .big(9_007_199_254_740_993)
        .ratio(0.5)
        .precise(0.1)
        .count(3)
        .mode("slow")
        .tree(
            TreeNode::builder()
                .value("root")
                .children(TreeNode::builder().value("leaf").build().unwrap())
                .build()
                .unwrap(),
        )
        .owner(CatalogOwner::builder().name("ann").build())
        .size(CatalogSize::M)
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "PUT /catalog");
    assert_eq!(json_of(&req), full_catalog_json());
}

#[tokio::test]
async fn every_schema_form_is_read_back() {
    let server = json_server(200, &full_catalog_json().to_string()).await;
    let out = client(&server).put_catalog().send().await.unwrap();
    assert_eq!(
        out.pet(),
        Some(&Pet::Dog(Dog::builder().pet_type("dog").bark(true).build()))
    );
    assert_eq!(out.value(), Some(&Value::Integer(42)));
    assert_eq!(
        out.contact(),
        Some(&Contact::Phone(
            Phone::builder().phone("+33 1 23").build().unwrap()
        ))
    );
    assert_eq!(out.nickname(), Some("Rex"));
    assert_eq!(
        out.labels(),
        Some(&HashMap::from([("a".to_owned(), "1".to_owned())]))
    );
    assert_eq!(out.color(), Some(&Color::Green));
    assert_eq!(out.level(), Some(&Level::Value2));
    assert_eq!(out.at(), Some(&DateTime::from_secs(1_714_566_600)));
    assert_eq!(out.day(), Some("2024-05-01"));
    assert_eq!(out.uid(), Some("5f0c6f2e-4a31-4d8a-9c69-8e3c1f1b2a77"));
    assert_eq!(out.raw(), Some(&Blob::new(vec![0, 1, 2, 255])));
    assert_eq!(out.small(), Some(-7));
    assert_eq!(out.big(), Some(9_007_199_254_740_993));
    assert_eq!(out.ratio(), Some(0.5));
    assert_eq!(out.precise(), Some(0.1));
    assert_eq!(out.count(), 3);
    assert_eq!(out.mode(), "slow");
    assert_eq!(
        out.tree(),
        Some(
            &TreeNode::builder()
                .value("root")
                .children(TreeNode::builder().value("leaf").build().unwrap())
                .build()
                .unwrap()
        )
    );
    assert_eq!(
        out.owner(),
        Some(&CatalogOwner::builder().name("ann").build())
    );
    assert_eq!(out.size(), Some(&CatalogSize::M));
}

#[tokio::test]
async fn unions_nulls_unknown_values_and_defaults_are_read() {
    let body = serde_json::json!({
        "pet": {"petType": "cat", "name": "Tom"},
        "value": {"name": "n"},
        "contact": {"email": "a@example.com"},
        "nickname": null,
        "color": "purple",
        "level": 7,
        "size": "XXL",
        "serial": "S-1"
    });
    let server = json_server(200, &body.to_string()).await;
    let out = client(&server).put_catalog().send().await.unwrap();
    assert_eq!(
        out.pet(),
        Some(&Pet::Cat(
            Cat::builder().pet_type("cat").name("Tom").build()
        ))
    );
    assert_eq!(
        out.value(),
        Some(&Value::Named(Named::builder().name("n").build().unwrap()))
    );
    assert_eq!(
        out.contact(),
        Some(&Contact::Email(
            Email::builder().email("a@example.com").build().unwrap()
        ))
    );
    assert_eq!(out.nickname(), None);
    // Values the document does not list are kept.
    assert_eq!(out.color().map(Color::as_str), Some("purple"));
    assert!(matches!(out.color(), Some(Color::Unknown(_))));
    assert_eq!(out.level(), Some(&Level::Unknown(7)));
    assert_eq!(out.size().map(CatalogSize::as_str), Some("XXL"));
    // `readOnly` is read.
    assert_eq!(out.serial(), Some("S-1"));
    // Defaults of members the answer leaves out.
    assert_eq!(out.count(), 10);
    assert_eq!(out.mode(), "fast");

    let server = json_server(200, r#"{"value":"text"}"#).await;
    let out = client(&server).put_catalog().send().await.unwrap();
    assert_eq!(out.value(), Some(&Value::String("text".into())));
}

// ---- parameters -------------------------------------------------------------

#[tokio::test]
async fn parameters_in_every_place_and_style() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-Rate-Limit", "7")
                .set_body_raw(r#"{"hits":["h1"]}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let out = client(&server)
        .search()
        .area("north east")
        // The operation's `format` (an enum) overrides the path item's.
        .format(SearchFormat::Long)
        .ids(1)
        .ids(2)
        .tags("a")
        .tags("b")
        .words("x")
        .words("y")
        .colors("red")
        .colors("blue")
        .filter(SearchFilter::builder().color("red").size(3).build())
        .page_size(50)
        .x_request_tag("t-1")
        .theme("dark")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(
        line(&req),
        "GET /search/north%20east?format=long&ids=1&ids=2&tags=a,b&words=x%20y&colors=red|blue&filter[color]=red&filter[size]=3&page_size=50"
    );
    assert_eq!(header(&req, "x-request-tag").as_deref(), Some("t-1"));
    assert_eq!(header(&req, "cookie").as_deref(), Some("theme=dark"));
    assert_eq!(out.hits(), ["h1"]);
    assert_eq!(out.x_rate_limit(), Some(7));
}

#[tokio::test]
async fn a_referenced_parameter_keeps_its_constraints() {
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(
        config::Config::builder()
            .bearer_token(config::Token::new(TOKEN, None))
            .http_client(http)
            .build(),
    );
    let err = client
        .search()
        .area("a")
        .format(SearchFormat::Short)
        .page_size(101)
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{err:?}"
    );
    requests.expect_no_request();
}

// ---- responses --------------------------------------------------------------

#[tokio::test]
async fn two_success_statuses_read_the_same_output() {
    for status in [200, 201] {
        let server = json_server(status, r#"{"text":"hi"}"#).await;
        let out = client(&server)
            .upsert_doc()
            .doc_id("d1")
            .text("hi")
            .send()
            .await
            .unwrap();
        let req = received(&server).await;
        assert_eq!(line(&req), "PUT /docs/d1");
        assert_eq!(json_of(&req), serde_json::json!({"text": "hi"}));
        assert_eq!(out.text(), Some("hi"), "{status}");
    }
}

#[tokio::test]
async fn no_content_and_errors_by_status() {
    let id = "5f0c6f2e-4a31-4d8a-9c69-8e3c1f1b2a77";
    let server = answering(204, b"", "text/plain").await;
    client(&server)
        .delete_thing()
        .thing_id(id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        line(&received(&server).await),
        format!("DELETE /things/{id}")
    );

    let server = json_server(404, r#"{"title":"gone","status":404}"#).await;
    let err = client(&server)
        .delete_thing()
        .thing_id(id)
        .send()
        .await
        .unwrap_err();
    let err = err.into_service_error();
    assert!(err.is_not_found_error(), "{err:?}");
    let operation::delete_thing::DeleteThingError::NotFoundError(e) = err else {
        unreachable!()
    };
    assert_eq!(e.title(), Some("gone"));
    assert_eq!(e.status(), Some(404));

    // 409 is no status of its own: the `4XX` range, as problem+json.
    let server = answering(409, br#"{"title":"busy"}"#, "application/problem+json").await;
    let err = client(&server)
        .delete_thing()
        .thing_id(id)
        .send()
        .await
        .unwrap_err();
    match err.into_service_error() {
        operation::delete_thing::DeleteThingError::ClientError(e) => {
            assert_eq!(e, ClientError::builder().title("busy").build());
        }
        other => panic!("{other:?}"),
    }

    // 503: `default`.
    let server = json_server(503, r#"{"reason":"maintenance"}"#).await;
    let err = client(&server)
        .delete_thing()
        .thing_id(id)
        .send()
        .await
        .unwrap_err();
    match err.into_service_error() {
        operation::delete_thing::DeleteThingError::DefaultError(e) => {
            assert_eq!(e, DefaultError::builder().reason("maintenance").build());
        }
        other => panic!("{other:?}"),
    }

    // A `$ref`'d response (`components/responses/Problem`) on another operation.
    let server = answering(422, br#"{"title":"bad name"}"#, "application/problem+json").await;
    let err = client(&server)
        .create_thing()
        .name("x")
        .send()
        .await
        .unwrap_err();
    let err = err.into_service_error();
    assert!(err.is_client_error(), "{err:?}");
}

#[tokio::test]
async fn an_operation_without_operation_id_is_named_from_method_and_path() {
    let server = json_server(200, r#"["wheel","axle"]"#).await;
    let out = client(&server)
        .get_things_by_thing_id_parts()
        .thing_id("t1")
        .send()
        .await
        .unwrap();
    assert_eq!(line(&received(&server).await), "GET /things/t1/parts");
    assert_eq!(out.body(), ["wheel", "axle"]);
}

// ---- servers ----------------------------------------------------------------

#[tokio::test]
async fn the_servers_path_prefix_is_kept_and_endpoint_url_replaces_it() {
    // No `endpoint_url`: servers[0] with its variable's default, prefix kept.
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(
        config::Config::builder()
            .bearer_token(config::Token::new(TOKEN, None))
            .http_client(http)
            .build(),
    );
    let _ = client.get_default().send().await;
    assert_eq!(
        requests.expect_request().uri(),
        "https://eu-west-1.example.com/v2/auth/default"
    );

    // `endpoint_url` is the whole base: its own prefix, or none.
    let server = answering(204, b"", "text/plain").await;
    let client = Client::from_conf(
        config::Config::builder()
            .endpoint_url(format!("{}/v3/", server.uri()))
            .bearer_token(config::Token::new(TOKEN, None))
            .build(),
    );
    client.get_default().send().await.unwrap();
    assert_eq!(line(&received(&server).await), "GET /v3/auth/default");
}

// ---- 3.1 schema forms ---------------------------------------------------------

#[tokio::test]
async fn schema_forms_of_3_1_are_sent_and_read() {
    let answer = r#"{"count":null,"tier":null,"color":"blue","maybeTree":{"value":"r"},"kind":"extras","tags":["a","b"]}"#;
    let server = json_server(200, answer).await;
    let out = client(&server)
        .put_extras()
        .count(1)
        .tier(types::ExtrasTier::Paid)
        .color(Color::Red)
        .maybe_tree(TreeNode::builder().value("t").build().unwrap())
        .kind(types::ExtrasKind::Extras)
        .tags("x")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "PUT /extras");
    assert_eq!(
        json_of(&req),
        serde_json::json!({"count": 1, "tier": "paid", "color": "red", "maybeTree": {"value": "t"}, "kind": "extras", "tags": ["x"]})
    );
    // `type: [T, "null"]` and `enum: [..., null]` read null as unset.
    assert_eq!(out.count(), None);
    assert_eq!(out.tier(), None);
    assert_eq!(out.color(), Some(&Color::Blue));
    assert_eq!(
        out.maybe_tree(),
        Some(&TreeNode::builder().value("r").build().unwrap())
    );
    assert_eq!(out.kind(), Some(&types::ExtrasKind::Extras));
    assert_eq!(out.tags(), ["a", "b"]);
}

#[tokio::test]
async fn an_exclusive_minimum_refuses_the_bound_itself() {
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(
        config::Config::builder()
            .bearer_token(config::Token::new(TOKEN, None))
            .http_client(http)
            .build(),
    );
    let err = client.put_extras().count(0).send().await.unwrap_err();
    let text = error::DisplayErrorContext(&err).to_string();
    assert!(
        matches!(err, error::SdkError::ConstructionFailure(_)),
        "{text}"
    );
    assert!(text.contains("PutExtrasInput.count"), "{text}");
    requests.expect_no_request();
}
