//! End to end on loopback: the embedded mock Chime server (keep-alive
//! hyper, in this process, on a thread and runtime of its own) answers
//! CreateRoom; N sequential and N concurrent calls (64 in flight) through
//! each SDK, runs alternating. Prints one line per run: throughput, process
//! CPU per call, and client CPU per call (the process less the server's
//! thread).
//!
//! `e2e instructions ours|aws N` makes N sequential calls through one SDK
//! and exits, for `valgrind --tool=callgrind` (bench/run.py).

use chime_sdk_bench::{aws, ours};
use cpu_time::{ProcessTime, ThreadTime};
use std::time::{Duration, Instant};

const CALLS: usize = 2000;
const IN_FLIGHT: usize = 64;

/// The mock server on its own thread, with a handle to its runtime to ask
/// for that thread's CPU time.
struct Server {
    url: String,
    runtime: tokio::runtime::Handle,
}

impl Server {
    fn start() -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("mock-chime".into())
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("server runtime");
                rt.block_on(async move {
                    let mock = chime_sdk::fake::FakeServer::start()
                        .await
                        .expect("mock server");
                    let _ = tx.send((mock.endpoint_url(), tokio::runtime::Handle::current()));
                    std::future::pending::<()>().await;
                });
            })
            .expect("server thread");
        let (url, runtime) = rx.recv().expect("server started");
        Self { url, runtime }
    }

    /// CPU time of the server's thread (its runtime has only that one).
    async fn cpu(&self) -> Duration {
        self.runtime
            .spawn(async { ThreadTime::now().as_duration() })
            .await
            .expect("server thread answers")
    }
}

fn main() {
    // The server's thread first, then the client's runtime.
    let server = Server::start();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("client runtime");
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("instructions") {
        let sdk = args.get(1).cloned().unwrap_or_default();
        let n: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100);
        rt.block_on(instructions(&server.url, &sdk, n));
    } else {
        let runs = args.first().and_then(|a| a.parse().ok()).unwrap_or(3);
        rt.block_on(compare(&server, runs));
    }
}

/// N sequential calls through one SDK, after the same warm-up as `compare`.
async fn instructions(url: &str, sdk: &str, n: usize) {
    let o = ours(url, None);
    let a = aws(url, None);
    for i in 0..50 + n {
        let failed = match sdk {
            "ours" => o
                .create_room()
                .account_id("acct")
                .name(format!("r{i}"))
                .send()
                .await
                .is_err(),
            "aws" => a
                .create_room()
                .account_id("acct")
                .name(format!("r{i}"))
                .send()
                .await
                .is_err(),
            other => panic!("unknown SDK `{other}`: ours or aws"),
        };
        assert!(!failed, "call {i} failed");
    }
    println!("instructions sdk={sdk} calls={n}");
}

async fn compare(server: &Server, runs: usize) {
    let url = server.url.clone();
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
                let (cpu0, server0, t0) = (ProcessTime::now(), server.cpu().await, Instant::now());
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
                let (wall, cpu) = (t0.elapsed(), cpu0.elapsed());
                let client = cpu.saturating_sub(server.cpu().await - server0);
                println!(
                    "e2e run={run} sdk={sdk} mode={mode} calls={CALLS} failures={failures} calls_per_s={:.0} cpu_us_per_call={:.1} client_cpu_us_per_call={:.1}",
                    CALLS as f64 / wall.as_secs_f64(),
                    cpu.as_secs_f64() * 1e6 / CALLS as f64,
                    client.as_secs_f64() * 1e6 / CALLS as f64
                );
            }
        }
    }
}
