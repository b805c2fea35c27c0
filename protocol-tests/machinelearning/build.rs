//! Generates the Amazon Machine Learning test service `com.amazonaws.machinelearning#AmazonML_20141212`, with its compliance cases
//! (service customizations) as tests, from ../shared (which the project
//! does not commit).

const SERVICE: &str = "com.amazonaws.machinelearning#AmazonML_20141212";

fn main() {
    println!("cargo::rustc-env=PROTOCOL_TESTS_SERVICE={SERVICE}");
    println!("cargo::rustc-env=PROTOCOL_TESTS_PROTOCOL=aws.protocols#awsJson1_1");
    let mut settings = sdkgen::Settings::default();
    settings.service = Some(SERVICE.into());
    settings.protocol_tests = Some("crate::harness".into());
    sdkgen::build_shared_model("protocol-tests/aws-protocol-tests.json", &settings);
}
