//! The drop-in programs (`dropin/scenarios/*.rs`), each compiled twice:
//! against the real `aws-sdk-*` crate (`real::*`) and against the crate
//! sdkgen generates from the same service model (`ours::*`, the crate
//! renamed by one `use` line), run against a moto server of their own,
//! each on a fresh state. Every step must pass on both and both
//! transcripts must be the same.
//!
//! Needs `moto_server` (`pip install 'moto[server]'`): from `$MOTO_SERVER`
//! or `PATH`. Without it the tests say so and pass, unless
//! `CHIME_SDK_REQUIRE_MOTO=1` (CI) makes that a failure.

use chime_sdk_dropin::{failures, passed, Moto, StartError, Step};

mod real {
    pub mod sqs {
        include!("../scenarios/sqs.rs");
    }
    pub mod dynamodb {
        include!("../scenarios/dynamodb.rs");
    }
    pub mod kms {
        include!("../scenarios/kms.rs");
    }
    pub mod secretsmanager {
        include!("../scenarios/secretsmanager.rs");
    }
    pub mod scheduler {
        include!("../scenarios/scheduler.rs");
    }
}

mod ours {
    pub mod sqs {
        use dropin_sqs as aws_sdk_sqs;
        include!("../scenarios/sqs.rs");
    }
    #[cfg(not(dropin_dynamodb_absent))]
    pub mod dynamodb {
        use dynamodb_sdk as aws_sdk_dynamodb;
        include!("../scenarios/dynamodb.rs");
    }
    pub mod kms {
        use dropin_kms as aws_sdk_kms;
        include!("../scenarios/kms.rs");
    }
    pub mod secretsmanager {
        use dropin_secretsmanager as aws_sdk_secretsmanager;
        include!("../scenarios/secretsmanager.rs");
    }
    pub mod scheduler {
        use dropin_scheduler as aws_sdk_scheduler;
        include!("../scenarios/scheduler.rs");
    }
}

/// A moto server, or `None` (after saying why) where there is none and
/// none is required.
fn moto(service: &str) -> Option<Moto> {
    match Moto::start() {
        Ok(moto) => Some(moto),
        Err(StartError::Absent) => {
            println!("{service}: skipped: {}", StartError::Absent);
            None
        }
        Err(e) => panic!("{service}: {e}"),
    }
}

/// Prints `N of M steps` for each SDK and fails unless every step passed
/// on both and the transcripts are the same.
fn verdict(service: &str, real: &[Step], ours: Option<&[Step]>) {
    println!("{service}: aws-sdk: {}", passed(real));
    match ours {
        Some(ours) => println!("{service}: sdkgen: {}", passed(ours)),
        None => println!("{service}: sdkgen: not built (its model in ../shared is absent)"),
    }
    for (name, outcome) in real {
        println!("  {name}: {}", outcome.as_deref().unwrap_or_else(|e| e));
    }
    assert!(
        real.iter().all(|(_, r)| r.is_ok()),
        "{service} with aws-sdk: steps failed:\n{}",
        failures(real)
    );
    if let Some(ours) = ours {
        assert!(
            ours.iter().all(|(_, r)| r.is_ok()),
            "{service} with the sdkgen SDK: steps failed:\n{}",
            failures(ours)
        );
        assert_eq!(real, ours, "{service}: the transcripts differ");
    }
}

#[tokio::test]
async fn sqs() {
    let Some(moto) = moto("sqs") else { return };
    let url = moto.endpoint_url();
    let real = real::sqs::run(&url).await;
    moto.reset().expect("moto resets");
    let ours = Some(ours::sqs::run(&url).await);
    verdict("sqs", &real, ours.as_deref());
}

#[tokio::test]
async fn dynamodb() {
    let Some(moto) = moto("dynamodb") else { return };
    let url = moto.endpoint_url();
    let real = real::dynamodb::run(&url).await;
    moto.reset().expect("moto resets");
    #[cfg(not(dropin_dynamodb_absent))]
    let ours = Some(ours::dynamodb::run(&url).await);
    #[cfg(dropin_dynamodb_absent)]
    let ours: Option<Vec<Step>> = None;
    verdict("dynamodb", &real, ours.as_deref());
}

#[tokio::test]
async fn kms() {
    let Some(moto) = moto("kms") else { return };
    let url = moto.endpoint_url();
    let real = real::kms::run(&url).await;
    moto.reset().expect("moto resets");
    let ours = Some(ours::kms::run(&url).await);
    verdict("kms", &real, ours.as_deref());
}

#[tokio::test]
async fn secretsmanager() {
    let Some(moto) = moto("secretsmanager") else {
        return;
    };
    let url = moto.endpoint_url();
    let real = real::secretsmanager::run(&url).await;
    moto.reset().expect("moto resets");
    let ours = Some(ours::secretsmanager::run(&url).await);
    verdict("secretsmanager", &real, ours.as_deref());
}

#[tokio::test]
async fn scheduler() {
    let Some(moto) = moto("scheduler") else {
        return;
    };
    let url = moto.endpoint_url();
    let real = real::scheduler::run(&url).await;
    moto.reset().expect("moto resets");
    let ours = Some(ours::scheduler::run(&url).await);
    verdict("scheduler", &real, ours.as_deref());
}
