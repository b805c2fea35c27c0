//! The embedded mock (feature `test-util`) behaves as the API reference says.

use chime_sdk::config::{Config, Credentials, IdempotencyTokenProvider, Region};
use chime_sdk::mock::MockChime;
use chime_sdk::Client;

fn client(mock: &MockChime, tokens: IdempotencyTokenProvider) -> Client {
    Client::from_conf(
        Config::builder()
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKID", "secret", None, None, "t"))
            .endpoint_url(mock.endpoint_url())
            .idempotency_token_provider(tokens)
            .build(),
    )
}

#[tokio::test]
async fn same_token_gives_the_same_room() {
    let mock = MockChime::start().await.unwrap();
    let client = client(&mock, IdempotencyTokenProvider::fixed("same-token"));
    let a = client
        .create_room()
        .account_id("acct")
        .name("One")
        .send()
        .await
        .unwrap();
    let b = client
        .create_room()
        .account_id("acct")
        .name("One")
        .send()
        .await
        .unwrap();
    assert_eq!(a.room().unwrap().room_id(), b.room().unwrap().room_id());
    assert_eq!(mock.rooms_created(), 1);
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn new_tokens_give_new_rooms_with_the_fields_set() {
    let mock = MockChime::start().await.unwrap();
    let client = client(&mock, IdempotencyTokenProvider::seeded(1));
    let a = client
        .create_room()
        .account_id("acct/1")
        .name("One")
        .send()
        .await
        .unwrap();
    let b = client
        .create_room()
        .account_id("acct/1")
        .name("Two")
        .send()
        .await
        .unwrap();
    let (a, b) = (a.room().unwrap(), b.room().unwrap());
    assert_ne!(a.room_id(), b.room_id());
    assert_eq!(a.account_id(), Some("acct/1"), "the label is decoded back");
    assert_eq!(b.name(), Some("Two"));
    assert!(a.created_timestamp().is_some() && a.updated_timestamp().is_some());
    assert_eq!(mock.rooms_created(), 2);
}

#[tokio::test]
async fn the_mock_rejects_what_the_service_rejects() {
    let mock = MockChime::start().await.unwrap();
    let client = Client::from_conf(
        client(&mock, IdempotencyTokenProvider::fixed("x"))
            .config()
            .to_builder()
            .validation(false)
            .build(),
    );
    let err = client
        .create_room()
        .account_id("acct")
        .name("n")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_bad_request_exception());
    assert_eq!(mock.rooms_created(), 0);
}
