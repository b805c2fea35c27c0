//! The crate generated from `openapi_forms.rs`'s hand-built IR, driven
//! against a loopback wiremock server: the exact JSON of an untagged and a
//! discriminated union in both directions, and the error variant each
//! status reaches (404 exactly, 418 by `4XX`, 503 by `default`, 302 by
//! none).
#![deny(warnings)]

include!("snapshots/openapi_forms.rs");

use operation::put_thing::PutThingError;
use primitives::Document;
use std::collections::HashMap;
use types::{Cat, Dog, Pet, Value, A, B};
use wiremock::{matchers::any, Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("eu-west-1"))
            .endpoint_url(server.uri())
            // Each status is answered once: what it reads as, not retries.
            .retry_config(config::RetryConfig::disabled())
            .build(),
    )
}

async fn answering(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body, "application/json"))
        .mount(&server)
        .await;
    server
}

fn sent_body(requests: &[wiremock::Request]) -> String {
    assert_eq!(requests.len(), 1);
    String::from_utf8(requests[0].body.clone()).unwrap()
}

#[tokio::test]
async fn unions_are_sent_in_their_own_forms() {
    let server = answering(200, "{}").await;
    let cat = Cat::builder()
        .name("Tom")
        // The tag is the variant's: the member is not written twice.
        .pet_type("ignored")
        .build()
        .unwrap();
    client(&server)
        .put_thing()
        .value(Value::Text("hi".into()))
        .pet(Pet::Cat(cat))
        .values(Value::Count(3))
        .values(Value::Names(vec!["x".into(), "y".into()]))
        .values(Value::A(A::builder().a("1").build().unwrap()))
        .values(Value::B(B::builder().b(2).build().unwrap()))
        .values(Value::Unknown(Document::Bool(true)))
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        sent_body(&requests),
        r#"{"pet":{"petType":"cat","name":"Tom"},"value":"hi","values":[3,["x","y"],{"a":"1"},{"b":2},true]}"#
    );

    let server = answering(200, "{}").await;
    client(&server)
        .put_thing()
        .pet(Pet::Dog(Dog::builder().bark(true).build()))
        .send()
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        sent_body(&requests),
        r#"{"pet":{"petType":"dog","bark":true}}"#
    );
}

#[tokio::test]
async fn unions_are_read_from_their_own_forms() {
    let body = r#"{
        "value": {"b": 5},
        "pet": {"petType": "cat", "name": "Tom"},
        "values": ["s", 7, ["p", "q"], {"a": "x", "b": 1}, {"b": 2, "extra": 0}, {"a": null, "b": 3}, true, {"c": 1}, 1.5]
    }"#;
    let server = answering(200, body).await;
    let out = client(&server).put_thing().send().await.unwrap();
    assert_eq!(
        out.value(),
        Some(&Value::B(B::builder().b(5).build().unwrap()))
    );
    assert_eq!(
        out.pet(),
        Some(&Pet::Cat(
            Cat::builder().name("Tom").pet_type("cat").build().unwrap()
        ))
    );
    assert_eq!(
        out.values(),
        [
            Value::Text("s".into()),
            Value::Count(7),
            Value::Names(vec!["p".into(), "q".into()]),
            // Both keys: the first variant whose required members are all there.
            Value::A(A::builder().a("x").build().unwrap()),
            Value::B(B::builder().b(2).build().unwrap()),
            // A null key is no key: not an `A`.
            Value::B(B::builder().b(3).build().unwrap()),
            Value::Unknown(Document::Bool(true)),
            Value::Unknown(Document::Object(HashMap::from([(
                "c".to_owned(),
                Document::Number(aws_smithy_types::Number::PosInt(1)),
            )]))),
            Value::Unknown(Document::Number(aws_smithy_types::Number::Float(1.5))),
        ]
    );

    let server = answering(
        200,
        r#"{"pet": {"petType": "dog", "bark": false}, "values": []}"#,
    )
    .await;
    let out = client(&server).put_thing().send().await.unwrap();
    assert_eq!(
        out.pet(),
        Some(&Pet::Dog(Dog::builder().bark(false).build()))
    );
    assert_eq!(out.values(), []);

    // A tag this SDK does not know keeps the object.
    let server = answering(200, r#"{"pet": {"petType": "fish", "fins": 2}}"#).await;
    let out = client(&server).put_thing().send().await.unwrap();
    let pet = out.pet().unwrap();
    assert!(pet.is_unknown());
    assert_eq!(
        pet,
        &Pet::Unknown(Document::Object(HashMap::from([
            ("petType".to_owned(), Document::String("fish".into())),
            (
                "fins".to_owned(),
                Document::Number(aws_smithy_types::Number::PosInt(2))
            ),
        ])))
    );
    assert_eq!(format!("{pet:?}").split('(').next(), Some("Unknown"));

    // A discriminated union is an object.
    let server = answering(200, r#"{"pet": "cat"}"#).await;
    let err = client(&server).put_thing().send().await.unwrap_err();
    assert!(
        format!(
            "{}",
            aws_smithy_types::error::display::DisplayErrorContext(&err)
        )
        .contains("Pet: expected an object"),
        "{err:?}"
    );
}

async fn error_for(status: u16) -> PutThingError {
    let server = answering(status, r#"{"message": "no"}"#).await;
    let err = client(&server).put_thing().send().await.unwrap_err();
    err.into_service_error()
}

#[tokio::test]
async fn errors_are_matched_by_status_then_range() {
    let e = error_for(404).await;
    assert!(
        matches!(&e, PutThingError::NotFound(x) if x.message() == Some("no")),
        "{e:?}"
    );
    let e = error_for(418).await;
    assert!(
        matches!(&e, PutThingError::ClientProblem(x) if x.message() == Some("no")),
        "{e:?}"
    );
    let e = error_for(400).await;
    assert!(matches!(e, PutThingError::ClientProblem(_)), "{e:?}");
    let e = error_for(503).await;
    assert!(
        matches!(&e, PutThingError::Fallback(x) if x.message() == Some("no")),
        "{e:?}"
    );
    let e = error_for(302).await;
    assert!(matches!(e, PutThingError::Unhandled(_)), "{e:?}");
}
