//! Generates the awsJson1_0 protocol-test service `aws.protocoltests.json10#JsonRpc10`, with its compliance
//! cases as tests, from ../shared (which the project does not commit).

const SERVICE: &str = "aws.protocoltests.json10#JsonRpc10";

fn main() {
    println!("cargo::rustc-env=PROTOCOL_TESTS_SERVICE={SERVICE}");
    println!("cargo::rustc-env=PROTOCOL_TESTS_PROTOCOL=aws.protocols#awsJson1_0");
    let mut settings = sdkgen::Settings::default();
    settings.service = Some(SERVICE.into());
    settings.protocol_tests = Some("crate::harness".into());
    sdkgen::build_shared_model("protocol-tests/aws-protocol-tests.json", &settings);
}
