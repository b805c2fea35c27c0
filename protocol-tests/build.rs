//! Generates the restJson1 protocol-test service, with its compliance cases
//! as tests, from ../shared (which the project does not commit).

fn main() {
    let mut settings = sdkgen::Settings::default();
    settings.service = Some("aws.protocoltests.restjson#RestJson".into());
    settings.protocol_tests = Some("crate::harness".into());
    sdkgen::build_shared_model("protocol-tests/aws-protocol-tests.json", &settings);
}
