//! Generates the restJson1 protocol-test service, with its compliance cases
//! as tests, from ../shared (which the project does not commit).

fn main() {
    sdkgen::build_protocol_tests("aws.protocoltests.restjson#RestJson");
}
