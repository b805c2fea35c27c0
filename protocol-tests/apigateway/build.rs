//! Generates the Amazon API Gateway test service `com.amazonaws.apigateway#BackplaneControlService`, with its compliance cases
//! (service customizations) as tests, from ../shared (which the project
//! does not commit).

fn main() {
    sdkgen::build_protocol_tests("com.amazonaws.apigateway#BackplaneControlService");
}
