use aws_sdk_secretsmanager::config::{Credentials, Region};
use aws_sdk_secretsmanager::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_secretsmanager::operation::get_secret_value::GetSecretValueError;
use aws_sdk_secretsmanager::primitives::Blob;
use aws_sdk_secretsmanager::types::{Filter, FilterNameStringType, Tag};
use aws_sdk_secretsmanager::Client;

// A program written against aws-sdk-secretsmanager 1.125 as its users
// write one: secrets created (text and binary), read, given a new version,
// described, listed page by page, a typed error and deletes. Each step
// returns what it saw, in words that do not depend on the SDK (no version
// ids: they are random).

type Outcome = Result<String, Box<dyn std::error::Error + Send + Sync>>;

const SECRETS: [&str; 3] = ["dropin/db-password", "dropin/api-key", "dropin/signing-key"];

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
        ("create secrets", create_secrets(&client).await),
        ("get secret value", get_value(&client).await),
        ("put secret value", put_value(&client).await),
        ("get the new version", get_new_version(&client).await),
        ("get binary secret", get_binary(&client).await),
        ("describe secret", describe(&client).await),
        ("list secrets, two pages", list_secrets(&client).await),
        ("typed error: ResourceNotFoundException", missing_secret(&client).await),
        ("delete secrets", delete_secrets(&client).await),
    ];
    steps
        .into_iter()
        .map(|(name, outcome)| (name, outcome.map_err(|e| DisplayErrorContext(&*e).to_string())))
        .collect()
}

async fn create_secrets(client: &Client) -> Outcome {
    let mut created = Vec::new();
    for (n, name) in SECRETS.into_iter().enumerate() {
        let request = client
            .create_secret()
            .name(name)
            .description(format!("dropin secret {n}"))
            .tags(Tag::builder().key("team").value("dropin").build());
        let request = if name.ends_with("signing-key") {
            request.secret_binary(Blob::new(vec![0u8, 159, 146, 150, 255]))
        } else {
            request.secret_string(format!("{{\"password\":\"hunter{n}\"}}"))
        };
        let output = request.send().await?;
        if output.name() != Some(name) {
            return Err(format!("created {:?}, not {name}", output.name()).into());
        }
        let arn_ok = output.arn().is_some_and(|arn| arn.contains(&format!(":secret:{name}-")));
        created.push(format!("{name} (arn names it {arn_ok}, version given {})", output.version_id().is_some()));
    }
    Ok(format!("created {}", created.join(", ")))
}

async fn get_value(client: &Client) -> Outcome {
    let output = client.get_secret_value().secret_id(SECRETS[0]).send().await?;
    Ok(format!(
        "{:?}, stages {:?}, created date given {}",
        output.secret_string(),
        output.version_stages(),
        output.created_date().is_some()
    ))
}

async fn put_value(client: &Client) -> Outcome {
    let output = client
        .put_secret_value()
        .secret_id(SECRETS[0])
        .secret_string("{\"password\":\"correct horse battery staple\"}")
        .send()
        .await?;
    Ok(format!("new version, stages {:?}, named {:?}", output.version_stages(), output.name()))
}

async fn get_new_version(client: &Client) -> Outcome {
    let current = client.get_secret_value().secret_id(SECRETS[0]).send().await?;
    let previous = client
        .get_secret_value()
        .secret_id(SECRETS[0])
        .version_stage("AWSPREVIOUS")
        .send()
        .await?;
    Ok(format!(
        "current {:?}, previous {:?}",
        current.secret_string(),
        previous.secret_string()
    ))
}

async fn get_binary(client: &Client) -> Outcome {
    let output = client.get_secret_value().secret_id(SECRETS[2]).send().await?;
    let bytes = output.secret_binary().ok_or("no binary value")?;
    Ok(format!("{:?}, text {:?}", bytes.as_ref(), output.secret_string()))
}

async fn describe(client: &Client) -> Outcome {
    let output = client.describe_secret().secret_id(SECRETS[0]).send().await?;
    let mut stages: Vec<String> = output
        .version_ids_to_stages()
        .map(|versions| versions.values().flatten().cloned().collect())
        .unwrap_or_default();
    stages.sort();
    let tags: Vec<String> = output
        .tags()
        .iter()
        .map(|t| format!("{}={}", t.key().unwrap_or_default(), t.value().unwrap_or_default()))
        .collect();
    Ok(format!(
        "{:?}: description {:?}, stages {stages:?}, tags {tags:?}, rotation {:?}",
        output.name(),
        output.description(),
        output.rotation_enabled()
    ))
}

async fn list_secrets(client: &Client) -> Outcome {
    let by_prefix = Filter::builder()
        .key(FilterNameStringType::Name)
        .values("dropin/")
        .build();
    // ListSecrets pages have no item stream in the model: pages only.
    let mut pages = client
        .list_secrets()
        .filters(by_prefix)
        .max_results(2)
        .into_paginator()
        .send();
    let mut sizes = Vec::new();
    let mut names = Vec::new();
    while let Some(page) = pages.try_next().await? {
        sizes.push(page.secret_list().len());
        names.extend(page.secret_list().iter().filter_map(|e| e.name()).map(str::to_owned));
    }
    names.sort_unstable();
    if sizes.len() < 2 {
        return Err(format!("pages of {sizes:?}: the listing was not paginated").into());
    }
    Ok(format!("pages of {sizes:?}; secrets {names:?}"))
}

async fn missing_secret(client: &Client) -> Outcome {
    match client.get_secret_value().secret_id("dropin/never-created").send().await {
        Ok(_) => Err("a secret never created was read".into()),
        Err(err) => match err.into_service_error() {
            GetSecretValueError::ResourceNotFoundException(e) => Ok(format!(
                "ResourceNotFoundException, code {:?}, with a message: {}",
                e.code(),
                e.message().is_some_and(|m| !m.is_empty())
            )),
            other => Err(format!("not ResourceNotFoundException: {}", DisplayErrorContext(&other)).into()),
        },
    }
}

async fn delete_secrets(client: &Client) -> Outcome {
    let first = client
        .delete_secret()
        .secret_id(SECRETS[0])
        .recovery_window_in_days(7)
        .send()
        .await?;
    for name in &SECRETS[1..] {
        client
            .delete_secret()
            .secret_id(*name)
            .force_delete_without_recovery(true)
            .send()
            .await?;
    }
    let gone = match client.get_secret_value().secret_id(SECRETS[1]).send().await {
        Ok(_) => false,
        Err(err) => err.into_service_error().is_resource_not_found_exception(),
    };
    Ok(format!(
        "{:?} scheduled for deletion (date given {}), the others gone {gone}",
        first.name(),
        first.deletion_date().is_some()
    ))
}
