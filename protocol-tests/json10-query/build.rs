//! Generates the awsJson1_0 protocol-test service `aws.protocoltests.json10#QueryCompatibleJsonRpc10`, with its compliance
//! cases as tests, from ../shared (which the project does not commit).

fn main() {
    sdkgen::build_protocol_tests("aws.protocoltests.json10#QueryCompatibleJsonRpc10");
}
