//! A minimal program that creates a room with aws-sdk-chime (for binary size).
use aws_sdk_chime::config::{BehaviorVersion, Credentials, Region};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let endpoint = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:9".into());
    let config = aws_sdk_chime::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKID", "secret", None, None, "min"))
        .endpoint_url(endpoint)
        .build();
    let client = aws_sdk_chime::Client::from_conf(config);
    match client
        .create_room()
        .account_id("acct")
        .name("Team Room")
        .send()
        .await
    {
        Ok(out) => println!("{:?}", out.room().and_then(|r| r.room_id())),
        Err(e) => eprintln!("{}", aws_sdk_chime::error::DisplayErrorContext(&e)),
    }
}
