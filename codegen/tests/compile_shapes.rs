//! shapes.json: every shape kind in one structure (a structure without
//! members too), sent and echoed back: what is sent is what comes back, and
//! the wire format is restJson1's.
#![deny(warnings)]

include!("snapshots/shapes.rs");

use primitives::{Blob, DateTime, Document};
use std::collections::HashMap;
use types::{Choice, Empty, Everything, LegacyEnum, Level, Node, Size};
use wiremock::{matchers::any, Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers with the request's own body.
struct Echo;

impl Respond for Echo {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        ResponseTemplate::new(200).set_body_raw(request.body.clone(), "application/json")
    }
}

fn everything() -> Everything {
    let node = Node::builder()
        .label("root")
        .next(
            Node::builder()
                .label("second")
                .next(Node::builder().label("third").build())
                .build(),
        )
        .children(Node::builder().label("child").build())
        .build();
    Everything::builder()
        .text("héllo \"quoted\"\n")
        .flag(true)
        .tiny(-8)
        .small(300)
        .num(-70_000)
        .big(1 << 40)
        .ratio(1.5)
        .precise(-2.25)
        .epoch(DateTime::from_secs(1_700_000_000))
        .iso(DateTime::from_millis(1_700_000_000_123))
        .http(DateTime::from_secs(1_445_412_480))
        .bytes(Blob::new(b"\x00\xffbinary".to_vec()))
        .doc(Document::Object(HashMap::from([(
            "k".to_owned(),
            Document::Array(vec![Document::Bool(true), Document::Null]),
        )])))
        .choice(Choice::Nested(Box::new(Choice::Count(3))))
        .level(Level::High)
        .size(Size::from("XL"))
        .legacy(LegacyEnum::V2Beta)
        .sparse(Some("a".to_owned()))
        .sparse(None)
        .sparse_map("present", Some(1))
        .sparse_map("absent", None)
        .grid("row", vec![1, 2, 3])
        .tree(node)
        .r#type("keyword")
        .self_("also a keyword")
        .r#async(false)
        .empty(Empty::builder().build())
        .spaced("a b\tc\r\nd")
        .build()
}

#[tokio::test]
async fn everything_round_trips() {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(Echo).mount(&server).await;
    let client = Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("us-west-2"))
            .endpoint_url(server.uri())
            .build(),
    );
    let sent = everything();
    let out = client.echo().value(sent.clone()).send().await.unwrap();
    assert_eq!(out.value(), Some(&sent));

    let req = &server.received_requests().await.unwrap()[0];
    let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
    let v = &body["Value"];
    assert_eq!(
        v["text"], "héllo \"quoted\"\n",
        "@jsonName renames on the wire"
    );
    assert_eq!(v["Choice"], serde_json::json!({"Nested": {"Count": 3}}));
    assert_eq!(v["Level"], 10);
    assert_eq!(v["Size"], "XL", "unknown enum values are kept");
    assert_eq!(v["Legacy"], "v2-beta");
    assert_eq!(v["Sparse"], serde_json::json!(["a", null]));
    assert_eq!(v["SparseMap"]["absent"], serde_json::Value::Null);
    assert_eq!(v["Epoch"], 1_700_000_000);
    assert_eq!(v["Iso"], "2023-11-14T22:13:20.123Z");
    assert_eq!(v["Http"], "Wed, 21 Oct 2015 07:28:00 GMT");
    assert_eq!(v["Bytes"], "AP9iaW5hcnk=");
    assert_eq!(v["Tree"]["Next"]["Next"]["Label"], "third");
    assert_eq!(
        v["Empty"],
        serde_json::json!({}),
        "a structure without members"
    );
    assert_eq!(v["Spaced"], "a b\tc\r\nd");
    assert_eq!(
        (&v["Type"], &v["Self"], &v["Async"]),
        (
            &serde_json::json!("keyword"),
            &serde_json::json!("also a keyword"),
            &serde_json::json!(false)
        )
    );
}

#[tokio::test]
async fn non_finite_floats_and_unknown_union_members() {
    let server = MockServer::start().await;
    let body = r#"{"Value":{"Ratio":"NaN","Precise":"-Infinity","Choice":{"SomethingNew":{"x":1}},"Sparse":[null]}}"#;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    let client = Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("us-west-2"))
            .endpoint_url(server.uri())
            .build(),
    );
    let out = client.echo().send().await.unwrap();
    let v = out.value().unwrap();
    assert!(v.ratio().unwrap().is_nan());
    assert_eq!(v.precise(), Some(f64::NEG_INFINITY));
    assert!(v.choice().unwrap().is_unknown());
    assert_eq!(v.sparse(), &[None]);
}

#[test]
fn sensitive_union_members_are_redacted() {
    let c = Choice::Secret("hunter2".into());
    assert!(!format!("{c:?}").contains("hunter2"));
    assert_eq!(c.as_secret().map(String::as_str), Ok("hunter2"));
}
