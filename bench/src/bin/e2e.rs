//! End to end on loopback: the embedded mock Chime server (keep-alive
//! hyper, in this process) answers CreateRoom; N sequential and N
//! concurrent calls (64 in flight) through each SDK, runs alternating.
//! Prints one line per run: throughput and process CPU per call.

use chime_sdk_bench::{aws, cpu_time, ours};
use std::time::Instant;

const CALLS: usize = 2000;
const IN_FLIGHT: usize = 64;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let mock = chime_sdk::mock::MockChime::start()
        .await
        .expect("mock server");
    let url = mock.endpoint_url();
    let o = ours(&url, None);
    let a = aws(&url, None);
    // Warm both connection pools.
    for _ in 0..50 {
        o.create_room()
            .account_id("acct")
            .name("n")
            .send()
            .await
            .expect("ours");
        a.create_room()
            .account_id("acct")
            .name("n")
            .send()
            .await
            .expect("aws");
    }
    for run in 0..runs {
        for sdk in ["ours", "aws"] {
            for mode in ["sequential", "concurrent"] {
                let (cpu0, t0) = (cpu_time(), Instant::now());
                let failures = match (sdk, mode) {
                    ("ours", "sequential") => {
                        let mut f = 0;
                        for i in 0..CALLS {
                            f += o
                                .create_room()
                                .account_id("acct")
                                .name(format!("r{i}"))
                                .send()
                                .await
                                .is_err() as usize;
                        }
                        f
                    }
                    ("aws", "sequential") => {
                        let mut f = 0;
                        for i in 0..CALLS {
                            f += a
                                .create_room()
                                .account_id("acct")
                                .name(format!("r{i}"))
                                .send()
                                .await
                                .is_err() as usize;
                        }
                        f
                    }
                    _ => {
                        let sem = std::sync::Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
                        let mut tasks = Vec::with_capacity(CALLS);
                        for i in 0..CALLS {
                            let permit = sem.clone().acquire_owned().await.expect("semaphore");
                            let (o, a) = (o.clone(), a.clone());
                            let ours = sdk == "ours";
                            tasks.push(tokio::spawn(async move {
                                let _permit = permit;
                                if ours {
                                    o.create_room()
                                        .account_id("acct")
                                        .name(format!("r{i}"))
                                        .send()
                                        .await
                                        .is_err()
                                } else {
                                    a.create_room()
                                        .account_id("acct")
                                        .name(format!("r{i}"))
                                        .send()
                                        .await
                                        .is_err()
                                }
                            }));
                        }
                        let mut f = 0;
                        for t in tasks {
                            f += t.await.unwrap_or(true) as usize;
                        }
                        f
                    }
                };
                let (wall, cpu) = (t0.elapsed(), cpu_time() - cpu0);
                println!(
                    "e2e run={run} sdk={sdk} mode={mode} calls={CALLS} failures={failures} calls_per_s={:.0} cpu_us_per_call={:.1}",
                    CALLS as f64 / wall.as_secs_f64(),
                    cpu.as_secs_f64() * 1e6 / CALLS as f64
                );
            }
        }
    }
}
