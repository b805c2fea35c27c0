//! `aws.partition(region)`: the partition a region belongs to, as the AWS
//! SDKs resolve it ([`Partitions::resolve`]).

use crate::endpoint::partitions::Partitions;
use crate::endpoint::Value;

/// The partition record (`name`, `dnsSuffix`, `dualStackDnsSuffix`,
/// `supportsFIPS`, `supportsDualStack`, `implicitGlobalRegion`) of `region`
/// in `partitions`, `None` only if no partition matches and there is no `aws`
/// partition to fall back to.
pub fn partition<'p>(partitions: &'p Partitions, region: &str) -> Option<&'p Value> {
    partitions.resolve(region).map(|p| p.as_value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions() {
        let parts = Partitions::aws();
        let name = |r: &str| {
            partition(parts, r)
                .and_then(|v| v.as_object())
                .map(|o| o["name"].clone())
        };
        assert_eq!(name("us-east-1"), Some("aws".into()));
        assert_eq!(name("cn-north-1"), Some("aws-cn".into()));
        assert_eq!(name("us-gov-west-1"), Some("aws-us-gov".into()));
        assert_eq!(name("us-iso-east-1"), Some("aws-iso".into()));
        assert_eq!(name("us-isob-east-1"), Some("aws-iso-b".into()));
        // Explicit regions, matching no regex.
        assert_eq!(name("aws-global"), Some("aws".into()));
        assert_eq!(name("aws-cn-global"), Some("aws-cn".into()));
        // By regex only.
        assert_eq!(name("us-west-9"), Some("aws".into()));
        assert_eq!(name("cn-west-9"), Some("aws-cn".into()));
        // Nothing matches: aws.
        assert_eq!(name("mars-east-1"), Some("aws".into()));
        assert_eq!(name(""), Some("aws".into()));
        let cn = partition(parts, "cn-north-1").unwrap().as_object().unwrap();
        assert_eq!(cn["dnsSuffix"], "amazonaws.com.cn".into());
        assert_eq!(cn["supportsFIPS"], true.into());
        let empty = Partitions::from_json(r#"{"partitions": []}"#).unwrap();
        assert_eq!(partition(&empty, "us-east-1"), None);
    }
}
