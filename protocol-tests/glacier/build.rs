//! Generates the Amazon Glacier test service `com.amazonaws.glacier#Glacier`, with its compliance cases
//! (service customizations) as tests, from ../shared (which the project
//! does not commit).

fn main() {
    sdkgen::build_protocol_tests("com.amazonaws.glacier#Glacier");
}
