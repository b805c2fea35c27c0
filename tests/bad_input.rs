//! A table of bad CreateRoom inputs against a counting server: each fails
//! before sending with a validation error naming the member, never echoing
//! the value; and unusual but valid inputs go out intact.

mod common;

use chime_sdk::error::{DisplayErrorContext, SdkError, ValidationError};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "CreateRoomInput.AccountId";
const NAME: &str = "CreateRoomInput.Name";
const TOKEN: &str = "CreateRoomInput.ClientRequestToken";

struct Bad {
    what: String,
    account: Option<String>,
    name: Option<String>,
    token: Option<String>,
    members: Vec<&'static str>,
}

fn bad(
    what: impl Into<String>,
    account: Option<&str>,
    name: Option<&str>,
    token: Option<&str>,
    members: &[&'static str],
) -> Bad {
    Bad {
        what: what.into(),
        account: account.map(str::to_owned),
        name: name.map(str::to_owned),
        token: token.map(str::to_owned),
        members: members.to_vec(),
    }
}

fn table() -> Vec<Bad> {
    let mut cases = vec![
        bad("missing AccountId", None, Some("n"), None, &[ACCOUNT]),
        bad("empty AccountId", Some(""), Some("n"), None, &[ACCOUNT]),
        bad("missing Name", Some("a"), None, None, &[NAME]),
        bad("nothing set", None, None, None, &[ACCOUNT, NAME]),
        bad(
            "nothing set but a bad token",
            None,
            None,
            Some("!"),
            &[ACCOUNT, NAME, TOKEN],
        ),
        bad(
            "empty AccountId and bad token",
            Some(""),
            Some("n"),
            Some("a b"),
            &[ACCOUNT, TOKEN],
        ),
    ];
    for ws in [" ", "\t", "\n", "\r\n", "   \t  ", "\x0b\x0c"] {
        cases.push(bad(
            format!("whitespace AccountId {ws:?}"),
            Some(ws),
            Some("n"),
            None,
            &[ACCOUNT],
        ));
    }
    cases.push(bad(
        "1 MiB of spaces as AccountId",
        Some(&" ".repeat(1 << 20)),
        Some("n"),
        None,
        &[ACCOUNT],
    ));
    for len in [0usize, 1, 65, 100, 1000, 100_000] {
        cases.push(bad(
            format!("token of {len} characters"),
            Some("a"),
            Some("n"),
            Some(&"t".repeat(len)),
            &[TOKEN],
        ));
    }
    // Every printable ASCII character the pattern `^[-_a-zA-Z0-9]*$` forbids.
    for c in (b' '..=b'~')
        .map(char::from)
        .filter(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        cases.push(bad(
            format!("token with {c:?}"),
            Some("a"),
            Some("n"),
            Some(&format!("ab{c}cd")),
            &[TOKEN],
        ));
    }
    for t in [
        "ñandú",
        "tok😀",
        "tok\n",
        "tok\0",
        "tok\u{202e}",
        "../../etc/passwd",
        "tok&x=y",
        "%2F%2F",
    ] {
        cases.push(bad(
            format!("token {t:?}"),
            Some("a"),
            Some("n"),
            Some(t),
            &[TOKEN],
        ));
    }
    cases
}

#[tokio::test]
async fn every_bad_input_is_rejected_before_any_byte_is_sent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let cases = table();
    assert!(cases.len() >= 50, "{} cases", cases.len());
    for case in &cases {
        let err = client
            .create_room()
            .set_account_id(case.account.clone())
            .set_name(case.name.clone())
            .set_client_request_token(case.token.clone())
            .send()
            .await
            .expect_err(&case.what);
        assert!(
            matches!(err, SdkError::ConstructionFailure(_)),
            "{}: {}",
            case.what,
            DisplayErrorContext(&err)
        );
        let validation = std::error::Error::source(&err)
            .and_then(|s| s.downcast_ref::<ValidationError>())
            .expect("a ValidationError");
        let mut members: Vec<&str> = validation
            .violations()
            .iter()
            .map(|v| v.path.as_str())
            .collect();
        members.dedup();
        assert_eq!(members, case.members, "{}", case.what);
        let text = format!("{} {err:?}", DisplayErrorContext(&err));
        if let Some(token) = case.token.as_deref().filter(|t| t.len() > 3) {
            assert!(!text.contains(token), "{}: the token is echoed", case.what);
        }
    }
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        0,
        "{} bad inputs, nothing sent",
        cases.len()
    );
}

#[tokio::test]
async fn unusual_but_valid_inputs_are_sent_intact() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let client = common::client(&server.uri());
    let long = "x".repeat(100_000);
    let names = [
        "",
        "Zażółć gęślą jaźń",
        "name\nwith\tcontrols\u{7}",
        "\"quoted\" \\ back",
        "<b>html</b>",
        long.as_str(),
        "😀🎉",
    ];
    for name in names {
        client
            .create_room()
            .account_id("acct/with/slashes")
            .name(name)
            .client_request_token("tok")
            .send()
            .await
            .unwrap();
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), names.len());
    for (req, name) in requests.iter().zip(names) {
        assert_eq!(req.url.path(), "/accounts/acct%2Fwith%2Fslashes/rooms");
        let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
        assert_eq!(body["Name"], name, "the Name arrives exactly as given");
    }
}
