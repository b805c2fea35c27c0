//! Generates the awsJson1_1 protocol-test service `aws.protocoltests.json#JsonProtocol`, with its compliance
//! cases as tests, from ../shared (which the project does not commit).

fn main() {
    sdkgen::build_protocol_tests("aws.protocoltests.json#JsonProtocol");
}
