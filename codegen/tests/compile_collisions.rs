//! collisions.json: shapes and members named like what the generator makes
//! (`FooInput`/`FooOutput` shapes beside the operation's `FooInput`, members
//! `build`, `send`, `validate`, `set_name` beside `name`, an error member
//! `meta`): renamed in Rust (`build_value`, ...), unchanged on the wire.
#![deny(warnings)]

include!("snapshots/collisions.rs");

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
async fn renamed_members_keep_their_wire_names() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"Builder":"b","Send":"s"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let out = client(&server.uri())
        .foo()
        .build_value("1")
        .send_value("2")
        .validate_value("3")
        .name("n")
        .set_name_value("4")
        .input(
            types::FooInput::builder()
                .build_value_value("x")
                .build_value("y")
                .build(),
        )
        .output(
            types::FooOutput::builder()
                .get_value_value("g")
                .value("v")
                .build(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(out.builder_value(), Some("b"));
    assert_eq!(out.send(), Some("s"));
    let body: serde_json::Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "Build": "1", "Send": "2", "Validate": "3", "Name": "n", "SetName": "4",
            "Input": {"Build": "x", "BuildValue": "y"},
            "Output": {"GetValue": "g", "Value": "v"}
        })
    );
}

#[tokio::test]
async fn an_error_member_named_meta() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-amzn-errortype", "FooError")
                .set_body_raw(r#"{"Meta":"m","Message":"bad"}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let err = client(&server.uri())
        .foo()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let operation::foo::FooError::FooError(e) = err else {
        panic!("expected FooError, got {err:?}");
    };
    assert_eq!(e.meta_value(), Some("m"));
    assert_eq!(e.message(), Some("bad"));
    use error::ProvideErrorMetadata;
    assert_eq!(ProvideErrorMetadata::code(&e), Some("FooError"));
}
