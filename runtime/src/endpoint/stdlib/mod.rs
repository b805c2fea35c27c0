//! The standard library of the rules language, one function a module, each
//! a plain Rust function of plain arguments (the evaluator, `eval.rs`, does
//! the unpacking of [`Value`](super::Value)s).
//!
//! Rules language functions: `isSet`, `not`, `booleanEquals`, `stringEquals`
//! ([`core`]), `getAttr` ([`get_attr`]), `isValidHostLabel`
//! ([`host_label`]), `parseURL` ([`parse_url`]), `substring`
//! ([`substring`]), `uriEncode` ([`uri_encode`]); AWS extensions:
//! `aws.partition` ([`partition`]), `aws.parseArn` ([`parse_arn`]),
//! `aws.isVirtualHostableS3Bucket` ([`s3`]).

pub mod core;
pub mod get_attr;
pub mod host_label;
pub mod parse_arn;
pub mod parse_url;
pub mod partition;
pub mod s3;
pub mod substring;
pub mod uri_encode;

/// A function of the standard library, as a rule set names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    GetAttr,
    IsValidHostLabel,
    ParseUrl,
    Substring,
    UriEncode,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

impl Func {
    /// The function a rule set's `fn` names.
    pub(crate) fn from_name(name: &str) -> Option<Func> {
        Some(match name {
            "isSet" => Func::IsSet,
            "not" => Func::Not,
            "booleanEquals" => Func::BooleanEquals,
            "stringEquals" => Func::StringEquals,
            "getAttr" => Func::GetAttr,
            "isValidHostLabel" => Func::IsValidHostLabel,
            "parseURL" => Func::ParseUrl,
            "substring" => Func::Substring,
            "uriEncode" => Func::UriEncode,
            "aws.partition" => Func::Partition,
            "aws.parseArn" => Func::ParseArn,
            "aws.isVirtualHostableS3Bucket" => Func::IsVirtualHostableS3Bucket,
            _ => return None,
        })
    }

    /// The name a rule set uses.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Func::IsSet => "isSet",
            Func::Not => "not",
            Func::BooleanEquals => "booleanEquals",
            Func::StringEquals => "stringEquals",
            Func::GetAttr => "getAttr",
            Func::IsValidHostLabel => "isValidHostLabel",
            Func::ParseUrl => "parseURL",
            Func::Substring => "substring",
            Func::UriEncode => "uriEncode",
            Func::Partition => "aws.partition",
            Func::ParseArn => "aws.parseArn",
            Func::IsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }

    /// How many arguments it takes.
    pub(crate) fn arity(self) -> usize {
        match self {
            Func::IsSet | Func::Not | Func::ParseUrl | Func::UriEncode => 1,
            Func::Partition | Func::ParseArn => 1,
            Func::BooleanEquals | Func::StringEquals | Func::GetAttr => 2,
            Func::IsValidHostLabel | Func::IsVirtualHostableS3Bucket => 2,
            Func::Substring => 4,
        }
    }
}
