use aws_sdk_kms::config::{Credentials, Region};
use aws_sdk_kms::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_kms::primitives::Blob;
use aws_sdk_kms::types::{
    EncryptionAlgorithmSpec, KeySpec, KeyState, KeyUsageType, RotationType, Tag,
};
use aws_sdk_kms::Client;

// A program written against aws-sdk-kms 1.129 as its users write one: a
// key created and described, data encrypted and decrypted, keys and
// rotations listed page by page, a typed error and the key scheduled for
// deletion. Each step returns what it saw, in words that do not depend on
// the SDK (no key ids: they are random).

type Outcome = Result<String, Box<dyn std::error::Error + Send + Sync>>;

const PLAINTEXT: &[u8] = b"card 4111 1111 1111 1111, expires 12/30";

/// Runs every step against the service at `endpoint_url`.
pub async fn run(endpoint_url: &str) -> Vec<(&'static str, Result<String, String>)> {
    let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .endpoint_url(endpoint_url)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDDROPIN", "dropin-secret", None, None, "dropin"))
        .load()
        .await;
    let client = Client::new(&config);

    let mut steps: Vec<(&'static str, Outcome)> = Vec::new();
    let key = create_key(&client).await;
    let key_id = key.as_ref().map(|(id, _)| id.clone()).unwrap_or_default();
    steps.push(("create key", key.map(|(_, seen)| seen)));
    steps.push(("describe key", describe_key(&client, &key_id).await));
    let ciphertext = encrypt(&client, &key_id).await;
    let blob = ciphertext.as_ref().map(|(blob, _)| blob.clone()).unwrap_or_else(|_| Blob::new(Vec::new()));
    steps.push(("encrypt", ciphertext.map(|(_, seen)| seen)));
    steps.push(("decrypt", decrypt(&client, blob).await));
    steps.push(("list keys", list_keys(&client, &key_id).await));
    steps.push(("rotate key on demand", rotate(&client, &key_id).await));
    steps.push(("list key rotations, two pages", list_rotations(&client, &key_id).await));
    steps.push(("typed error: NotFoundException", missing_key(&client).await));
    steps.push(("schedule key deletion", schedule_deletion(&client, &key_id).await));
    steps
        .into_iter()
        .map(|(name, outcome)| (name, outcome.map_err(|e| DisplayErrorContext(&*e).to_string())))
        .collect()
}

async fn create_key(client: &Client) -> Result<(String, String), Box<dyn std::error::Error + Send + Sync>> {
    let output = client
        .create_key()
        .description("dropin card data")
        .key_usage(KeyUsageType::EncryptDecrypt)
        .key_spec(KeySpec::SymmetricDefault)
        .tags(Tag::builder().tag_key("team").tag_value("dropin").build()?)
        .send()
        .await?;
    let metadata = output.key_metadata().ok_or("no key metadata")?;
    let seen = format!(
        "key of {} characters, enabled {}, usage {:?}, description {:?}",
        metadata.key_id().len(),
        metadata.enabled(),
        metadata.key_usage().map(|u| u.as_str()),
        metadata.description()
    );
    Ok((metadata.key_id().to_owned(), seen))
}

async fn describe_key(client: &Client, key_id: &str) -> Outcome {
    let output = client.describe_key().key_id(key_id).send().await?;
    let metadata = output.key_metadata().ok_or("no key metadata")?;
    if metadata.key_id() != key_id {
        return Err(format!("described {}, not {key_id}", metadata.key_id()).into());
    }
    let arn_ok = metadata.arn().is_some_and(|arn| arn.ends_with(&format!(":key/{key_id}")));
    Ok(format!(
        "state {:?}, spec {:?}, arn names the key {arn_ok}, created {}",
        metadata.key_state().map(|s| s.as_str()),
        metadata.key_spec().map(|s| s.as_str()),
        metadata.creation_date().is_some()
    ))
}

async fn encrypt(client: &Client, key_id: &str) -> Result<(Blob, String), Box<dyn std::error::Error + Send + Sync>> {
    let output = client
        .encrypt()
        .key_id(key_id)
        .plaintext(Blob::new(PLAINTEXT))
        .encryption_context("purpose", "dropin")
        .send()
        .await?;
    let blob = output.ciphertext_blob().ok_or("no ciphertext")?.clone();
    if blob.as_ref() == PLAINTEXT {
        return Err("the ciphertext is the plaintext".into());
    }
    let algorithm = output.encryption_algorithm() == Some(&EncryptionAlgorithmSpec::SymmetricDefault);
    let by_key = output.key_id().is_some_and(|id| id.ends_with(key_id));
    Ok((blob, format!("ciphertext differs from the plaintext, by the key {by_key}, SYMMETRIC_DEFAULT {algorithm}")))
}

async fn decrypt(client: &Client, ciphertext: Blob) -> Outcome {
    let output = client
        .decrypt()
        .ciphertext_blob(ciphertext)
        .encryption_context("purpose", "dropin")
        .send()
        .await?;
    let plaintext = output.plaintext().ok_or("no plaintext")?;
    let text = std::str::from_utf8(plaintext.as_ref())?;
    if plaintext.as_ref() != PLAINTEXT {
        return Err(format!("decrypted {text:?}").into());
    }
    Ok(format!("decrypted {} bytes back", plaintext.as_ref().len()))
}

async fn list_keys(client: &Client, key_id: &str) -> Outcome {
    let keys = client
        .list_keys()
        .limit(1)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await?;
    let ours = keys.iter().filter(|k| k.key_id() == Some(key_id)).count();
    Ok(format!("{} keys listed, ours {ours} time(s)", keys.len()))
}

async fn rotate(client: &Client, key_id: &str) -> Outcome {
    for _ in 0..3 {
        let output = client.rotate_key_on_demand().key_id(key_id).send().await?;
        if output.key_id() != Some(key_id) {
            return Err(format!("rotated {:?}, not the key", output.key_id()).into());
        }
    }
    Ok("rotated 3 times".into())
}

async fn list_rotations(client: &Client, key_id: &str) -> Outcome {
    let mut pages = client
        .list_key_rotations()
        .key_id(key_id)
        .limit(2)
        .into_paginator()
        .send();
    let mut sizes = Vec::new();
    let mut truncated = Vec::new();
    let mut on_demand = 0;
    while let Some(page) = pages.try_next().await? {
        sizes.push(page.rotations().len());
        truncated.push(page.truncated());
        on_demand += page
            .rotations()
            .iter()
            .filter(|r| r.rotation_type() == Some(&RotationType::OnDemand))
            .count();
    }
    if sizes.len() < 2 {
        return Err(format!("pages of {sizes:?}: the listing was not paginated").into());
    }
    Ok(format!("pages of {sizes:?}, truncated {truncated:?}, {on_demand} on demand"))
}

async fn missing_key(client: &Client) -> Outcome {
    let missing = "0b2c4d6e-8f10-4234-9abc-def012345678";
    match client.describe_key().key_id(missing).send().await {
        Ok(_) => Err("a key never created was described".into()),
        Err(err) => {
            let err = err.into_service_error();
            if err.is_not_found_exception() {
                Ok(format!(
                    "NotFoundException, code {:?}, message names the key {}",
                    err.code(),
                    err.message().is_some_and(|m| m.contains(missing))
                ))
            } else {
                Err(format!("not NotFoundException: {}", DisplayErrorContext(&err)).into())
            }
        }
    }
}

async fn schedule_deletion(client: &Client, key_id: &str) -> Outcome {
    let output = client
        .schedule_key_deletion()
        .key_id(key_id)
        .pending_window_in_days(7)
        .send()
        .await?;
    let pending = output.key_state() == Some(&KeyState::PendingDeletion);
    let described = client.describe_key().key_id(key_id).send().await?;
    let state = described
        .key_metadata()
        .and_then(|m| m.key_state())
        .map(|s| s.as_str().to_owned())
        .unwrap_or_default();
    Ok(format!(
        "pending deletion {pending}, window {:?} days, deletion date given {}, described as {state}",
        output.pending_window_in_days(),
        output.deletion_date().is_some()
    ))
}
