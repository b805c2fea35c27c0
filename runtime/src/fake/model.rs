//! The description of a service the generator writes for its fake (a JSON
//! text, `fake::MODEL` of a generated crate), read with serde's derives,
//! and what the fake prepares from it once when it starts: routes and
//! compiled patterns.
//!
//! The description is data, not code, so that the fake does not depend on
//! how the generated types lay out their fields: it speaks the wire and the
//! model, as a service does.

use serde::Deserialize;
use std::collections::HashMap;

/// The version of the description format this runtime reads.
pub(crate) const VERSION: u32 = 1;

/// A service as its fake sees it.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Model {
    /// [`VERSION`].
    pub version: u32,
    /// The wire protocol.
    pub protocol: Protocol,
    /// For awsJson: what `X-Amz-Target` names before the operation's name
    /// (`DynamoDB_20120810` in `DynamoDB_20120810.GetItem`).
    #[serde(default)]
    pub target_prefix: String,
    /// The operations, in model order.
    pub operations: Vec<Operation>,
    /// The named shapes the operations reach, by shape id.
    #[serde(default)]
    pub shapes: HashMap<String, Shape>,
}

/// The protocols a fake answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub(crate) enum Protocol {
    /// `aws.protocols#restJson1`.
    #[serde(rename = "restJson1")]
    RestJson1,
    /// `aws.protocols#awsJson1_0`.
    #[serde(rename = "awsJson1_0")]
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    #[serde(rename = "awsJson1_1")]
    AwsJson1_1,
}

impl Protocol {
    pub(crate) fn is_aws_json(self) -> bool {
        !matches!(self, Protocol::RestJson1)
    }

    pub(crate) fn content_type(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "application/json",
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// One operation.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Operation {
    /// Its name in the model, `CreateRoom`.
    pub name: String,
    /// The name of its input in messages, `CreateRoomInput`.
    #[serde(default)]
    pub input_name: String,
    /// HTTP method (restJson1).
    #[serde(default)]
    pub method: String,
    /// URI pattern (restJson1), `/accounts/{AccountId}/rooms?x=y`.
    #[serde(default)]
    pub uri: String,
    /// Success status.
    #[serde(default = "ok")]
    pub code: u16,
    /// Input members.
    #[serde(default)]
    pub input: Vec<Member>,
    /// Output members.
    #[serde(default)]
    pub output: Vec<Member>,
    /// Shape ids of its errors, in model order.
    #[serde(default)]
    pub errors: Vec<String>,
    /// `@paginated` `outputToken`, a path of output members: left unset
    /// in generated outputs, so that a paginator stops after one page.
    #[serde(default)]
    pub output_token: Option<String>,
}

fn ok() -> u16 {
    200
}

/// A member of a structure, an input, an output or a union.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Member {
    /// Name in the model.
    pub name: String,
    /// Name in JSON, where it is not `name`.
    #[serde(default)]
    pub json: Option<String>,
    /// Target type.
    #[serde(rename = "type")]
    pub ty: Ty,
    /// `@required`.
    #[serde(default)]
    pub required: bool,
    /// The member has a `@default`: a request may leave it out.
    #[serde(default)]
    pub has_default: bool,
    /// `@idempotencyToken`.
    #[serde(default)]
    pub idempotency_token: bool,
    /// Where it goes in a request or a response.
    #[serde(default)]
    pub binding: Binding,
    /// `@length` min and max.
    #[serde(default)]
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@range` min and max.
    #[serde(default)]
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// `@pattern` (ECMA 262).
    #[serde(default)]
    pub pattern: Option<String>,
    /// `@mediaType`: a string header with one is base64 on the wire.
    #[serde(default)]
    pub media_type: Option<String>,
}

impl Member {
    /// The member's key in a JSON object.
    pub(crate) fn json_name(&self) -> &str {
        self.json.as_deref().unwrap_or(&self.name)
    }
}

/// HTTP binding of a member.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum Binding {
    /// In the JSON body.
    #[default]
    Body,
    /// A URI label.
    Label,
    /// A query parameter.
    Query(String),
    /// A header.
    Header(String),
    /// `@httpQueryParams`.
    QueryParams,
    /// `@httpPrefixHeaders`.
    PrefixHeaders(String),
    /// `@httpPayload`.
    Payload,
    /// `@httpResponseCode`.
    ResponseCode,
    /// A binding the fake does not read (OpenAPI's styled query
    /// parameters, cookies, form fields and multipart parts): the member
    /// is neither read nor checked.
    Unsupported,
}

/// A member's type.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum Ty {
    String,
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    Timestamp(TimestampFormat),
    Blob,
    Stream,
    Document,
    List(Box<Ty>),
    Map(Box<Ty>),
    /// A named structure, union, enum or int enum, by shape id.
    Shape(String),
    /// An element of a sparse list or map.
    Optional(Box<Ty>),
    Unit,
}

/// Timestamp formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum TimestampFormat {
    DateTime,
    HttpDate,
    EpochSeconds,
}

impl TimestampFormat {
    pub(crate) fn smithy(self) -> aws_smithy_types::date_time::Format {
        use aws_smithy_types::date_time::Format;
        match self {
            TimestampFormat::DateTime => Format::DateTime,
            TimestampFormat::HttpDate => Format::HttpDate,
            TimestampFormat::EpochSeconds => Format::EpochSeconds,
        }
    }
}

/// A named shape.
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub(crate) enum Shape {
    /// A structure (or an error structure).
    Structure {
        members: Vec<Member>,
        /// Present on errors.
        #[serde(default)]
        error: Option<ErrorInfo>,
    },
    /// A union: one member set.
    Union {
        members: Vec<Member>,
        #[serde(default)]
        repr: UnionRepr,
    },
    /// A string enum: its values.
    Enum { values: Vec<String> },
    /// An int enum: its values.
    IntEnum { values: Vec<i64> },
}

/// How an error is told on the wire.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ErrorInfo {
    /// Its status (`@httpError`, else 400 for a client fault and 500 for a
    /// server fault).
    pub status: u16,
    /// The status is the model's `@httpError`.
    #[serde(default)]
    pub http_error: bool,
    /// The client retries it (`@retryable`, or a throttling or server
    /// status).
    #[serde(default)]
    pub retryable: bool,
    /// The codes that name it: its shape name first.
    pub codes: Vec<String>,
}

/// How a union is written in JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum UnionRepr {
    /// `{"member": value}`.
    #[default]
    Tagged,
    /// The variant's value itself.
    Untagged,
    /// An object with this property naming the variant.
    Discriminated(String),
}

/// A piece of a URI pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Segment {
    Literal(String),
    Label { member: String, greedy: bool },
}

/// An operation's route: method, path segments and query literals.
#[derive(Debug)]
pub(crate) struct Route {
    pub method: String,
    pub segments: Vec<Segment>,
    pub query: Vec<(String, Option<String>)>,
    /// Characters of literal text: the more, the more specific.
    pub literal_len: usize,
}

impl Route {
    /// Reads a URI pattern; `None` for an unclosed label.
    pub(crate) fn parse(method: &str, pattern: &str) -> Option<Route> {
        let (path, query) = pattern.split_once('?').unwrap_or((pattern, ""));
        let mut segments = Vec::new();
        let mut rest = path;
        while let Some(start) = rest.find('{') {
            if start > 0 {
                segments.push(Segment::Literal(rest[..start].to_owned()));
            }
            let end = start + rest[start..].find('}')?;
            let label = &rest[start + 1..end];
            let (member, greedy) = match label.strip_suffix('+') {
                Some(m) => (m, true),
                None => (label, false),
            };
            segments.push(Segment::Label {
                member: member.to_owned(),
                greedy,
            });
            rest = &rest[end + 1..];
        }
        if !rest.is_empty() {
            segments.push(Segment::Literal(rest.to_owned()));
        }
        let query = query
            .split('&')
            .filter(|q| !q.is_empty())
            .map(|q| match q.split_once('=') {
                Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                None => (q.to_owned(), None),
            })
            .collect::<Vec<_>>();
        let literal_len = segments
            .iter()
            .map(|s| match s {
                Segment::Literal(l) => l.len(),
                Segment::Label { .. } => 0,
            })
            .sum::<usize>()
            + query.len();
        Some(Route {
            method: method.to_ascii_uppercase(),
            segments,
            query,
            literal_len,
        })
    }

    /// The labels of `path` (still percent-encoded) where it matches.
    pub(crate) fn matches(&self, path: &str) -> Option<Vec<(String, String)>> {
        let mut labels = Vec::new();
        match_segments(&self.segments, path, &mut labels).then_some(labels)
    }
}

/// Matches `path` against `segments`: a label takes one segment's text (no
/// `/`), a greedy label as much as lets the rest match.
fn match_segments(segments: &[Segment], path: &str, labels: &mut Vec<(String, String)>) -> bool {
    let Some((first, rest)) = segments.split_first() else {
        // A trailing slash the pattern does not have is allowed.
        return path.is_empty() || path == "/";
    };
    match first {
        Segment::Literal(l) => match path.strip_prefix(l.as_str()) {
            Some(after) => match_segments(rest, after, labels),
            None => false,
        },
        Segment::Label { member, greedy } => {
            let limit = if *greedy {
                path.len()
            } else {
                path.find('/').unwrap_or(path.len())
            };
            // Longest first: a greedy label takes all it can.
            let mut ends: Vec<usize> = (0..=limit).filter(|i| path.is_char_boundary(*i)).collect();
            ends.reverse();
            for end in ends {
                let mark = labels.len();
                labels.push((member.clone(), path[..end].to_owned()));
                if match_segments(rest, &path[end..], labels) {
                    return true;
                }
                labels.truncate(mark);
            }
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_labels_greedy_labels_and_literals() {
        let r = Route::parse("POST", "/accounts/{AccountId}/rooms").unwrap();
        assert_eq!(
            r.matches("/accounts/a%2Fb/rooms"),
            Some(vec![("AccountId".into(), "a%2Fb".into())])
        );
        assert_eq!(r.matches("/accounts/a/b/rooms"), None);
        assert_eq!(
            r.matches("/accounts//rooms"),
            Some(vec![("AccountId".into(), String::new())])
        );
        let g = Route::parse("GET", "/files/{Key+}/meta?list-type=2").unwrap();
        assert_eq!(
            g.matches("/files/a/b/c/meta"),
            Some(vec![("Key".into(), "a/b/c".into())])
        );
        assert_eq!(g.query, vec![("list-type".into(), Some("2".into()))]);
        assert!(Route::parse("GET", "/x/{Open").is_none());
    }
}
