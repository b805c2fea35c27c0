//! Bad input fails before any byte is sent, naming every violated member.

mod common;

use chime_sdk::error::{Constraint, DisplayErrorContext, SdkError, ValidationError};
use chime_sdk::operation::create_room::CreateRoomInput;
use common::client;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

struct Case {
    account: Option<&'static str>,
    name: Option<&'static str>,
    token: Option<&'static str>,
    /// (member path, constraint kind) expected, in member order.
    expected: &'static [(&'static str, &'static str)],
}

const fn case(
    account: Option<&'static str>,
    name: Option<&'static str>,
    token: Option<&'static str>,
    expected: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        account,
        name,
        token,
        expected,
    }
}

const ACCOUNT: &str = "CreateRoomInput.AccountId";
const NAME: &str = "CreateRoomInput.Name";
const TOKEN: &str = "CreateRoomInput.ClientRequestToken";

const CASES: &[Case] = &[
    case(None, Some("n"), None, &[(ACCOUNT, "required")]),
    case(Some("a"), None, None, &[(NAME, "required")]),
    case(
        None,
        None,
        None,
        &[(ACCOUNT, "required"), (NAME, "required")],
    ),
    case(
        Some(""),
        Some("n"),
        None,
        &[(ACCOUNT, "label"), (ACCOUNT, "pattern")],
    ),
    case(Some("   "), Some("n"), None, &[(ACCOUNT, "pattern")]),
    case(Some("\t\n"), Some("n"), None, &[(ACCOUNT, "pattern")]),
    case(Some("a"), Some("n"), Some("x"), &[(TOKEN, "length")]),
    case(Some("a"), Some("n"), Some(""), &[(TOKEN, "length")]),
    case(Some("a"), Some("n"), Some("tok en"), &[(TOKEN, "pattern")]),
    case(
        Some("a"),
        Some("n"),
        Some("tok/../x"),
        &[(TOKEN, "pattern")],
    ),
    case(Some("a"), Some("n"), Some("żółw"), &[(TOKEN, "pattern")]),
    case(
        Some("a"),
        Some("n"),
        Some("!"),
        &[(TOKEN, "length"), (TOKEN, "pattern")],
    ),
    case(
        Some("a"),
        Some("n"),
        Some("0123456789012345678901234567890123456789012345678901234567890123456789"),
        &[(TOKEN, "length")],
    ),
    case(
        None,
        None,
        Some("?"),
        &[
            (ACCOUNT, "required"),
            (NAME, "required"),
            (TOKEN, "length"),
            (TOKEN, "pattern"),
        ],
    ),
];

fn kind(c: &Constraint) -> &'static str {
    match c {
        Constraint::Required => "required",
        Constraint::Length { .. } => "length",
        Constraint::Pattern(_) => "pattern",
        Constraint::EmptyLabel => "label",
        _ => "other",
    }
}

fn violations(e: &ValidationError) -> Vec<(String, &'static str)> {
    e.violations()
        .iter()
        .map(|v| (v.path.clone(), kind(&v.constraint)))
        .collect()
}

#[tokio::test]
async fn every_bad_input_fails_before_sending_and_names_every_member() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let client = client(&server.uri());
    for (i, c) in CASES.iter().enumerate() {
        let mut req = client.create_room();
        req = req
            .set_account_id(c.account.map(str::to_owned))
            .set_name(c.name.map(str::to_owned));
        req = req.set_client_request_token(c.token.map(str::to_owned));
        let err = req.send().await.expect_err("invalid input is rejected");
        let SdkError::ConstructionFailure(_) = &err else {
            panic!("case {i}: {}", DisplayErrorContext(&err))
        };
        let source = std::error::Error::source(&err).expect("the validation error is the source");
        let validation = source
            .downcast_ref::<ValidationError>()
            .expect("a ValidationError");
        let expected: Vec<(String, &str)> = c
            .expected
            .iter()
            .map(|(p, k)| (p.to_string(), *k))
            .collect();
        assert_eq!(violations(validation), expected, "case {i}");
        let text = format!("{}", DisplayErrorContext(&err));
        for (path, _) in c.expected {
            assert!(text.contains(path), "case {i}: {text}");
        }
        if let Some(token) = c.token.filter(|t| t.len() > 1) {
            assert!(
                !text.contains(token),
                "case {i}: the sensitive token is echoed: {text}"
            );
        }
    }
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        0,
        "nothing was sent"
    );
}

#[test]
fn validate_is_available_without_a_client() {
    let input = CreateRoomInput::builder()
        .account_id("a")
        .client_request_token("x")
        .build()
        .unwrap();
    let err = input.validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "2 validation errors detected: CreateRoomInput.Name is required but not set; \
         CreateRoomInput.ClientRequestToken must have a length between 2 and 64"
    );
    let ok = CreateRoomInput::builder()
        .account_id("a")
        .name("n")
        .client_request_token("ab")
        .build()
        .unwrap();
    assert!(ok.validate().is_ok());
}

#[tokio::test]
async fn validation_can_be_turned_off_and_the_service_decides() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(400).insert_header("x-amzn-ErrorType", "BadRequestException"),
        )
        .mount(&server)
        .await;
    let client =
        chime_sdk::Client::from_conf(common::config(&server.uri()).validation(false).build());
    let err = client
        .create_room()
        .account_id("a")
        .name("")
        .client_request_token("x")
        .send()
        .await
        .unwrap_err();
    assert!(err.into_service_error().is_bad_request_exception());
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        std::str::from_utf8(&requests[0].body).unwrap(),
        r#"{"ClientRequestToken":"x","Name":""}"#
    );
}

#[tokio::test]
async fn a_missing_label_fails_even_without_validation() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let client =
        chime_sdk::Client::from_conf(common::config(&server.uri()).validation(false).build());
    for account in [None, Some(String::new())] {
        let err = client
            .create_room()
            .set_account_id(account)
            .name("n")
            .send()
            .await
            .unwrap_err();
        assert!(
            matches!(err, SdkError::ConstructionFailure(_)),
            "{}",
            DisplayErrorContext(&err)
        );
        assert!(format!("{}", DisplayErrorContext(&err)).contains("account_id"));
    }
}

#[tokio::test]
async fn missing_credentials_fail_before_sending() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(201))
        .expect(0)
        .mount(&server)
        .await;
    let client = chime_sdk::Client::from_conf(
        chime_sdk::Config::builder()
            .endpoint_url(server.uri())
            .build(),
    );
    let err = client
        .create_room()
        .account_id("a")
        .name("n")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, SdkError::ConstructionFailure(_)));
    assert!(format!("{}", DisplayErrorContext(&err)).contains("no credentials provider"));
}
