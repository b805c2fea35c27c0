//! A minimal program that creates a room with chime-sdk (for binary size).
use chime_sdk::config::{Config, Credentials, Region};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:9".into());
    let config = Config::builder()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "secret", None, None, "min"))
        .endpoint_url(endpoint)
        .build();
    let client = chime_sdk::Client::from_conf(config);
    match client
        .create_room()
        .account_id("acct")
        .name("Team Room")
        .send()
        .await
    {
        Ok(out) => println!("{:?}", out.room().and_then(|r| r.room_id())),
        Err(e) => eprintln!("{}", chime_sdk::error::DisplayErrorContext(&e)),
    }
}
