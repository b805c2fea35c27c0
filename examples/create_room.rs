//! Creates a Chime room.
//!
//! With no arguments it starts the embedded mock Chime server on loopback
//! and creates a room there: no AWS account needed. With `--endpoint-url` it
//! sends to that endpoint instead, with credentials from the environment.
//!
//! ```text
//! cargo run --example create_room
//! cargo run --example create_room -- --endpoint-url URL --account-id ID --name NAME [--client-request-token T]
//! ```

use chime_sdk::config::{Config, Credentials, Region};
use chime_sdk::error::DisplayErrorContext;
use chime_sdk::mock::MockChime;
use chime_sdk::Client;
use std::process::ExitCode;

#[derive(Default)]
struct Args {
    endpoint_url: Option<String>,
    account_id: Option<String>,
    name: Option<String>,
    token: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args::default();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--endpoint-url" => args.endpoint_url = Some(value),
            "--account-id" => args.account_id = Some(value),
            "--name" => args.name = Some(value),
            "--client-request-token" => args.token = Some(value),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\nusage: create_room [--endpoint-url URL --account-id ID --name NAME [--client-request-token T]]");
            return ExitCode::from(2);
        }
    };
    let mut mock = None;
    let config = match &args.endpoint_url {
        Some(url) => {
            let sdk_config = aws_config::defaults(aws_config::BehaviorVersion::latest())
                .region(Region::new("us-east-1"))
                .load()
                .await;
            Config::from(&sdk_config)
                .to_builder()
                .endpoint_url(url)
                .build()
        }
        None => {
            let server = match MockChime::start().await {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("cannot start the mock server: {e}");
                    return ExitCode::FAILURE;
                }
            };
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
                .build();
            mock = Some(server);
            config
        }
    };
    let client = Client::from_conf(config);
    let mut request = client
        .create_room()
        .account_id(
            args.account_id
                .unwrap_or_else(|| "12a3456b-7c89-012d-3456-78901e23fg45".into()),
        )
        .name(args.name.unwrap_or_else(|| "Team Room".into()));
    if let Some(token) = args.token {
        request = request.client_request_token(token);
    }
    println!("sending {:?}", request.as_input());
    match request.send().await {
        Ok(output) => {
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
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("CreateRoom failed: {}", DisplayErrorContext(&e));
            ExitCode::FAILURE
        }
    }
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
