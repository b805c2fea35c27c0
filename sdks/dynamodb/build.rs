//! Generates the SDK, with its fake, from the DynamoDB model in `../shared`,
//! which the project may not commit; where it is absent the crate is empty.

fn main() {
    let mut settings = sdkgen::Settings::default();
    settings.fake = true;
    sdkgen::build_shared_model("models/aws/dynamodb-2012-08-10.json", &settings);
}
