//! Generates the Amazon Machine Learning test service `com.amazonaws.machinelearning#AmazonML_20141212`, with its compliance cases
//! (service customizations) as tests, from ../shared (which the project
//! does not commit).

fn main() {
    sdkgen::build_protocol_tests("com.amazonaws.machinelearning#AmazonML_20141212");
}
