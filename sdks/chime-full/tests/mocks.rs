//! aws-smithy-mocks (0.3) on a paginated operation of the full Chime
//! client, as on aws-sdk-chime's: `ListAccounts` through
//! `into_paginator()`, each page answered by a rule. (Chime's `@paginated`
//! traits name no `items` member, so neither client has `items()` here:
//! the pages are the stream.)
#![cfg(not(sdkgen_model_absent))]

use aws_smithy_mocks::{mock, mock_client, RuleMode};
use chime_sdk_full::operation::list_accounts::{ListAccountsError, ListAccountsOutput};
use chime_sdk_full::types::error::ForbiddenException;
use chime_sdk_full::types::Account;
use chime_sdk_full::Client;

fn page(ids: &[&str], next: Option<&str>) -> ListAccountsOutput {
    let mut out = ListAccountsOutput::builder().set_next_token(next.map(str::to_owned));
    for id in ids {
        out = out.accounts(
            Account::builder()
                .account_id(*id)
                .aws_account_id("111122223333")
                .name(format!("account {id}"))
                .build()
                .expect("every required member is set"),
        );
    }
    out.build()
}

/// The account ids of every page, or the error that ended the stream.
async fn account_ids(client: &Client) -> (Vec<String>, Option<ListAccountsError>) {
    let mut pages = client.list_accounts().into_paginator().page_size(2).send();
    let mut ids = Vec::new();
    while let Some(page) = pages.next().await {
        match page {
            Ok(page) => ids.extend(page.accounts().iter().map(|a| a.account_id().to_owned())),
            Err(e) => return (ids, Some(e.into_service_error())),
        }
    }
    (ids, None)
}

#[tokio::test]
async fn sequential_rules_answer_each_page_with_the_previous_token() {
    let first = mock!(Client::list_accounts)
        .match_requests(|input| input.next_token().is_none() && input.max_results() == Some(2))
        .then_output(|| page(&["a-1", "a-2"], Some("page-2")));
    let second = mock!(Client::list_accounts)
        .match_requests(|input| input.next_token() == Some("page-2"))
        .then_output(|| page(&["a-3"], None));
    let client = mock_client!(chime_sdk_full, RuleMode::Sequential, [&first, &second]);

    let (ids, err) = account_ids(&client).await;
    assert_eq!(ids, ["a-1", "a-2", "a-3"]);
    assert!(err.is_none(), "{err:?}");
    assert_eq!(first.num_calls(), 1);
    assert_eq!(second.num_calls(), 1);
}

#[tokio::test]
async fn an_error_ends_the_pages_after_those_before_it() {
    let first = mock!(Client::list_accounts)
        .match_requests(|input| input.next_token().is_none())
        .then_output(|| page(&["a-1"], Some("page-2")));
    let forbidden = mock!(Client::list_accounts)
        .match_requests(|input| input.next_token() == Some("page-2"))
        .then_error(|| {
            ListAccountsError::ForbiddenException(
                ForbiddenException::builder().message("not yours").build(),
            )
        });
    // MatchAny: each request takes the first rule that matches it.
    let client = mock_client!(chime_sdk_full, RuleMode::MatchAny, [&forbidden, &first]);

    let (ids, err) = account_ids(&client).await;
    assert_eq!(ids, ["a-1"]);
    let err = err.expect("the second page fails");
    assert!(err.is_forbidden_exception(), "{err:?}");
    assert_eq!(first.num_calls(), 1);
    assert_eq!(forbidden.num_calls(), 1);
}
