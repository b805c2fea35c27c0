//! `@sensitive` values and secrets never reach Debug, Display or errors.

mod common;

use chime_sdk::error::DisplayErrorContext;
use chime_sdk::operation::create_room::CreateRoomInput;
use common::{assert_clean, client_with_token, NAME, TOKEN};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn inputs_outputs_errors_and_config_are_redacted() {
    let server = MockServer::start().await;
    let room = format!(r#"{{"Room":{{"RoomId":"r","Name":"{NAME}"}}}}"#);
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201).set_body_raw(room, "application/json"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let error = r#"{"Code":"BadRequest","Message":"bad"}"#;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(400).set_body_raw(error, "application/json"))
        .mount(&server)
        .await;
    let client = client_with_token(&server.uri(), TOKEN);

    let request = client
        .create_room()
        .account_id("acct")
        .name(NAME)
        .client_request_token(TOKEN);
    assert_clean("fluent builder Debug", &format!("{request:?}"));
    assert_clean("input builder Debug", &format!("{:?}", request.as_input()));
    let input = CreateRoomInput::builder()
        .account_id("acct")
        .name(NAME)
        .client_request_token(TOKEN)
        .build()
        .unwrap();
    assert_clean("input Debug", &format!("{input:?} {input:#?}"));
    assert!(
        format!("{input:?}").contains("acct"),
        "non-sensitive members still show"
    );

    let output = request.clone().send().await.unwrap();
    assert_eq!(
        output.room().unwrap().name(),
        Some(NAME),
        "the value itself is intact"
    );
    assert_clean("output Debug", &format!("{output:?} {output:#?}"));

    let err = request.send().await.unwrap_err();
    assert_clean("error Debug", &format!("{err:?}"));
    assert_clean("error Display", &format!("{}", DisplayErrorContext(&err)));
    assert_clean("client Debug", &format!("{client:?}"));
    assert_clean("config Debug", &format!("{:?}", client.config()));

    let invalid = client
        .create_room()
        .account_id("acct")
        .name(NAME)
        .client_request_token("bad token Hydra")
        .send()
        .await
        .unwrap_err();
    let text = format!("{invalid:?} {}", DisplayErrorContext(&invalid));
    assert!(!text.contains("bad token Hydra"), "{text}");
}
