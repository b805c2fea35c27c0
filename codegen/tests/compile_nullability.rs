//! nullability.json: structure members as aws-sdk-rust has them. The model
//! mirrors aws-sdk-kms's `KeyMetadata` (`key_id(&self) -> &str`,
//! `enabled(&self) -> bool`, a fallible `KeyMetadataBuilder::build()`) and
//! aws-sdk-dynamodb's `KeySchemaElement` (a fallible builder) and
//! `TableDescription` (`table_name()` an `Option`: not `@required` there).
//! The signatures are asserted as function pointers (a change of one is a
//! compile error here), a snippet is written as a DynamoDB user writes it,
//! and responses that leave required members out still read.
#![deny(warnings)]

include!("snapshots/nullability.rs");

use error::{BuildError, ProvideErrorMetadata, SdkError};
use operation::create_table::builders::CreateTableInputBuilder;
use operation::create_table::CreateTableInput;
use operation::describe_key::DescribeKeyError;
use operation::list_endpoints::builders::ListEndpointsOutputBuilder;
use operation::list_endpoints::ListEndpointsOutput;
use operation::RequestId;
use primitives::{Blob, DateTime};
use std::collections::HashMap;
use types::builders::{
    KeyMetadataBuilder, KeySchemaElementBuilder, LimitsBuilder, TableDescriptionBuilder,
};
use types::error::builders::NotFoundExceptionBuilder;
use types::error::NotFoundException;
use types::{
    KeyMetadata, KeySchemaElement, KeySpec, KeyState, KeyType, Limits, Origin, Policy,
    TableDescription,
};
use wiremock::matchers::{body_json, header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

const JSON_1_0: &str = "application/x-amz-json-1.0";

fn client(url: &str) -> Client {
    Client::from_conf(
        config::Config::builder()
            .credentials_provider(config::Credentials::new("AKID", "secret", None, None, "t"))
            .region(config::Region::new("us-east-1"))
            .endpoint_url(url)
            .build(),
    )
}

async fn answering(target: &str, status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("x-amz-target", format!("Keys.{target}").as_str()))
        .respond_with(
            ResponseTemplate::new(status)
                .insert_header("x-amzn-RequestId", "req-7")
                .set_body_raw(body.to_owned(), JSON_1_0),
        )
        .mount(&server)
        .await;
    server
}

/// The getters and builders, signature by signature, as aws-sdk-kms and
/// aws-sdk-dynamodb have them.
#[test]
fn signatures_are_aws_sdk_rusts() {
    // `@required`: the value itself.
    let _: fn(&KeyMetadata) -> &str = KeyMetadata::key_id;
    let _: fn(&KeyMetadata) -> &DateTime = KeyMetadata::creation_date;
    let _: fn(&KeyMetadata) -> &KeyState = KeyMetadata::key_state;
    let _: fn(&KeyMetadata) -> &[String] = KeyMetadata::encryption_algorithms;
    let _: fn(&KeyMetadata) -> &HashMap<String, String> = KeyMetadata::tags;
    let _: fn(&KeyMetadata) -> &Blob = KeyMetadata::material;
    // A zero `@default` (Smithy 1.0's primitive), a default of its own.
    let _: fn(&KeyMetadata) -> bool = KeyMetadata::enabled;
    let _: fn(&KeyMetadata) -> &str = KeyMetadata::version;
    let _: fn(&KeyMetadata) -> i32 = KeyMetadata::rotations;
    let _: fn(&KeyMetadata) -> &KeySpec = KeyMetadata::spec;
    // Neither, `@clientOptional`, a null default, a structure or union.
    let _: fn(&KeyMetadata) -> Option<bool> = KeyMetadata::multi_region;
    let _: fn(&KeyMetadata) -> Option<&str> = KeyMetadata::arn;
    let _: fn(&KeyMetadata) -> Option<i32> = KeyMetadata::pending_days;
    let _: fn(&KeyMetadata) -> Option<i32> = KeyMetadata::window;
    let _: fn(&KeyMetadata) -> Option<&str> = KeyMetadata::description;
    let _: fn(&KeyMetadata) -> Option<&Policy> = KeyMetadata::policy;
    let _: fn(&KeyMetadata) -> Option<&Origin> = KeyMetadata::origin;
    // The builder keeps `Option`s and fails where a member is missing.
    let _: fn(&KeyMetadataBuilder) -> &Option<String> = KeyMetadataBuilder::get_key_id;
    let _: fn(KeyMetadataBuilder, Option<bool>) -> KeyMetadataBuilder =
        KeyMetadataBuilder::set_enabled;
    let _: fn(KeyMetadataBuilder) -> Result<KeyMetadata, BuildError> = KeyMetadataBuilder::build;
    let _: fn(KeySchemaElementBuilder) -> Result<KeySchemaElement, BuildError> =
        KeySchemaElementBuilder::build;
    // Defaults only: an infallible builder.
    let _: fn(LimitsBuilder) -> Limits = LimitsBuilder::build;
    let _: fn(&Limits) -> i32 = Limits::max;
    // DynamoDB's `TableDescription`: nothing required.
    let _: fn(&TableDescription) -> Option<&str> = TableDescription::table_name;
    let _: fn(&TableDescription) -> &[KeySchemaElement] = TableDescription::key_schema;
    let _: fn(TableDescriptionBuilder) -> TableDescription = TableDescriptionBuilder::build;
    // Inputs keep every member optional, and a fallible builder.
    let _: fn(&CreateTableInput) -> Option<&str> = CreateTableInput::table_name;
    let _: fn(&CreateTableInput) -> Option<bool> = CreateTableInput::deletable;
    let _: fn(CreateTableInputBuilder) -> Result<CreateTableInput, BuildError> =
        CreateTableInputBuilder::build;
    // Outputs and errors follow the same rules.
    let _: fn(&ListEndpointsOutput) -> &[types::Endpoint] = ListEndpointsOutput::endpoints;
    let _: fn(ListEndpointsOutputBuilder) -> Result<ListEndpointsOutput, BuildError> =
        ListEndpointsOutputBuilder::build;
    let _: fn(&NotFoundException) -> &str = NotFoundException::message;
    let _: fn(NotFoundExceptionBuilder) -> Result<NotFoundException, BuildError> =
        NotFoundExceptionBuilder::build;
}

#[test]
fn a_missing_member_fails_the_build_as_aws_sdk_rust_words_it() {
    let err = KeyMetadata::builder().enabled(true).build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "key_id was missing: key_id was not specified but it is required when building KeyMetadata"
    );
    let err = KeySchemaElement::builder()
        .attribute_name("pk")
        .build()
        .unwrap_err();
    assert!(
        err.to_string().contains(
            "key_type was not specified but it is required when building KeySchemaElement"
        ),
        "{err}"
    );
    // Defaults fill in what is unset; optional members stay unset.
    let key = KeyMetadata::builder()
        .key_id("k")
        .creation_date(DateTime::from_secs(1))
        .key_state(KeyState::Enabled)
        .set_encryption_algorithms(Some(Vec::new()))
        .set_tags(Some(HashMap::new()))
        .material(Blob::new("m"))
        .build()
        .unwrap();
    assert!(!key.enabled());
    assert_eq!(key.version(), "latest");
    assert_eq!(key.rotations(), 3);
    assert_eq!(key.spec(), &KeySpec::SymmetricDefault);
    assert_eq!(key.multi_region(), None);
    assert_eq!(key.policy(), None);
    let limits = Limits::builder().build();
    assert_eq!(
        (limits.max(), limits.strict(), limits.note()),
        (10, false, None)
    );
}

/// Written as an aws-sdk-dynamodb user writes it: `build()?` on a
/// structure with required members, `Option` getters where the model says
/// nothing is required.
async fn create_table(client: &Client) -> Result<Option<String>, Box<dyn std::error::Error>> {
    let out = client
        .create_table()
        .table_name("things")
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("pk")
                .key_type(KeyType::Hash)
                .build()?,
        )
        .limits(Limits::builder().note("n").build())
        .send()
        .await?;
    let Some(table_description) = out.table_description() else {
        return Ok(None);
    };
    for k in table_description.key_schema() {
        let (_, _): (&str, &KeyType) = (k.attribute_name(), k.key_type());
    }
    Ok(table_description.table_name().map(str::to_owned))
}

#[tokio::test]
async fn a_dynamodb_style_call_sends_every_member_it_cannot_be_without() {
    let server = MockServer::start().await;
    // A nested structure's defaults are sent (`Max`, `Strict`): Smithy's
    // compliance cases ask for them.
    Mock::given(method("POST"))
        .and(header("x-amz-target", "Keys.CreateTable"))
        .and(body_json(serde_json::json!({
            "TableName": "things",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "Limits": {"Max": 10, "Note": "n", "Strict": false}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"TableDescription":{"TableName":"things","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}}"#,
            JSON_1_0,
        ))
        .expect(1)
        .mount(&server)
        .await;
    let name = create_table(&client(&server.uri())).await.unwrap();
    assert_eq!(name.as_deref(), Some("things"));
}

#[tokio::test]
async fn required_members_a_response_leaves_out_take_zero_values() {
    let server = answering("DescribeKey", 200, r#"{"KeyMetadata":{"Arn":"arn:k"}}"#).await;
    let out = client(&server.uri())
        .describe_key()
        .key_id("k")
        .send()
        .await
        .unwrap();
    // As aws-sdk-kms: the output keeps the response's request id.
    assert_eq!(out.request_id(), Some("req-7"));
    let key = out.key_metadata().unwrap();
    assert_eq!(key.arn(), Some("arn:k"));
    assert_eq!(key.key_id(), "");
    assert!(!key.enabled());
    assert_eq!(key.creation_date(), &DateTime::from_secs(0));
    assert_eq!(key.key_state(), &KeyState::from(""));
    assert!(key.encryption_algorithms().is_empty());
    assert!(key.tags().is_empty());
    assert_eq!(key.material(), &Blob::new(""));
    assert_eq!(key.version(), "latest");
    assert_eq!(key.rotations(), 3);
    // A required structure is filled in, itself corrected; a union is
    // `Unknown`; a `@clientOptional` one stays unset.
    assert_eq!(
        key.policy(),
        Some(&Policy::builder().name("").build().unwrap())
    );
    assert_eq!(key.origin(), Some(&Origin::Unknown));
    assert_eq!(key.window(), None);
}

#[tokio::test]
async fn sent_members_are_read() {
    let body = serde_json::json!({"KeyMetadata": {
        "KeyId": "k1", "Enabled": true, "MultiRegion": false, "CreationDate": 1_700_000_000,
        "KeyState": "Disabled", "EncryptionAlgorithms": ["A"], "Tags": {"t": "v"},
        "Material": "bQ==", "Window": 4, "Version": "v2", "Spec": "RSA_2048",
        "Policy": {"Name": "p", "Statements": 2}, "Origin": {"External": "hsm"}
    }});
    let server = answering("DescribeKey", 200, &body.to_string()).await;
    let out = client(&server.uri())
        .describe_key()
        .key_id("k1")
        .send()
        .await
        .unwrap();
    let key = out.key_metadata().unwrap();
    assert_eq!(key.key_id(), "k1");
    assert!(key.enabled());
    assert_eq!(key.multi_region(), Some(false));
    assert_eq!(key.key_state(), &KeyState::Disabled);
    assert_eq!(key.encryption_algorithms(), ["A"]);
    assert_eq!(key.tags()["t"], "v");
    assert_eq!(key.material(), &Blob::new("m"));
    assert_eq!(key.window(), Some(4));
    assert_eq!((key.version(), key.spec()), ("v2", &KeySpec::Rsa2048));
    assert_eq!(
        key.policy().map(|p| (p.name(), p.statements())),
        Some(("p", 2))
    );
    assert_eq!(key.origin(), Some(&Origin::External("hsm".into())));
}

#[tokio::test]
async fn an_error_with_a_required_message_reads_without_one() {
    let server = answering(
        "DescribeKey",
        400,
        r#"{"__type":"NotFoundException","message":"no key"}"#,
    )
    .await;
    let err = client(&server.uri())
        .describe_key()
        .key_id("k")
        .send()
        .await
        .unwrap_err();
    let Some(DescribeKeyError::NotFoundException(e)) = err.as_service_error() else {
        panic!("{err:?}")
    };
    assert_eq!(e.message(), "no key");
    assert_eq!(e.request_id(), Some("req-7"));

    let server = answering("DescribeKey", 400, r#"{"__type":"NotFoundException"}"#).await;
    let err = client(&server.uri())
        .describe_key()
        .key_id("k")
        .send()
        .await
        .unwrap_err();
    let SdkError::ServiceError(e) = err else {
        panic!("{err:?}")
    };
    let DescribeKeyError::NotFoundException(e) = e.into_err() else {
        panic!("another error")
    };
    assert_eq!(e.message(), "");
    assert_eq!(ProvideErrorMetadata::code(&e), Some("NotFoundException"));
}

#[tokio::test]
async fn required_outputs_read_and_page() {
    let server = answering("ListEndpoints", 200, r#"{"Endpoints":[{"Address":"a"}]}"#).await;
    let out = client(&server.uri()).list_endpoints().send().await.unwrap();
    assert_eq!(out.endpoints()[0].address(), "a");
    assert_eq!(out.endpoints()[0].cache_period_in_minutes(), 0);
    let server = answering("ListEndpoints", 200, "{}").await;
    let out = client(&server.uri()).list_endpoints().send().await.unwrap();
    assert!(out.endpoints().is_empty());

    // A paginator over a required list.
    let server = answering("ListKeys", 200, r#"{"Keys":[{"KeyId":"a"},{"KeyId":"b"}]}"#).await;
    let keys = client(&server.uri())
        .list_keys()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = keys.iter().map(|k| k.key_id()).collect();
    assert_eq!(ids, ["a", "b"]);
}
