use aws_sdk_sqs::config::{Credentials, Region};
use aws_sdk_sqs::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_sqs::operation::get_queue_url::GetQueueUrlError;
use aws_sdk_sqs::types::{MessageAttributeValue, MessageSystemAttributeName, QueueAttributeName};
use aws_sdk_sqs::Client;

// A program written against aws-sdk-sqs 1.119 as its users write one:
// queues, a message sent, received and deleted, a paginated listing and a
// typed error. Each step returns what it saw, in words that do not depend
// on the SDK (no Debug output, no generated ids).

type Outcome = Result<String, Box<dyn std::error::Error + Send + Sync>>;

const QUEUES: [&str; 3] = ["dropin-orders", "dropin-invoices", "dropin-refunds"];

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
        ("create queues", create_queues(&client).await),
        ("get queue url", get_queue_url(&client).await),
        ("send message", send_message(&client).await),
        ("receive message", receive_and_delete(&client).await),
        ("queue attributes", queue_attributes(&client).await),
        ("list queues, two pages", list_queues(&client).await),
        ("typed error: QueueDoesNotExist", missing_queue(&client).await),
        ("delete queues", delete_queues(&client).await),
        ("list queues after delete", list_after_delete(&client).await),
    ];
    steps
        .into_iter()
        .map(|(name, outcome)| (name, outcome.map_err(|e| DisplayErrorContext(&*e).to_string())))
        .collect()
}

async fn queue_url(client: &Client, name: &str) -> Result<String, Box<dyn std::error::Error + Send + Sync>> {
    let output = client.get_queue_url().queue_name(name).send().await?;
    Ok(output.queue_url().ok_or("GetQueueUrl gave no URL")?.to_owned())
}

async fn create_queues(client: &Client) -> Outcome {
    let mut seen = Vec::new();
    for name in QUEUES {
        let output = client
            .create_queue()
            .queue_name(name)
            .attributes(QueueAttributeName::VisibilityTimeout, "45")
            .attributes(QueueAttributeName::MessageRetentionPeriod, "3600")
            .tags("team", "dropin")
            .send()
            .await?;
        let url = output.queue_url().ok_or("CreateQueue gave no URL")?;
        if !url.ends_with(&format!("/{name}")) {
            return Err(format!("{url} is not the URL of {name}").into());
        }
        seen.push(name);
    }
    Ok(format!("created {}", seen.join(", ")))
}

async fn get_queue_url(client: &Client) -> Outcome {
    let url = queue_url(client, QUEUES[0]).await?;
    let path = url.rsplit_once("/123456789012/").map(|(_, name)| name);
    Ok(format!("queue url ends in account 123456789012 / {:?}", path.unwrap_or(&url)))
}

async fn send_message(client: &Client) -> Outcome {
    let url = queue_url(client, QUEUES[0]).await?;
    let attribute = MessageAttributeValue::builder()
        .data_type("String")
        .string_value("priority")
        .build()?;
    let output = client
        .send_message()
        .queue_url(&url)
        .message_body("order 1042: 3 items")
        .message_attributes("kind", attribute)
        .send()
        .await?;
    let id = output.message_id().unwrap_or_default();
    let md5 = output.md5_of_message_body().unwrap_or_default();
    Ok(format!(
        "sent: message id of {} characters, body MD5 {md5}, attributes MD5 given: {}",
        id.len(),
        output.md5_of_message_attributes().is_some()
    ))
}

async fn receive_and_delete(client: &Client) -> Outcome {
    let url = queue_url(client, QUEUES[0]).await?;
    let output = client
        .receive_message()
        .queue_url(&url)
        .max_number_of_messages(5)
        .wait_time_seconds(0)
        .message_attribute_names("All")
        .message_system_attribute_names(MessageSystemAttributeName::ApproximateReceiveCount)
        .send()
        .await?;
    let [message] = output.messages() else {
        return Err(format!("{} messages received, not 1", output.messages().len()).into());
    };
    let body = message.body().unwrap_or_default();
    let kind = message
        .message_attributes()
        .and_then(|attributes| attributes.get("kind"))
        .and_then(|value| value.string_value())
        .unwrap_or_default();
    let receives = message
        .attributes()
        .and_then(|attributes| attributes.get(&MessageSystemAttributeName::ApproximateReceiveCount))
        .cloned()
        .unwrap_or_default();
    let handle = message.receipt_handle().ok_or("a message without a receipt handle")?;
    client.delete_message().queue_url(&url).receipt_handle(handle).send().await?;
    Ok(format!("received {body:?} (kind {kind:?}, receive count {receives}), then deleted it"))
}

async fn queue_attributes(client: &Client) -> Outcome {
    let url = queue_url(client, QUEUES[0]).await?;
    let output = client
        .get_queue_attributes()
        .queue_url(&url)
        .attribute_names(QueueAttributeName::All)
        .send()
        .await?;
    let attributes = output.attributes().ok_or("no attributes")?;
    let get = |name: QueueAttributeName| attributes.get(&name).map(String::as_str).unwrap_or("-");
    let arn = get(QueueAttributeName::QueueArn);
    Ok(format!(
        "visibility timeout {}, retention {}, messages {}, arn {arn}",
        get(QueueAttributeName::VisibilityTimeout),
        get(QueueAttributeName::MessageRetentionPeriod),
        get(QueueAttributeName::ApproximateNumberOfMessages),
    ))
}

async fn list_queues(client: &Client) -> Outcome {
    // Page by page, then item by item: two queues a page.
    let mut pages = client
        .list_queues()
        .queue_name_prefix("dropin-")
        .max_results(2)
        .into_paginator()
        .send();
    let mut sizes = Vec::new();
    while let Some(page) = pages.try_next().await? {
        sizes.push(page.queue_urls().len());
    }
    let urls: Vec<String> = client
        .list_queues()
        .queue_name_prefix("dropin-")
        .into_paginator()
        .page_size(2)
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await?;
    let mut names: Vec<&str> = urls.iter().filter_map(|url| url.rsplit('/').next()).collect();
    names.sort_unstable();
    if sizes.len() < 2 {
        return Err(format!("{} page(s) of sizes {sizes:?}: the listing was not paginated", sizes.len()).into());
    }
    Ok(format!("pages of {sizes:?}; queues {names:?}"))
}

async fn missing_queue(client: &Client) -> Outcome {
    let err = match client.get_queue_url().queue_name("dropin-never-created").send().await {
        Ok(output) => return Err(format!("a URL for a queue never created: {:?}", output.queue_url()).into()),
        Err(err) => err,
    };
    let service_error = err.into_service_error();
    if !service_error.is_queue_does_not_exist() {
        return Err(format!("not QueueDoesNotExist: {}", DisplayErrorContext(&service_error)).into());
    }
    let code = service_error.code().unwrap_or_default().to_owned();
    match service_error {
        GetQueueUrlError::QueueDoesNotExist(e) => Ok(format!(
            "QueueDoesNotExist, code {code}, with a message: {}",
            e.message().is_some_and(|m| !m.is_empty())
        )),
        other => Err(format!("unexpected variant: {}", DisplayErrorContext(&other)).into()),
    }
}

async fn delete_queues(client: &Client) -> Outcome {
    for name in QUEUES {
        let url = queue_url(client, name).await?;
        client.delete_queue().queue_url(url).send().await?;
    }
    Ok(format!("deleted {} queues", QUEUES.len()))
}

async fn list_after_delete(client: &Client) -> Outcome {
    let output = client.list_queues().queue_name_prefix("dropin-").send().await?;
    Ok(format!("{} queues left, next token {:?}", output.queue_urls().len(), output.next_token()))
}
