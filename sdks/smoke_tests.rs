// Smoke tests shared by the crates generated from the Chime models in
// ../shared: a few operations of different shapes against a loopback server
// (a GET with query parameters, a paginated list, a DELETE answered with
// 204, a typed error). Each crate's tests/smoke.rs names its crate `sdk` and
// its model `MODEL`, then includes this file.

#[cfg(sdkgen_model_absent)]
#[test]
fn skipped_model_absent() {
    eprintln!("skipped: {MODEL} is absent, so this crate is empty");
}

#[cfg(not(sdkgen_model_absent))]
mod smoke {
    use super::sdk::config::{Config, Credentials, Region};
    use super::sdk::Client;
    use wiremock::matchers::{method, path, query_param, query_param_is_missing};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn client(server: &MockServer) -> Client {
        Client::from_conf(
            Config::builder()
                .region(Region::new("us-east-1"))
                .credentials_provider(Credentials::new("AKID", "secret", None, None, "t"))
                .endpoint_url(server.uri())
                .build(),
        )
    }

    #[tokio::test]
    async fn get_with_query_parameters() {
        let server = MockServer::start().await;
        let body = r#"{"Accounts":[{"AccountId":"a1","Name":"Acme","AwsAccountId":"111122223333","AccountType":"EnterpriseDirectory"}]}"#;
        Mock::given(method("GET"))
            .and(path("/accounts"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        let out = client(&server)
            .list_accounts()
            .name("Acme & Co")
            .user_email("a@example.com")
            .max_results(10)
            .send()
            .await
            .unwrap();
        let account = &out.accounts()[0];
        assert_eq!(account.account_id(), "a1");
        assert_eq!(
            account.account_type().map(|t| t.as_str()),
            Some("EnterpriseDirectory")
        );
        let req = &server.received_requests().await.unwrap()[0];
        assert_eq!(
            req.url.query(),
            Some("name=Acme%20%26%20Co&user-email=a%40example.com&max-results=10")
        );
        assert!(req.body.is_empty());
        assert!(req.headers.get("content-type").is_none());
    }

    #[tokio::test]
    async fn paginated_list_follows_next_token() {
        let server = MockServer::start().await;
        let page2 = r#"{"Rooms":[{"RoomId":"r3"}]}"#;
        let page1 = r#"{"Rooms":[{"RoomId":"r1"},{"RoomId":"r2"}],"NextToken":"page-2"}"#;
        Mock::given(method("GET"))
            .and(path("/accounts/acct/rooms"))
            .and(query_param("next-token", "page-2"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(page2, "application/json"))
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/accounts/acct/rooms"))
            .and(query_param_is_missing("next-token"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(page1, "application/json"))
            .mount(&server)
            .await;
        // The model names no `items` for ListRooms: the stream is of pages.
        let pages = client(&server)
            .list_rooms()
            .account_id("acct")
            .into_paginator()
            .page_size(2)
            .send()
            .try_collect()
            .await
            .unwrap();
        let ids: Vec<_> = pages
            .iter()
            .flat_map(|p| p.rooms())
            .map(|r| r.room_id().unwrap())
            .collect();
        assert_eq!(ids, ["r1", "r2", "r3"]);
        let queries: Vec<_> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| r.url.query().unwrap_or("").to_owned())
            .collect();
        assert_eq!(
            queries,
            ["max-results=2", "max-results=2&next-token=page-2"]
        );
    }

    #[tokio::test]
    async fn delete_answered_with_204() {
        let server = MockServer::start().await;
        Mock::given(method("DELETE"))
            .and(path("/accounts/acct/rooms/room%2F1"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        client(&server)
            .delete_room()
            .account_id("acct")
            .room_id("room/1")
            .send()
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn errors_of_other_operations_are_typed() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(
                ResponseTemplate::new(404)
                    .insert_header("x-amzn-ErrorType", "NotFoundException")
                    .set_body_raw(
                        r#"{"Code":"NotFound","Message":"no account"}"#,
                        "application/json",
                    ),
            )
            .mount(&server)
            .await;
        let err = client(&server)
            .get_account()
            .account_id("nope")
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert!(err.is_not_found_exception(), "{err}");
        assert_eq!(err.to_string(), "NotFoundException (NotFound): no account");
    }
}
