//! Generates the SDK from the official DynamoDB model in `../shared`, which
//! the project may not commit; where it is absent the crate is empty. Only
//! the operations the drop-in program calls (and the shapes they reach), to
//! keep the build short.

fn main() {
    let mut settings = sdkgen::Settings::default();
    settings.operations = Some(
        [
            "CreateTable",
            "DescribeTable",
            "PutItem",
            "GetItem",
            "Query",
            "Scan",
            "ListTables",
            "DeleteItem",
            "DeleteTable",
        ]
        .map(String::from)
        .to_vec(),
    );
    sdkgen::build_shared_model("models/aws/dynamodb-2012-08-10.json", &settings);
}
