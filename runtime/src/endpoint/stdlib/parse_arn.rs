//! `aws.parseArn(value)`.
//!
//! Written by hand: an ARN is six `:`-separated fields, which no ARN crate
//! in the dependency tree reads (smithy-rs generates the same few lines into
//! every SDK).

use crate::endpoint::Value;
use std::collections::BTreeMap;

/// The parts of an ARN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    /// `aws`, `aws-cn`, ...
    pub partition: &'a str,
    /// The service namespace.
    pub service: &'a str,
    /// The region, maybe empty.
    pub region: &'a str,
    /// The account id, maybe empty.
    pub account_id: &'a str,
    /// The resource, split at each `:` and `/`.
    pub resource_id: Vec<&'a str>,
}

/// Reads `arn:partition:service:region:account-id:resource`; `None` unless
/// it begins `arn:` and partition, service and resource are not empty.
pub fn parse_arn(value: &str) -> Option<Arn<'_>> {
    let mut fields = value.splitn(6, ':');
    let (arn, partition, service, region, account_id, resource) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    if arn != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition,
        service,
        region,
        account_id,
        resource_id: resource.split([':', '/']).collect(),
    })
}

impl Arn<'_> {
    /// The record the rules language sees.
    pub fn to_value(&self) -> Value {
        let s = |v: &str| Value::String(v.to_owned());
        Value::Object(BTreeMap::from([
            ("partition".to_owned(), s(self.partition)),
            ("service".to_owned(), s(self.service)),
            ("region".to_owned(), s(self.region)),
            ("accountId".to_owned(), s(self.account_id)),
            (
                "resourceId".to_owned(),
                Value::Array(self.resource_id.iter().map(|r| s(r)).collect()),
            ),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns() {
        let arn = parse_arn("arn:aws:s3:us-east-1:123456789012:accesspoint/my-ap:x").unwrap();
        assert_eq!(arn.partition, "aws");
        assert_eq!(arn.service, "s3");
        assert_eq!(arn.region, "us-east-1");
        assert_eq!(arn.account_id, "123456789012");
        assert_eq!(arn.resource_id, ["accesspoint", "my-ap", "x"]);
        let arn = parse_arn("arn:aws:iam:::role/r").unwrap();
        assert_eq!((arn.region, arn.account_id), ("", ""));
        assert_eq!(arn.resource_id, ["role", "r"]);
        assert_eq!(
            parse_arn("arn:aws:s3:::bucket").unwrap().resource_id,
            ["bucket"]
        );
        assert_eq!(
            parse_arn("arn:aws:s3:::a//b").unwrap().resource_id,
            ["a", "", "b"]
        );
        for bad in [
            "",
            "arn",
            "arn:aws:s3:::",
            "arn::s3:::r",
            "arn:aws::::r",
            "urn:aws:s3:::r",
            "arn:aws:s3::r",
        ] {
            assert_eq!(parse_arn(bad), None, "{bad}");
        }
        let v = parse_arn("arn:aws:s3:::b").unwrap().to_value();
        assert_eq!(v.as_object().unwrap()["accountId"], Value::from(""));
    }
}
