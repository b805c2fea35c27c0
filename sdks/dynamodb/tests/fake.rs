//! DynamoDB against the fake the generator made from its model: awsJson1_0
//! routed by `X-Amz-Target`, unions and maps in inputs and outputs, an
//! unmodeled `ValidationException` for what the model forbids (DynamoDB's
//! model lists none, as DynamoDB sends one), modeled errors scripted,
//! paginators that stop.

#[cfg(sdkgen_model_absent)]
#[test]
fn skipped_model_absent() {
    eprintln!(
        "skipped: ../shared/models/aws/dynamodb-2012-08-10.json is absent, so this crate is empty"
    );
}

#[cfg(not(sdkgen_model_absent))]
mod fake {
    use dynamodb_sdk::fake::FakeServer;
    use dynamodb_sdk::operation::get_item::GetItemError;
    use dynamodb_sdk::types::AttributeValue;
    use dynamodb_sdk::Client;
    use serde_json::json;

    fn client(fake: &FakeServer, validate: bool) -> Client {
        Client::from_conf(fake.config().validation(validate).build())
    }

    #[tokio::test]
    async fn put_get_and_describe_answer_as_the_model_says() {
        let fake = FakeServer::start().await.unwrap();
        let client = client(&fake, true);
        client
            .put_item()
            .table_name("Music")
            .item("Artist", AttributeValue::S("Acme Band".into()))
            .item("Plays", AttributeValue::N("42".into()))
            .item(
                "Tags",
                AttributeValue::L(vec![
                    AttributeValue::S("rock".into()),
                    AttributeValue::Bool(true),
                ]),
            )
            .send()
            .await
            .expect("PutItem");
        let request = &fake.put_item().requests()[0];
        assert_eq!(
            request.header("x-amz-target"),
            Some("DynamoDB_20120810.PutItem")
        );
        assert_eq!(
            request.header("content-type"),
            Some("application/x-amz-json-1.0")
        );
        assert_eq!(
            request.input,
            json!({
                "TableName": "Music",
                "Item": {
                    "Artist": {"S": "Acme Band"},
                    "Plays": {"N": "42"},
                    "Tags": {"L": [{"S": "rock"}, {"BOOL": true}]}
                }
            })
        );

        // The made-up item: one attribute, a union with one member set.
        let out = client
            .get_item()
            .table_name("Music")
            .key("Artist", AttributeValue::S("Acme Band".into()))
            .send()
            .await
            .expect("GetItem");
        let item = out.item().expect("the output's members are filled");
        assert_eq!(item.len(), 1);
        assert!(item.values().all(|v| v.is_s()), "{item:?}");

        // The table's name is echoed into the description.
        let out = client
            .describe_table()
            .table_name("Music")
            .send()
            .await
            .expect("DescribeTable");
        let table = out.table().expect("a table");
        assert_eq!(table.table_name(), Some("Music"));
        assert!(table.table_status().is_some(), "an enum: its first value");
        let stats = fake.describe_table().stats();
        assert_eq!((stats.received, stats.generated), (1, 1));
    }

    #[tokio::test]
    async fn what_the_model_forbids_is_a_validation_exception() {
        let fake = FakeServer::start().await.unwrap();
        let err = client(&fake, false)
            .get_item()
            .table_name("")
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.raw_response().map(|r| r.status().as_u16()), Some(400));
        let err = err.into_service_error();
        assert!(matches!(err, GetItemError::Unhandled(_)), "{err:?}");
        assert_eq!(err.meta().code(), Some("ValidationException"));
        assert_eq!(
            err.meta().message(),
            Some(
                "2 validation errors detected: GetItemInput.TableName must have a length between 1 and 1024; \
                 GetItemInput.Key is required but not set"
            )
        );
    }

    #[tokio::test]
    async fn a_scripted_modeled_error_is_typed() {
        let fake = FakeServer::start().await.unwrap();
        fake.get_item().fail(
            400,
            "ResourceNotFoundException",
            "Requested resource not found",
        );
        let err = client(&fake, true)
            .get_item()
            .table_name("Gone")
            .key("Artist", AttributeValue::S("x".into()))
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        match err {
            GetItemError::ResourceNotFoundException(e) => {
                assert_eq!(e.message(), Some("Requested resource not found"))
            }
            other => panic!("expected ResourceNotFoundException, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn paginators_stop_after_the_fakes_page() {
        let fake = FakeServer::start().await.unwrap();
        let client = client(&fake, true);
        let names = client
            .list_tables()
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(names.len(), 1, "{names:?}");
        let items = client
            .query()
            .table_name("Music")
            .key_condition_expression("Artist = :a")
            .expression_attribute_values(":a", AttributeValue::S("Acme Band".into()))
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(fake.query().stats().received, 1);
        assert_eq!(fake.list_tables().stats().received, 1);
    }
}
