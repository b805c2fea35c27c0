use aws_sdk_dynamodb::config::{Credentials, Region};
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_dynamodb::operation::describe_table::DescribeTableError;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType, ReturnValue,
    ScalarAttributeType, TableStatus,
};
use aws_sdk_dynamodb::Client;

// A program written against aws-sdk-dynamodb 1.136 as its users write one:
// tables with a composite key, items put, read, queried and scanned page by
// page, a conditional write refused, a typed error and deletes. Each step
// returns what it saw, in words that do not depend on the SDK.

type Outcome = Result<String, Box<dyn std::error::Error + Send + Sync>>;

const TABLES: [&str; 3] = ["dropin-orders", "dropin-customers", "dropin-audit"];
const ORDERS: &str = "dropin-orders";

/// Runs every step against the service at `endpoint_url`.
pub async fn run(endpoint_url: &str) -> Vec<(&'static str, Result<String, String>)> {
    let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(endpoint_url)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDDROPIN", "dropin-secret", None, None, "dropin"))
        .load()
        .await;
    let client = Client::new(&config);

    let steps: Vec<(&'static str, Outcome)> = vec![
        ("create tables", create_tables(&client).await),
        ("describe table", describe_table(&client).await),
        ("put items", put_items(&client).await),
        ("get item", get_item(&client).await),
        ("query, three pages", query(&client).await),
        ("scan, pages of two", scan(&client).await),
        ("list tables, two pages", list_tables(&client).await),
        ("typed error: ConditionalCheckFailedException", conditional_put(&client).await),
        ("typed error: ResourceNotFoundException", missing_table(&client).await),
        ("delete item", delete_item(&client).await),
        ("delete tables", delete_tables(&client).await),
    ];
    steps
        .into_iter()
        .map(|(name, outcome)| (name, outcome.map_err(|e| DisplayErrorContext(&*e).to_string())))
        .collect()
}

async fn create_tables(client: &Client) -> Outcome {
    for name in TABLES {
        let output = client
            .create_table()
            .table_name(name)
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("customer")
                    .attribute_type(ScalarAttributeType::S)
                    .build()?,
            )
            .attribute_definitions(
                AttributeDefinition::builder()
                    .attribute_name("order")
                    .attribute_type(ScalarAttributeType::N)
                    .build()?,
            )
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("customer")
                    .key_type(KeyType::Hash)
                    .build()?,
            )
            .key_schema(
                KeySchemaElement::builder()
                    .attribute_name("order")
                    .key_type(KeyType::Range)
                    .build()?,
            )
            .billing_mode(BillingMode::PayPerRequest)
            .send()
            .await?;
        let table = output.table_description().ok_or("no table description")?;
        if table.table_name() != Some(name) {
            return Err(format!("created {:?}, not {name}", table.table_name()).into());
        }
    }
    Ok(format!("created {}", TABLES.join(", ")))
}

async fn describe_table(client: &Client) -> Outcome {
    let output = client.describe_table().table_name(ORDERS).send().await?;
    let table = output.table().ok_or("no table")?;
    let keys: Vec<String> = table
        .key_schema()
        .iter()
        .map(|k| format!("{} {}", k.attribute_name(), k.key_type().as_str()))
        .collect();
    let active = table.table_status() == Some(&TableStatus::Active);
    let billing = table
        .billing_mode_summary()
        .and_then(|b| b.billing_mode())
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    Ok(format!("{ORDERS}: keys {keys:?}, active {active}, billing {billing:?}"))
}

fn order(customer: &str, number: u32, total: &str) -> std::collections::HashMap<String, AttributeValue> {
    let mut item = std::collections::HashMap::new();
    item.insert("customer".to_owned(), AttributeValue::S(customer.to_owned()));
    item.insert("order".to_owned(), AttributeValue::N(number.to_string()));
    item.insert("total".to_owned(), AttributeValue::N(total.to_owned()));
    item.insert("paid".to_owned(), AttributeValue::Bool(number.is_multiple_of(2)));
    item.insert(
        "tags".to_owned(),
        AttributeValue::Ss(vec!["dropin".to_owned(), format!("n{number}")]),
    );
    item
}

async fn put_items(client: &Client) -> Outcome {
    for number in 1..=5 {
        client
            .put_item()
            .table_name(ORDERS)
            .set_item(Some(order("ada", number, &format!("{number}.50"))))
            .send()
            .await?;
    }
    client
        .put_item()
        .table_name(ORDERS)
        .item("customer", AttributeValue::S("grace".into()))
        .item("order", AttributeValue::N("1".into()))
        .item("note", AttributeValue::S("a gift".into()))
        .item("lines", AttributeValue::L(vec![AttributeValue::N("2".into()), AttributeValue::N("3".into())]))
        .send()
        .await?;
    Ok("put 5 orders of ada and 1 of grace".into())
}

async fn get_item(client: &Client) -> Outcome {
    let output = client
        .get_item()
        .table_name(ORDERS)
        .key("customer", AttributeValue::S("grace".into()))
        .key("order", AttributeValue::N("1".into()))
        .consistent_read(true)
        .send()
        .await?;
    let item = output.item().ok_or("no item")?;
    let note = item.get("note").and_then(|v| v.as_s().ok()).ok_or("no note")?;
    let lines: Vec<&str> = item
        .get("lines")
        .and_then(|v| v.as_l().ok())
        .map(|l| l.iter().filter_map(|v| v.as_n().ok()).map(String::as_str).collect())
        .unwrap_or_default();
    Ok(format!("grace's order 1: note {note:?}, lines {lines:?}, {} attributes", item.len()))
}

async fn query(client: &Client) -> Outcome {
    let mut pages = client
        .query()
        .table_name(ORDERS)
        .key_condition_expression("#c = :c AND #o > :from")
        .expression_attribute_names("#c", "customer")
        .expression_attribute_names("#o", "order")
        .expression_attribute_values(":c", AttributeValue::S("ada".into()))
        .expression_attribute_values(":from", AttributeValue::N("0".into()))
        .limit(2)
        .into_paginator()
        .send();
    let mut sizes = Vec::new();
    while let Some(page) = pages.try_next().await? {
        sizes.push(page.items().len());
    }
    let items = client
        .query()
        .table_name(ORDERS)
        .key_condition_expression("customer = :c")
        .expression_attribute_values(":c", AttributeValue::S("ada".into()))
        .into_paginator()
        .page_size(2)
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await?;
    let totals: Vec<&str> = items
        .iter()
        .filter_map(|item| item.get("total").and_then(|v| v.as_n().ok()))
        .map(String::as_str)
        .collect();
    if sizes.len() < 3 {
        return Err(format!("pages of {sizes:?}: the query was not paginated").into());
    }
    Ok(format!("pages of {sizes:?}; ada's totals {totals:?}"))
}

async fn scan(client: &Client) -> Outcome {
    let items = client
        .scan()
        .table_name(ORDERS)
        .filter_expression("paid = :yes")
        .expression_attribute_values(":yes", AttributeValue::Bool(true))
        .limit(2)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await?;
    let mut paid: Vec<String> = items
        .iter()
        .filter_map(|item| item.get("order").and_then(|v| v.as_n().ok()).cloned())
        .collect();
    paid.sort();
    Ok(format!("paid orders {paid:?}"))
}

async fn list_tables(client: &Client) -> Outcome {
    let mut pages = client.list_tables().limit(2).into_paginator().send();
    let mut sizes = Vec::new();
    let mut names = Vec::new();
    while let Some(page) = pages.try_next().await? {
        sizes.push(page.table_names().len());
        names.extend(page.table_names().iter().cloned());
    }
    names.sort();
    if sizes.len() < 2 {
        return Err(format!("pages of {sizes:?}: the listing was not paginated").into());
    }
    Ok(format!("pages of {sizes:?}; tables {names:?}"))
}

async fn conditional_put(client: &Client) -> Outcome {
    let result = client
        .put_item()
        .table_name(ORDERS)
        .set_item(Some(order("ada", 1, "9.99")))
        .condition_expression("attribute_not_exists(customer)")
        .send()
        .await;
    let err = match result {
        Ok(_) => return Err("the conditional put overwrote an order".into()),
        Err(err) => err.into_service_error(),
    };
    if !err.is_conditional_check_failed_exception() {
        return Err(format!("not ConditionalCheckFailedException: {}", DisplayErrorContext(&err)).into());
    }
    Ok(format!("ConditionalCheckFailedException, code {:?}", err.code()))
}

async fn missing_table(client: &Client) -> Outcome {
    match client.describe_table().table_name("dropin-never-created").send().await {
        Ok(_) => Err("a table never created was described".into()),
        Err(err) => match err.into_service_error() {
            DescribeTableError::ResourceNotFoundException(e) => Ok(format!(
                "ResourceNotFoundException, code {:?}, with a message: {}",
                e.code(),
                e.message().is_some_and(|m| !m.is_empty())
            )),
            other => Err(format!("not ResourceNotFoundException: {}", DisplayErrorContext(&other)).into()),
        },
    }
}

async fn delete_item(client: &Client) -> Outcome {
    let output = client
        .delete_item()
        .table_name(ORDERS)
        .key("customer", AttributeValue::S("ada".into()))
        .key("order", AttributeValue::N("3".into()))
        .return_values(ReturnValue::AllOld)
        .send()
        .await?;
    let old = output.attributes().ok_or("no old attributes")?;
    let total = old.get("total").and_then(|v| v.as_n().ok()).ok_or("no total")?;
    let left = client
        .scan()
        .table_name(ORDERS)
        .select(aws_sdk_dynamodb::types::Select::Count)
        .send()
        .await?
        .count();
    Ok(format!("deleted ada's order 3 (total {total}); {left} items left"))
}

async fn delete_tables(client: &Client) -> Outcome {
    for name in TABLES {
        client.delete_table().table_name(name).send().await?;
    }
    let left = client.list_tables().send().await?;
    Ok(format!("deleted {} tables; {} left", TABLES.len(), left.table_names().len()))
}
