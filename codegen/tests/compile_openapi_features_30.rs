//! openapi_features_30.json: an OpenAPI 3.0 document in JSON, as older
//! public APIs write them: no security at all, `nullable`, a discriminator
//! without a mapping, `allOf` wrapping one reference, a `5XX` answer in
//! plain text and a `default` response as the only answer; driven against a
//! loopback wiremock server.
#![deny(warnings)]

include!("snapshots/openapi_features_30.rs");

use aws_smithy_http_client::test_util::capture_request;
use operation::get_profile::GetProfileError;
use primitives::DateTime;
use std::collections::HashMap;
use types::{Badge, Event, Gold, Priority, Profile, Silver, Status};
use wiremock::{matchers::any, Mock, MockServer, Request, ResponseTemplate};

async fn answering(status: u16, body: &str, content_type: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("ETag", "\"v7\"")
                .set_body_raw(body, content_type),
        )
        .mount(&server)
        .await;
    server
}

/// No credentials of any kind: the document asks for none.
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

fn header(req: &Request, name: &str) -> Option<String> {
    req.headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
}

fn rt_meta(e: &impl error::ProvideErrorMetadata) -> (Option<&str>, Option<&str>) {
    (e.code(), e.message())
}

fn line(req: &Request) -> String {
    match req.url.query() {
        Some(q) => format!("{} {}?{q}", req.method, req.url.path()),
        None => format!("{} {}", req.method, req.url.path()),
    }
}

#[tokio::test]
async fn without_security_nothing_is_configured_and_the_server_prefix_is_kept() {
    let (http, requests) = capture_request(None);
    let client = Client::from_conf(config::Config::builder().http_client(http).build());
    let _ = client.get_profile().profile_id(7).send().await;
    let req = requests.expect_request();
    // `https://api.example.com/legacy/`: the prefix without its last slash.
    assert_eq!(req.uri(), "https://api.example.com/legacy/profiles/7");
    assert_eq!(req.headers().get("authorization"), None);
}

#[tokio::test]
async fn a_profile_is_read_with_nulls_unknown_values_and_an_implicit_mapping() {
    let body = r#"{
        "id": 9007199254740993,
        "nickname": null,
        "status": "banned",
        "badge": {"kind": "Gold", "karat": 18},
        "settings": {"volume": 3},
        "born": "1990-02-28"
    }"#;
    let server = answering(200, body, "application/json").await;
    let out = client(&server)
        .get_profile()
        .profile_id(-1)
        .if_none_match("\"v6\"")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "GET /profiles/-1");
    assert_eq!(header(&req, "if-none-match").as_deref(), Some("\"v6\""));
    assert_eq!(header(&req, "authorization"), None);
    assert_eq!(out.id(), 9_007_199_254_740_993);
    assert_eq!(out.nickname(), None);
    assert_eq!(out.status(), &Status::from("banned"));
    assert_eq!(out.status().as_str(), "banned");
    // The discriminator's values are the schema names where no mapping is given.
    assert_eq!(
        out.badge(),
        Some(&Badge::Gold(Gold::builder().kind("Gold").karat(18).build()))
    );
    assert_eq!(
        out.settings(),
        Some(&HashMap::from([("volume".to_owned(), 3)]))
    );
    assert_eq!(out.born(), Some("1990-02-28"));
    assert_eq!(out.e_tag(), Some("\"v7\""));
}

#[tokio::test]
async fn a_patch_sends_only_what_is_set() {
    let server = answering(
        200,
        r#"{"id":1,"status":"active","badge":{"kind":"Silver","shine":0.5}}"#,
        "application/json",
    )
    .await;
    let out = client(&server)
        .update_profile()
        .profile_id(1)
        .status(Status::Suspended)
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(line(&req), "PATCH /profiles/1");
    assert_eq!(
        header(&req, "content-type").as_deref(),
        Some("application/json")
    );
    assert_eq!(
        String::from_utf8(req.body).unwrap(),
        r#"{"status":"suspended"}"#
    );
    assert_eq!(out.status(), &Status::Active);
    assert_eq!(
        out.badge(),
        Some(&Badge::Silver(
            Silver::builder().kind("Silver").shine(0.5).build()
        ))
    );
}

#[tokio::test]
async fn errors_by_status_with_json_and_text_bodies() {
    let server = answering(
        404,
        r#"{"code":"NoProfile","message":"none"}"#,
        "application/json",
    )
    .await;
    let err = client(&server)
        .get_profile()
        .profile_id(2)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    match err {
        GetProfileError::NotFoundError(e) => {
            assert_eq!((e.code(), e.message()), (Some("NoProfile"), Some("none")));
            // The body's `code` and `message` are the error's metadata too.
            assert_eq!(rt_meta(&e), (Some("NoProfile"), Some("none")));
        }
        other => panic!("{other:?}"),
    }

    // Any 5xx: `5XX`, its body the text.
    let server = answering(502, "upstream down", "text/plain").await;
    let err = client(&server)
        .get_profile()
        .profile_id(2)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    match err {
        GetProfileError::ServerError(e) => assert_eq!(e.body(), Some("upstream down")),
        other => panic!("{other:?}"),
    }

    // A 4xx the document does not list is unhandled, its status kept.
    let server = answering(409, "{}", "application/json").await;
    let err = client(&server)
        .get_profile()
        .profile_id(2)
        .send()
        .await
        .unwrap_err();
    let raw = err.raw_response().map(|r| r.status().as_u16());
    assert_eq!(raw, Some(409));
    assert!(matches!(
        err.into_service_error(),
        GetProfileError::Unhandled(_)
    ));
}

#[tokio::test]
async fn query_values_of_every_type_and_a_default_only_answer() {
    let body = r#"[
        {"id": "e2", "owner": {"id": 1, "status": "active"}, "parent": {"id": "e1", "parent": null},
         "status": null, "priority": 20, "at": "2024-02-29T23:59:59.5Z"},
        {"id": "e3", "priority": 30, "at": null}
    ]"#;
    let server = answering(200, body, "application/json").await;
    let out = client(&server)
        .list_events()
        .since(DateTime::from_secs(1_709_251_199))
        .active(false)
        .level(Priority::Value10)
        .kinds(Status::Active)
        .kinds(Status::Suspended)
        .x_tags("a")
        .x_tags("b c")
        .send()
        .await
        .unwrap();
    let req = received(&server).await;
    assert_eq!(
        line(&req),
        "GET /events?since=2024-02-29T23%3A59%3A59Z&active=false&level=10&kinds=active&kinds=suspended"
    );
    assert_eq!(header(&req, "x-tags").as_deref(), Some("a, b c"));
    assert_eq!(
        out.body(),
        [
            Event::builder()
                .id("e2")
                .owner(
                    Profile::builder()
                        .id(1)
                        .status(Status::Active)
                        .build()
                        .unwrap()
                )
                .parent(Event::builder().id("e1").build().unwrap())
                .priority(Priority::Value20)
                .at(DateTime::from_fractional_secs(1_709_251_199, 0.5))
                .build()
                .unwrap(),
            Event::builder()
                .id("e3")
                .priority(Priority::Unknown(30))
                .build()
                .unwrap(),
        ]
    );
}
