//! 10,000 concurrent CreateRoom calls through one client against the
//! embedded mock. A load run, not a timed test: it is ignored by default.
//!
//! ```text
//! cargo test --release --test load -- --ignored --nocapture
//! ```

use chime_sdk::config::{Config, Credentials, Region};
use chime_sdk::fake::FakeServer;
use std::time::Instant;

/// Peak resident memory of this process (Linux `VmHWM`), in KiB.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a load run: cargo test --release --test load -- --ignored --nocapture"]
async fn ten_thousand_concurrent_calls() {
    const CALLS: usize = 10_000;
    let mock = FakeServer::start().await.unwrap();
    let client = chime_sdk::Client::from_conf(
        Config::builder()
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKID", "secret", None, None, "load"))
            .endpoint_url(mock.endpoint_url())
            .build(),
    );
    let started = Instant::now();
    let tasks: Vec<_> = (0..CALLS)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .create_room()
                    .account_id("acct")
                    .name(format!("room {i}"))
                    .send()
                    .await
            })
        })
        .collect();
    let mut failures = 0;
    let mut kinds = std::collections::BTreeMap::new();
    for task in tasks {
        match task.await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                failures += 1;
                *kinds
                    .entry(format!("{}", chime_sdk::error::DisplayErrorContext(&e)))
                    .or_insert(0) += 1;
            }
            Err(e) => {
                failures += 1;
                *kinds.entry(format!("task: {e}")).or_insert(0) += 1;
            }
        }
    }
    for (kind, n) in &kinds {
        println!("load failure ({n}x): {kind}");
    }
    let elapsed = started.elapsed();
    println!(
        "load: {CALLS} concurrent calls, {failures} failures, {} rooms, {:.2} s, peak RSS {} MiB",
        mock.create_room().stats().generated,
        elapsed.as_secs_f64(),
        peak_rss_kib().unwrap_or(0) / 1024
    );
    assert_eq!(failures, 0);
    assert_eq!(mock.create_room().stats().generated, CALLS);
}
