use aws_sdk_scheduler::config::{Credentials, Region};
use aws_sdk_scheduler::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_sdk_scheduler::operation::get_schedule::GetScheduleError;
use aws_sdk_scheduler::primitives::DateTime;
use aws_sdk_scheduler::types::{
    FlexibleTimeWindow, FlexibleTimeWindowMode, ScheduleGroupState, ScheduleState, Tag, Target,
};
use aws_sdk_scheduler::Client;

// A program written against aws-sdk-scheduler 1.119 (EventBridge
// Scheduler, restJson1) as its users write one: schedule groups created,
// read and listed page by page, a schedule in a group created, read and
// listed, a typed error and deletes. Each step returns what it saw, in
// words that do not depend on the SDK.

type Outcome = Result<String, Box<dyn std::error::Error + Send + Sync>>;

const GROUPS: [&str; 3] = ["dropin-billing", "dropin-reports", "dropin-cleanup"];
const SCHEDULE: &str = "dropin-nightly-invoices";
const TARGET: &str = "arn:aws:sqs:us-east-1:123456789012:dropin-invoices";
const ROLE: &str = "arn:aws:iam::123456789012:role/dropin-scheduler";

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
        ("create schedule groups", create_groups(&client).await),
        ("get schedule group", get_group(&client).await),
        ("list schedule groups, two pages", list_groups(&client).await),
        ("create schedule", create_schedule(&client).await),
        ("get schedule", get_schedule(&client).await),
        ("list schedules", list_schedules(&client).await),
        ("typed error: ResourceNotFoundException", missing_schedule(&client).await),
        ("delete schedule", delete_schedule(&client).await),
        ("delete schedule groups", delete_groups(&client).await),
    ];
    steps
        .into_iter()
        .map(|(name, outcome)| (name, outcome.map_err(|e| DisplayErrorContext(&*e).to_string())))
        .collect()
}

async fn create_groups(client: &Client) -> Outcome {
    for name in GROUPS {
        let output = client
            .create_schedule_group()
            .name(name)
            .tags(Tag::builder().key("team").value("dropin").build()?)
            .send()
            .await?;
        if !output.schedule_group_arn().ends_with(&format!(":schedule-group/{name}")) {
            return Err(format!("{} is not the ARN of {name}", output.schedule_group_arn()).into());
        }
    }
    Ok(format!("created {}", GROUPS.join(", ")))
}

async fn get_group(client: &Client) -> Outcome {
    let output = client.get_schedule_group().name(GROUPS[0]).send().await?;
    Ok(format!(
        "{:?}: active {}, created date given {}",
        output.name(),
        output.state() == Some(&ScheduleGroupState::Active),
        output.creation_date().is_some()
    ))
}

async fn list_groups(client: &Client) -> Outcome {
    let mut pages = client
        .list_schedule_groups()
        .name_prefix("dropin-")
        .max_results(2)
        .into_paginator()
        .send();
    let mut sizes = Vec::new();
    while let Some(page) = pages.try_next().await? {
        sizes.push(page.schedule_groups().len());
    }
    let groups = client
        .list_schedule_groups()
        .name_prefix("dropin-")
        .into_paginator()
        .page_size(2)
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await?;
    let mut names: Vec<&str> = groups.iter().filter_map(|g| g.name()).collect();
    names.sort_unstable();
    if sizes.len() < 2 {
        return Err(format!("pages of {sizes:?}: the listing was not paginated").into());
    }
    Ok(format!("pages of {sizes:?}; groups {names:?}"))
}

async fn create_schedule(client: &Client) -> Outcome {
    let output = client
        .create_schedule()
        .name(SCHEDULE)
        .group_name(GROUPS[0])
        .schedule_expression("cron(0 2 * * ? *)")
        .schedule_expression_timezone("Europe/Paris")
        .start_date(DateTime::from_secs(1_893_456_000))
        .description("invoices every night")
        .state(ScheduleState::Enabled)
        .flexible_time_window(
            FlexibleTimeWindow::builder()
                .mode(FlexibleTimeWindowMode::Flexible)
                .maximum_window_in_minutes(15)
                .build()?,
        )
        .target(
            Target::builder()
                .arn(TARGET)
                .role_arn(ROLE)
                .input("{\"run\":\"invoices\"}")
                .build()?,
        )
        .send()
        .await?;
    let arn_ok = output
        .schedule_arn()
        .ends_with(&format!(":schedule/{}/{SCHEDULE}", GROUPS[0]));
    Ok(format!("created {SCHEDULE} in {}, arn names both {arn_ok}", GROUPS[0]))
}

async fn get_schedule(client: &Client) -> Outcome {
    let output = client
        .get_schedule()
        .name(SCHEDULE)
        .group_name(GROUPS[0])
        .send()
        .await?;
    let target = output.target().ok_or("no target")?;
    let window = output.flexible_time_window().ok_or("no time window")?;
    Ok(format!(
        "{:?} in {:?}: {:?} ({:?}), starts {:?}, state {:?}, window {} up to {:?} min, target {} as {}, input {:?}",
        output.name(),
        output.group_name(),
        output.schedule_expression(),
        output.schedule_expression_timezone(),
        output.start_date().map(|d| d.secs()),
        output.state().map(|s| s.as_str()),
        window.mode().as_str(),
        window.maximum_window_in_minutes(),
        target.arn(),
        target.role_arn(),
        target.input()
    ))
}

async fn list_schedules(client: &Client) -> Outcome {
    let output = client.list_schedules().group_name(GROUPS[0]).send().await?;
    let summaries: Vec<String> = output
        .schedules()
        .iter()
        .map(|s| {
            format!(
                "{} -> {}",
                s.name().unwrap_or_default(),
                s.target().map(|t| t.arn()).unwrap_or_default()
            )
        })
        .collect();
    Ok(format!("{summaries:?}, next token {:?}", output.next_token()))
}

async fn missing_schedule(client: &Client) -> Outcome {
    let result = client
        .get_schedule()
        .name("dropin-never-created")
        .group_name(GROUPS[0])
        .send()
        .await;
    match result {
        Ok(_) => Err("a schedule never created was read".into()),
        Err(err) => match err.into_service_error() {
            GetScheduleError::ResourceNotFoundException(e) => Ok(format!(
                "ResourceNotFoundException, code {:?}, with a message: {}",
                e.code(),
                !e.message().is_empty()
            )),
            other => Err(format!("not ResourceNotFoundException: {}", DisplayErrorContext(&other)).into()),
        },
    }
}

async fn delete_schedule(client: &Client) -> Outcome {
    client
        .delete_schedule()
        .name(SCHEDULE)
        .group_name(GROUPS[0])
        .send()
        .await?;
    let left = client.list_schedules().group_name(GROUPS[0]).send().await?;
    Ok(format!("deleted; {} schedules left in {}", left.schedules().len(), GROUPS[0]))
}

async fn delete_groups(client: &Client) -> Outcome {
    for name in GROUPS {
        client.delete_schedule_group().name(name).send().await?;
    }
    let left = client
        .list_schedule_groups()
        .name_prefix("dropin-")
        .send()
        .await?;
    Ok(format!("deleted {} groups; {} left", GROUPS.len(), left.schedule_groups().len()))
}
