//! labels.json: greedy and plain labels, typed query parameters, a literal
//! query in the URI and `@httpQueryParams`, on the wire.
#![deny(warnings)]

include!("snapshots/labels.rs");

use wiremock::{matchers::any, Mock, MockServer, ResponseTemplate};

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
async fn labels_and_query_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(r#"{"Size": 12}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let since = primitives::DateTime::from_secs(1_700_000_000);
    let out = client(&server.uri())
        .get_object()
        .bucket("my bucket")
        .key("dir/sub dir/a+b.txt")
        .version(3)
        .tags("x")
        .tags("y z")
        .since(since)
        .flag(true)
        .extra("zeta", "1")
        .extra("alpha", "2")
        .extra("version", "shadowed")
        .send()
        .await
        .unwrap();
    assert_eq!(out.size(), Some(12));
    let req = &server.received_requests().await.unwrap()[0];
    assert_eq!(req.method.as_str(), "GET");
    assert_eq!(
        req.url.path(),
        "/buckets/my%20bucket/objects/dir/sub%20dir/a%2Bb.txt"
    );
    assert_eq!(
        req.url.query(),
        Some("list-type=2&version=3&tag=x&tag=y%20z&since=2023-11-14T22%3A13%3A20Z&flag=true&alpha=2&zeta=1")
    );
    assert!(req.body.is_empty());
}

/// The generated fake routes by method and URI pattern (a greedy label, a
/// query literal) and reads labels, typed query parameters and the query
/// map back as the client wrote them.
#[tokio::test]
async fn the_fake_reads_labels_and_query_as_the_model_binds_them() {
    let fake = fake::FakeServer::start().await.unwrap();
    let since = primitives::DateTime::from_secs(1_700_000_000);
    let out = fake
        .client()
        .get_object()
        .bucket("my bucket")
        .key("dir/sub dir/a+b.txt")
        .version(3)
        .tags("x")
        .tags("y z")
        .since(since)
        .flag(true)
        .extra("zeta", "1")
        .extra("alpha", "2")
        .send()
        .await
        .unwrap();
    assert_eq!(out.size(), Some(0), "made up: the number nearest 0");
    let request = &fake.get_object().requests()[0];
    assert_eq!(
        request.input,
        serde_json::json!({
            "Bucket": "my bucket",
            "Key": "dir/sub dir/a+b.txt",
            "Version": 3,
            "Tags": ["x", "y z"],
            "Since": 1_700_000_000.0,
            "Flag": true,
            "Extra": {"alpha": "2", "zeta": "1"}
        })
    );
}

#[tokio::test]
async fn the_fake_routes_nothing_without_the_query_literal() {
    let fake = fake::FakeServer::start().await.unwrap();
    let err = fake
        .client()
        .get_object()
        .bucket("b")
        .key("k")
        .customize()
        .mutate_request(|r| {
            let uri = r.uri().replace("list-type=2", "list-type=1");
            r.set_uri(uri).unwrap();
        })
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(404));
    assert_eq!(
        err.into_service_error().meta().code(),
        Some("UnknownOperationException")
    );
    assert_eq!(fake.get_object().stats().received, 0);
}
