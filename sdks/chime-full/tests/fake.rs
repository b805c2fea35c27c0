//! A few of the 62 operations of the official Chime model against the
//! fake the generator made from it: routes that share a path (`/accounts`
//! by method, `/accounts/{AccountId}` and below it), a 201, a 204, a
//! paginator that stops, and a BadRequestException for what the model
//! forbids.

#[cfg(sdkgen_model_absent)]
#[test]
fn skipped_model_absent() {
    eprintln!("skipped: ../shared/models/chime-2018-05-01.json is absent, so this crate is empty");
}

#[cfg(not(sdkgen_model_absent))]
mod fake {
    use chime_sdk_full::fake::FakeServer;
    use chime_sdk_full::operation::create_account::CreateAccountError;
    use chime_sdk_full::Client;

    fn client(fake: &FakeServer, validate: bool) -> Client {
        Client::from_conf(fake.config().validation(validate).build())
    }

    #[tokio::test]
    async fn operations_are_routed_and_answered_as_the_model_says() {
        let fake = FakeServer::start().await.unwrap();
        let client = client(&fake, true);
        let out = client.create_account().name("Acme").send().await.unwrap();
        assert!(out.account().is_some_and(|a| a.account_type().is_some()));
        client.get_account().account_id("a1").send().await.unwrap();
        let pages = client
            .list_accounts()
            .into_paginator()
            .send()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].accounts().len(), 1, "a list: one item");
        let pages = client
            .list_rooms()
            .account_id("a1")
            .into_paginator()
            .send()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(pages.len(), 1, "the fake leaves NextToken out");
        let room = client
            .create_room()
            .account_id("a1")
            .name("Team Room")
            .send()
            .await
            .unwrap();
        assert_eq!(room.room().and_then(|r| r.name()), Some("Team Room"));
        client
            .delete_room()
            .account_id("a1")
            .room_id("r1")
            .send()
            .await
            .unwrap();
        let routed: Vec<(String, String, String)> = fake
            .requests()
            .iter()
            .map(|r| {
                (
                    r.operation.clone().unwrap_or_default(),
                    r.method.clone(),
                    r.uri.split('?').next().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let expected = [
            ("CreateAccount", "POST", "/accounts"),
            ("GetAccount", "GET", "/accounts/a1"),
            ("ListAccounts", "GET", "/accounts"),
            ("ListRooms", "GET", "/accounts/a1/rooms"),
            ("CreateRoom", "POST", "/accounts/a1/rooms"),
            ("DeleteRoom", "DELETE", "/accounts/a1/rooms/r1"),
        ];
        let expected: Vec<(String, String, String)> = expected
            .iter()
            .map(|(a, b, c)| ((*a).to_owned(), (*b).to_owned(), (*c).to_owned()))
            .collect();
        assert_eq!(routed, expected);
    }

    #[tokio::test]
    async fn a_blank_account_name_is_a_bad_request() {
        let fake = FakeServer::start().await.unwrap();
        let err = client(&fake, false)
            .create_account()
            .name("   ")
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        match err {
            CreateAccountError::BadRequestException(e) => assert_eq!(
                e.message(),
                Some("1 validation error detected: CreateAccountInput.Name must match the pattern `\\S`")
            ),
            other => panic!("expected BadRequestException, got {other:?}"),
        }
    }
}
