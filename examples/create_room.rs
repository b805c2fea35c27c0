//! Creates a Chime room.
//!
//! With no `--endpoint-url` it starts the embedded mock Chime server on
//! loopback and creates a room there: no AWS account needed. With
//! `--endpoint-url` it sends to that endpoint instead, configured the way an
//! aws-sdk-rust program is: region and credentials from `aws-config`'s
//! default chains (environment, `~/.aws/config` and `~/.aws/credentials`
//! profiles, and the rest), the region defaulting to `us-east-1`, the
//! region of Chime's global endpoint.
//!
//! ```text
//! cargo run --example create_room
//! cargo run --example create_room -- --endpoint-url URL --account-id ID --name NAME [--client-request-token T] [--timeout SECONDS]
//! ```
//!
//! The call, retries included, gets `--timeout` seconds (30 by default) to
//! answer; connecting gets the SDK's default 3.1 s.
//!
//! Exit status: 0 when the room was created, 1 when the call failed or
//! timed out (the error is printed on one line), 2 on a bad command line.

use aws_config::meta::region::RegionProviderChain;
use chime_sdk::config::{Config, Credentials, Region, TimeoutConfig};
use chime_sdk::error::SdkError;
use chime_sdk::mock::MockChime;
use chime_sdk::Client;
use clap::Parser;
use std::error::Error;
use std::fmt;
use std::process::ExitCode;
use std::time::Duration;

/// Creates an Amazon Chime room, by default on an embedded mock server.
#[derive(Parser, Debug)]
#[command(name = "create_room", version)]
struct Args {
    /// Send to this endpoint (with credentials from the environment or a
    /// profile) instead of the embedded mock server.
    #[arg(long, value_name = "URL")]
    endpoint_url: Option<String>,
    /// The Chime account ID.
    #[arg(
        long,
        value_name = "ID",
        default_value = "12a3456b-7c89-012d-3456-78901e23fg45"
    )]
    account_id: String,
    /// The room name.
    #[arg(long, default_value = "Team Room")]
    name: String,
    /// The idempotency token (2 to 64 characters of `-_a-zA-Z0-9`); a random
    /// UUID when left out.
    #[arg(long, value_name = "TOKEN")]
    client_request_token: Option<String>,
    /// How long the call may take, retries included (the operation
    /// timeout), in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = seconds)]
    timeout: Duration,
}

/// A positive, finite number of seconds (`1`, `0.5`).
fn seconds(text: &str) -> Result<Duration, String> {
    let secs: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    // NaN is not positive either.
    if secs.is_nan() || secs <= 0.0 {
        return Err(format!("`{text}` is not a positive number of seconds"));
    }
    Duration::try_from_secs_f64(secs).map_err(|e| format!("`{text}`: {e}"))
}

/// The call got no answer within `--timeout`.
#[derive(Debug)]
struct TimedOut {
    after: Duration,
    source: Box<dyn Error>,
}

impl fmt::Display for TimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no answer within {:?} (--timeout {})",
            self.after,
            self.after.as_secs_f64()
        )
    }
}

impl Error for TimedOut {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(self.source.as_ref())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    // clap prints its own message and exits 2 on a bad command line (0 for
    // --help and --version).
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", one_line(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), Box<dyn Error>> {
    let mut mock = None;
    // Set over the defaults: the connect timeout stays the SDK's.
    let timeouts = TimeoutConfig::builder()
        .operation_timeout(args.timeout)
        .build();
    let config = match &args.endpoint_url {
        Some(url) => {
            let region = RegionProviderChain::default_provider().or_else(Region::new("us-east-1"));
            let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
                .region(region)
                .endpoint_url(url)
                .timeout_config(timeouts)
                .load()
                .await;
            Config::from(&sdk_config)
        }
        None => {
            let server = MockChime::start()
                .await
                .map_err(|e| format!("cannot start the mock server: {e}"))?;
            println!("mock Chime server listening at {}", server.endpoint_url());
            let config = Config::builder()
                .region(Region::new("us-east-1"))
                .credentials_provider(Credentials::new(
                    "AKIDMOCK",
                    "mock-secret",
                    None,
                    None,
                    "example",
                ))
                .endpoint_url(server.endpoint_url())
                .timeout_config(timeouts)
                .build();
            mock = Some(server);
            config
        }
    };
    let client = Client::from_conf(config);
    let request = client
        .create_room()
        .account_id(args.account_id)
        .name(args.name)
        .set_client_request_token(args.client_request_token);
    println!("sending {:?}", request.as_input());
    let output = request.send().await.map_err(|e| -> Box<dyn Error> {
        match e {
            SdkError::TimeoutError(_) => Box::new(TimedOut {
                after: args.timeout,
                source: Box::new(e),
            }),
            other => Box::new(other),
        }
    })?;
    if let Some(mock) = &mock {
        for r in mock.requests() {
            println!("the mock received: {} {}", r.method, r.uri);
            for (k, v) in &r.headers {
                let v = if k == "authorization" {
                    v.split(", Signature=").next().unwrap_or("")
                } else {
                    v
                };
                println!("  {k}: {v}");
            }
            println!("  body: {}", redacted(&r.body));
        }
    }
    match output.room() {
        Some(room) => println!("created room: {room:#?}"),
        None => println!("the service answered without a room"),
    }
    Ok(())
}

/// An error and its sources on one line, `outer: inner: innermost`, each
/// level's `Display` only: `DisplayErrorContext` would add the whole error's
/// `Debug` form at the end, which is for logs, not for a person.
fn one_line(e: &(dyn Error + 'static)) -> String {
    let mut line = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        // Some layers repeat their source's message in their own.
        if !line.ends_with(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = s.source();
    }
    // Multi-line messages (a credential chain lists each provider) on one line.
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The body as the mock received it, with the values of the `@sensitive`
/// members (`Name`, `ClientRequestToken`) hidden as the SDK hides them in
/// its own output: what was sent is shown, not the secrets.
fn redacted(body: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(mut members)) => {
            for key in ["Name", "ClientRequestToken"] {
                if let Some(value) = members.get_mut(key) {
                    *value = "*** Sensitive Data Redacted ***".into();
                }
            }
            serde_json::Value::Object(members).to_string()
        }
        _ => format!("({} bytes, not a JSON object)", body.len()),
    }
}
