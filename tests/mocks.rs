//! aws-smithy-mocks (0.3, aws-sdk-rust's mocking crate) on this crate's
//! client exactly as on aws-sdk-chime's: `mock!` reads the operation's
//! input and output types from `Client::create_room` (its fluent builder's
//! `as_input()` and `send()`), `mock_client!` builds a client with
//! `config::Config::builder().with_test_defaults_v2()` (feature
//! `test-util`), the mock HTTP client and the rules' interceptor. Nothing is
//! sent anywhere.

use aws_smithy_mocks::{mock, mock_client, RuleMode};
use chime_sdk::config::RetryConfig;
use chime_sdk::operation::create_room::{CreateRoomError, CreateRoomOutput};
use chime_sdk::types::error::{BadRequestException, ThrottledClientException};
use chime_sdk::types::Room;
use chime_sdk::Client;
use std::time::Duration;

fn room(id: &str, name: &str) -> CreateRoomOutput {
    CreateRoomOutput::builder()
        .room(Room::builder().room_id(id).name(name).build())
        .build()
}

#[tokio::test]
async fn sequential_rules_answer_calls_in_order_with_outputs_and_errors() {
    let first = mock!(Client::create_room)
        .match_requests(|input| input.name() == Some("Team Room"))
        .then_output(|| room("room-1", "Team Room"));
    let refused = mock!(Client::create_room).then_error(|| {
        CreateRoomError::BadRequestException(
            BadRequestException::builder()
                .message("the account is closed")
                .build(),
        )
    });
    let client = mock_client!(chime_sdk, RuleMode::Sequential, [&first, &refused]);

    let out = client
        .create_room()
        .account_id("acct-1")
        .name("Team Room")
        .send()
        .await
        .unwrap();
    assert_eq!(out.room().and_then(|r| r.room_id()), Some("room-1"));

    let err = client
        .create_room()
        .account_id("acct-1")
        .name("Other Room")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let CreateRoomError::BadRequestException(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.message(), Some("the account is closed"));

    assert_eq!(first.num_calls(), 1);
    assert_eq!(refused.num_calls(), 1);
}

#[tokio::test]
async fn match_any_rules_answer_by_input() {
    let team = mock!(Client::create_room)
        .match_requests(|input| input.name() == Some("Team Room"))
        .then_output(|| room("room-team", "Team Room"));
    // Modeled errors are not retried: the model states no `@retryable`, and
    // the mocked answer's status (the mock HTTP client's 418) is not one
    // the retry classifiers take, so one call uses the rule once.
    let throttled = mock!(Client::create_room)
        .match_requests(|input| input.account_id() == Some("busy"))
        .then_error(|| {
            CreateRoomError::ThrottledClientException(
                ThrottledClientException::builder().message("slow").build(),
            )
        });
    let client = mock_client!(chime_sdk, RuleMode::MatchAny, [&throttled, &team]);

    for _ in 0..2 {
        let out = client
            .create_room()
            .account_id("acct-1")
            .name("Team Room")
            .send()
            .await
            .unwrap();
        assert_eq!(out.room().and_then(|r| r.room_id()), Some("room-team"));
    }
    let err = client
        .create_room()
        .account_id("busy")
        .name("Team Room")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_throttled_client_exception(), "{err:?}");

    assert_eq!(team.num_calls(), 2, "a MatchAny rule answers every match");
    assert_eq!(throttled.num_calls(), 1);
}

#[tokio::test]
async fn the_test_defaults_reach_the_input_and_the_configuration() {
    // `with_test_defaults` fixes the idempotency token, as aws-sdk-rust's.
    let rule = mock!(Client::create_room)
        .match_requests(|input| {
            input.client_request_token() == Some("00000000-0000-4000-8000-000000000000")
        })
        .then_output(|| room("room-1", "n"));
    let client = mock_client!(chime_sdk, RuleMode::Sequential, [&rule], |config| config
        .app_name(chime_sdk::config::AppName::new("mocked").unwrap()));
    assert_eq!(
        client.config().region().map(|r| r.as_ref()),
        Some("us-east-1")
    );
    assert_eq!(
        client.config().app_name().map(AsRef::as_ref),
        Some("mocked")
    );
    client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert_eq!(rule.num_calls(), 1);
}

#[tokio::test]
async fn mocked_statuses_are_retried_as_on_the_wire() {
    // Two 503s then the room: the runtime's classifiers retry the mocked
    // HTTP answers as they would real ones (three attempts by default).
    let flaky = mock!(Client::create_room)
        .sequence()
        .http_status(503, None)
        .times(2)
        .output(|| room("room-1", "n"))
        .build();
    let client = mock_client!(chime_sdk, RuleMode::Sequential, [&flaky], |config| config
        .retry_config(
            RetryConfig::standard().with_initial_backoff(Duration::from_millis(1))
        ));
    let out = client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap();
    assert_eq!(out.room().and_then(|r| r.room_id()), Some("room-1"));
    assert_eq!(flaky.num_calls(), 3);

    // A 400 is not retried: one mocked answer, the modeled error.
    let bad = mock!(Client::create_room)
        .sequence()
        .http_status(400, Some(r#"{"Code":"BadRequest","Message":"no"}"#.into()))
        .output(|| room("never", "n"))
        .build();
    let client = mock_client!(chime_sdk, RuleMode::Sequential, [&bad]);
    let err = client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_bad_request_exception(), "{err:?}");
    assert_eq!(bad.num_calls(), 1);
}
