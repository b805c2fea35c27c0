//! The one intermediate representation every front end lowers into and the
//! back end reads. Shapes are resolved: members carry their target type,
//! effective traits (constraints, sensitivity, timestamp format) and both
//! names, the Rust one and the wire one.

use std::collections::BTreeMap;

/// A Smithy shape id, `namespace#Name`.
pub type ShapeId = String;

/// A service and the operations selected from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Shape id of the service.
    pub id: ShapeId,
    /// `aws.api#service` `sdkId`.
    pub sdk_id: String,
    /// The service's API version (the service shape's `version`, OpenAPI's
    /// `info.version`); empty when the model has none.
    pub version: String,
    /// The wire protocol.
    pub protocol: Protocol,
    /// `aws.protocols#awsQueryCompatible`: requests say
    /// `x-amzn-query-mode: true`, and an error's code is the one of the
    /// `x-amzn-query-error` header where the response has it.
    pub query_compatible: bool,
    /// SigV4 signing name (`aws.auth#sigv4` `name`): needed only when an
    /// operation is signed with SigV4 (`check` enforces it).
    pub signing_name: Option<String>,
    /// The service's auth schemes in order of preference: its
    /// `smithy.api#auth` list when it has one, else the auth traits it
    /// has (SigV4, then bearer). Unsupported schemes are left out. Empty
    /// when the service authenticates nothing.
    pub auth: Vec<AuthScheme>,
    /// Where requests go by default.
    pub endpoint: Endpoint,
    /// `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests`,
    /// where the model has them.
    pub endpoint_rules: Option<EndpointRules>,
    /// Service documentation.
    pub docs: Docs,
    /// Operations in model order.
    pub operations: Vec<Operation>,
    /// Named shapes the operations reach, by id (ordered: deterministic output).
    pub shapes: BTreeMap<ShapeId, Shape>,
}

/// The wire protocols the generator speaks: how an operation's input
/// becomes a request and a response its output or error. The IR is the
/// same for all: an awsJson operation is lowered as `POST /` with every
/// member in the body (HTTP binding traits and `@jsonName` mean nothing
/// there), and the back end adds what the protocol puts on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// `aws.protocols#restJson1`: HTTP bindings, JSON bodies.
    RestJson1,
    /// `aws.protocols#awsJson1_0`: `POST /`, `X-Amz-Target`,
    /// `application/x-amz-json-1.0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`: as 1.0 with
    /// `application/x-amz-json-1.1`.
    AwsJson1_1,
}

impl Protocol {
    /// Every protocol, in order of preference where a service has more
    /// than one.
    pub const ALL: [Protocol; 3] = [
        Protocol::RestJson1,
        Protocol::AwsJson1_1,
        Protocol::AwsJson1_0,
    ];

    /// The protocol trait's shape id.
    pub fn trait_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
        }
    }

    /// The protocol's name, as in its trait id: `restJson1`.
    pub fn name(self) -> &'static str {
        let id = self.trait_id();
        &id[id.find('#').map_or(0, |i| i + 1)..]
    }

    /// An RPC protocol: every request is `POST /` with the operation named
    /// in `X-Amz-Target`.
    pub fn is_aws_json(self) -> bool {
        matches!(self, Protocol::AwsJson1_0 | Protocol::AwsJson1_1)
    }

    /// The `Content-Type` of request bodies.
    pub fn content_type(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "application/json",
            Protocol::AwsJson1_0 => "application/x-amz-json-1.0",
            Protocol::AwsJson1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// An auth scheme a request can be sent with.
///
/// The variants are in the order of their trait ids (`aws.auth#sigv4`,
/// `smithy.api#httpApiKeyAuth`, `smithy.api#httpBasicAuth`,
/// `smithy.api#httpBearerAuth`), Smithy's order for a service without a
/// `smithy.api#auth` list; anonymous last.
///
/// An API key scheme carries where its key goes, so a list of schemes
/// means the same wherever it is read (an operation's list is complete
/// without the service's) and a document can declare several API keys.
/// That makes the type `Clone`, not `Copy`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AuthScheme {
    /// `aws.auth#sigv4`: signed with AWS credentials for the service's
    /// signing name.
    SigV4,
    /// `smithy.api#httpApiKeyAuth` (OpenAPI `apiKey`): the configured API
    /// key in a header, the query string or a cookie.
    ApiKey(ApiKey),
    /// `smithy.api#httpBasicAuth` (OpenAPI `http`, scheme `basic`):
    /// `Authorization: Basic base64(user:password)`.
    HttpBasic,
    /// `smithy.api#httpBearerAuth`: `Authorization: Bearer <token>`.
    HttpBearer,
    /// No authentication: sent as is (`smithy.api#auth: []`, or the last
    /// option of an `@optionalAuth` operation).
    Anonymous,
}

impl AuthScheme {
    /// The Smithy shape id of the scheme's trait (`smithy.api#auth` lists
    /// these), or `None` for anonymous.
    pub fn trait_id(&self) -> Option<&'static str> {
        match self {
            AuthScheme::SigV4 => Some("aws.auth#sigv4"),
            AuthScheme::ApiKey(_) => Some("smithy.api#httpApiKeyAuth"),
            AuthScheme::HttpBasic => Some("smithy.api#httpBasicAuth"),
            AuthScheme::HttpBearer => Some("smithy.api#httpBearerAuth"),
            AuthScheme::Anonymous => None,
        }
    }
}

/// Where an API key scheme puts the key (`smithy.api#httpApiKeyAuth`,
/// OpenAPI `apiKey`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApiKey {
    /// The header, query parameter or cookie name (wire name, as the
    /// model writes it).
    pub name: String,
    /// Where the key goes.
    pub location: ApiKeyLocation,
    /// For a header: the auth scheme written before the key
    /// (`Authorization: ApiKey <key>`); `None` sends the key alone.
    pub scheme: Option<String>,
}

/// Where an API key goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query string parameter (percent-encoded).
    Query,
    /// A cookie, `Cookie: name=key` (OpenAPI only; Smithy has no cookie
    /// location).
    Cookie,
}

impl ApiKeyLocation {
    /// The location's name, as Smithy's `in` and OpenAPI's `in` write it.
    pub fn name(self) -> &'static str {
        match self {
            ApiKeyLocation::Header => "header",
            ApiKeyLocation::Query => "query",
            ApiKeyLocation::Cookie => "cookie",
        }
    }

    /// The location named `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Header, Self::Query, Self::Cookie]
            .into_iter()
            .find(|l| l.name() == name)
    }
}

impl Service {
    /// The distinct API key schemes of the service and its operations, in
    /// the order they first appear (the service's list, then each
    /// operation's): the runtime registers one auth scheme for each.
    pub fn api_keys(&self) -> Vec<&ApiKey> {
        let mut keys: Vec<&ApiKey> = Vec::new();
        let all = self
            .auth
            .iter()
            .chain(self.operations.iter().flat_map(|o| &o.auth));
        for scheme in all {
            if let AuthScheme::ApiKey(key) = scheme {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    }
}

/// A service's endpoint rule set and its test cases, kept as the model
/// writes them (JSON text): the runtime's interpreter reads the rule set,
/// and generated tests hand it the cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointRules {
    /// The rule set (rules language 1.0), as JSON text.
    pub rule_set: String,
    /// The `endpointTests` cases, in model order.
    pub tests: Vec<EndpointTest>,
}

/// An endpoint rule set parameter an operation sets.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointParam {
    /// The rule set parameter's name (`KvsARN`).
    pub name: String,
    /// Where its value comes from.
    pub source: EndpointParamSource,
}

/// Where an operation's endpoint rule parameter takes its value.
#[derive(Clone, Debug, PartialEq)]
pub enum EndpointParamSource {
    /// `smithy.rules#staticContextParams`: a constant (a string, a boolean
    /// or a list of strings, as JSON).
    Static(serde_json::Value),
    /// `smithy.rules#contextParam` on an input member (its model name).
    Member(String),
    /// `smithy.rules#operationContextParams`: a path into the input
    /// (`TransactItems[*].Get.TableName`, `keys(RequestItems)`).
    Path {
        /// The path as the model writes it.
        text: String,
        /// The path read.
        steps: Vec<PathStep>,
    },
}

/// One step of an [`EndpointParamSource::Path`], from the input on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathStep {
    /// A member of a structure, by model name.
    Field(String),
    /// Every element of a list (`[*]`): the value is a list.
    Each,
    /// The keys of a map (`keys(...)`, always last): a list of strings.
    Keys,
}

impl EndpointParamSource {
    /// Reads an `operationContextParams` path: members joined by `.`, each
    /// optionally projected with `[*]`, the whole optionally wrapped in
    /// `keys(...)`; the subset of JMESPath the rules specification allows.
    /// The error says what is not supported.
    pub fn path(text: &str) -> Result<Self, String> {
        let trimmed = text.trim();
        let (inner, keys) = match trimmed
            .strip_prefix("keys(")
            .and_then(|t| t.strip_suffix(')'))
        {
            Some(inner) => (inner.trim(), true),
            None => (trimmed, false),
        };
        let mut steps = Vec::new();
        for part in inner.split('.') {
            let (field, each) = match part.strip_suffix("[*]") {
                Some(f) => (f, true),
                None => (part, false),
            };
            let ident = !field.is_empty()
                && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !field.starts_with(|c: char| c.is_ascii_digit());
            if !ident {
                return Err(format!(
                    "`{part}` in path `{text}` is not a member name (supported: `A.B`, `A[*].B`, `keys(A)`)"
                ));
            }
            steps.push(PathStep::Field(field.to_owned()));
            if each {
                steps.push(PathStep::Each);
            }
        }
        if keys {
            steps.push(PathStep::Keys);
        }
        Ok(Self::Path {
            text: text.to_owned(),
            steps,
        })
    }
}

/// One `endpointTests` case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointTest {
    /// What the case is about.
    pub documentation: String,
    /// The parameters, as a JSON object text.
    pub params: String,
    /// The expected `endpoint` or `error`, as a JSON object text.
    pub expect: String,
}

/// The default endpoint of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// One URL for every region, signed for one region.
    Global {
        /// The URL.
        url: String,
        /// The signing region.
        signing_region: String,
    },
    /// `https://{prefix}.{region}.amazonaws.com`.
    Regional {
        /// The endpoint prefix.
        prefix: String,
    },
}

/// One operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Shape id.
    pub id: ShapeId,
    /// Name in the model, `CreateRoom`.
    pub name: String,
    /// Rust name of its function and module, `create_room`.
    pub rust_name: String,
    /// Rust names of the items generated for it (`normalize` derives them).
    pub names: OperationNames,
    /// Documentation.
    pub docs: Docs,
    /// HTTP method.
    pub method: String,
    /// URI pattern, split at labels.
    pub uri: Vec<UriSegment>,
    /// Query literals in the URI pattern (`?x=y`, or `?x` with no value).
    pub uri_query: QueryLiterals,
    /// Success status code.
    pub code: u16,
    /// Input structure (renamed `{Name}Input`).
    pub input: Structure,
    /// Output structure (renamed `{Name}Output`).
    pub output: Structure,
    /// Ids of the error structures, in model order.
    pub errors: Vec<ShapeId>,
    /// `@paginated` (merged with the service's defaults), when the operation
    /// pages.
    pub pagination: Option<Pagination>,
    /// `@endpoint` `hostPrefix`, with `{Label}`s naming `@hostLabel` members.
    pub host_prefix: Option<String>,
    /// `@httpChecksumRequired`: requests carry `Content-MD5`.
    pub checksum_required: bool,
    /// `@requestCompression` lists gzip: large request bodies are compressed.
    pub gzip: bool,
    /// `aws.auth#unsignedPayload`: SigV4 signs `UNSIGNED-PAYLOAD` instead of
    /// the body's hash.
    pub unsigned_payload: bool,
    /// The auth schemes to try, in order: the operation's `smithy.api#auth`
    /// list, else the service's; `@optionalAuth` appends
    /// [`AuthScheme::Anonymous`]. Never empty: an operation without auth
    /// is `[Anonymous]`.
    pub auth: Vec<AuthScheme>,
    /// Client protocol compliance cases (`smithy.test#httpRequestTests`,
    /// `smithy.test#httpResponseTests`, those of its errors included) for
    /// restJson1.
    pub protocol_tests: Vec<ProtocolTest>,
    /// The endpoint rule parameters it sets, in model order
    /// (`staticContextParams`, then `contextParam` members, then
    /// `operationContextParams`).
    pub endpoint_params: Vec<EndpointParam>,
    /// What the service's SDK does beyond its model (`customize`): none
    /// for most services.
    pub customizations: Customizations,
}

/// Request behaviour a service's SDK has that its model does not state
/// (service customizations, set by the generator's `customize` phase for
/// the service they belong to). Each is a general mechanism of the back end; which
/// service uses which is decided in one place.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Customizations {
    /// Headers every request of the operation carries, unless a member
    /// already set them (`name`, `value`).
    pub headers: Vec<(String, String)>,
    /// Input members set to a value when unset or empty, before
    /// validation (`member`, `value`).
    pub fill_when_empty: Vec<(String, String)>,
    /// Headers computed from the request payload when the request has not
    /// set them (`header`, how).
    pub payload_checksums: Vec<(String, PayloadChecksum)>,
    /// An input member holding a URL that, when set, replaces the endpoint
    /// of the request (its scheme, host and port; its path is put before
    /// the operation's).
    pub endpoint_member: Option<String>,
}

impl Customizations {
    /// Whether there is nothing to do.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// A header value computed from a request payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayloadChecksum {
    /// The SHA-256 of the payload, lower-case hex.
    Sha256,
    /// The SHA-256 tree hash of the payload (hashes of 1 MiB chunks,
    /// combined pairwise up to one), lower-case hex.
    Sha256TreeHash,
}

/// One protocol compliance case, as the model states it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProtocolTest {
    /// The case id.
    pub id: String,
    /// A request case (serialize `params`) or a response case (deserialize
    /// into `params`).
    pub kind: TestKind,
    /// For a response case of an error: the error structure.
    pub error: Option<ShapeId>,
    /// Rust name of its test function, `request_create_room_basic`.
    pub rust_name: String,
    /// The case as written in the model: `params`, `method`, `uri`,
    /// `headers`, `body`, ...
    pub case: serde_json::Value,
    /// `params` read against the input (request case), the output or the
    /// error (response case) by `normalize`; or why they cannot be (the
    /// case is then generated to fail with that reason).
    pub params: Result<Value, String>,
}

/// Which side a protocol case checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestKind {
    /// `httpRequestTests`.
    Request,
    /// `httpResponseTests`.
    Response,
}

/// Query literals of a URI pattern: `x=y` is `("x", Some("y"))`, `x` alone `("x", None)`.
pub type QueryLiterals = Vec<(String, Option<String>)>;

/// Splits a URI pattern (`/a/{B}/c{D+}?x=y&z`) into path segments and
/// query literals; the inverse of [`Operation::uri_pattern`]. An unclosed
/// `{` is an error.
pub fn parse_uri_pattern(pattern: &str) -> Result<(Vec<UriSegment>, QueryLiterals), String> {
    let (path, query) = pattern.split_once('?').unwrap_or((pattern, ""));
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            segments.push(UriSegment::Literal(rest[..start].to_owned()));
        }
        let end = start
            + rest[start..]
                .find('}')
                .ok_or_else(|| format!("unclosed label in URI `{pattern}`"))?;
        let label = &rest[start + 1..end];
        let (member, greedy) = match label.strip_suffix('+') {
            Some(m) => (m, true),
            None => (label, false),
        };
        segments.push(UriSegment::Label {
            member: member.to_owned(),
            greedy,
        });
        rest = &rest[end + 1..];
    }
    if !rest.is_empty() {
        segments.push(UriSegment::Literal(rest.to_owned()));
    }
    let query = query
        .split('&')
        .filter(|q| !q.is_empty())
        .map(|q| match q.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (q.to_owned(), None),
        })
        .collect();
    Ok((segments, query))
}

impl Operation {
    /// The URI pattern as the model writes it: `/accounts/{AccountId}/rooms?x=y`.
    pub fn uri_pattern(&self) -> String {
        let mut s: String = self
            .uri
            .iter()
            .map(|seg| match seg {
                UriSegment::Literal(l) => l.clone(),
                UriSegment::Label { member, greedy } => {
                    format!("{{{member}{}}}", if *greedy { "+" } else { "" })
                }
            })
            .collect();
        for (i, (k, v)) in self.uri_query.iter().enumerate() {
            s.push(if i == 0 { '?' } else { '&' });
            s.push_str(k);
            if let Some(v) = v {
                s.push('=');
                s.push_str(v);
            }
        }
        s
    }
}

/// Member names (model names) that drive pagination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pagination {
    /// Input member that takes the token.
    pub input_token: String,
    /// Output member that holds the next token.
    pub output_token: String,
    /// Output list member holding the page's items.
    pub items: Option<String>,
    /// Input member that sets the page size.
    pub page_size: Option<String>,
}

/// A piece of a URI pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UriSegment {
    /// Text copied as is.
    Literal(String),
    /// A label bound to the input member with this wire name.
    Label {
        /// Member wire name.
        member: String,
        /// `{Key+}`: may contain `/`.
        greedy: bool,
    },
}

/// A named shape the emitter turns into a Rust item.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A structure (or error structure).
    Structure(Structure),
    /// A string enum.
    Enum(Enum),
    /// A union: exactly one member is set (the `members` of the
    /// structure are the variants; `union_repr` says how it is written).
    Union(Structure),
    /// An integer enum.
    IntEnum(IntEnum),
}

/// An integer enum.
#[derive(Clone, Debug, PartialEq)]
pub struct IntEnum {
    /// Shape id.
    pub id: ShapeId,
    /// Rust type name.
    pub rust_name: String,
    /// Documentation.
    pub docs: Docs,
    /// Rust variant names and values, in model order.
    pub variants: Vec<(String, i32)>,
}

/// A structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Structure {
    /// Shape id (for messages).
    pub id: ShapeId,
    /// Name on the wire and in messages (`Room`, `CreateRoomRequest`).
    pub name: String,
    /// Rust type name (`Room`, `CreateRoomInput`).
    pub rust_name: String,
    /// Rust name of its builder (`RoomBuilder`).
    pub builder_name: String,
    /// Documentation.
    pub docs: Docs,
    /// Members in model order.
    pub members: Vec<Member>,
    /// Present on error structures.
    pub error: Option<ErrorInfo>,
    /// How a union is written in JSON (meaningful only for
    /// [`Shape::Union`]; [`UnionRepr::Tagged`] everywhere else).
    pub union_repr: UnionRepr,
}

/// How a union's value is written in JSON: Smithy's form, or one of the
/// forms OpenAPI `oneOf`/`anyOf` describe.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum UnionRepr {
    /// Smithy's `{"member": value}`: an object with exactly one member
    /// set, named by its JSON name.
    #[default]
    Tagged,
    /// The variant's value itself (a string, a number, an array, an
    /// object). Read by trying each variant in model order, the first that
    /// reads wins; a structure variant is tried only when every
    /// `@required` member's JSON key is present. A value no variant reads
    /// is kept as a `Document` in the `Unknown` variant.
    Untagged,
    /// OpenAPI `discriminator`: every variant is a structure, written as
    /// that structure's object with `property` set to the variant
    /// member's `json_name` (the discriminator value) and read by it.
    Discriminated {
        /// The JSON key holding the discriminator value (`petType`).
        property: String,
    },
}

impl Structure {
    /// A structure of `members`, named `name` on the wire and in Rust
    /// (until `normalize`); no error, written as Smithy writes it.
    pub fn new(id: &str, name: &str, docs: Docs, members: Vec<Member>) -> Self {
        Structure {
            id: id.to_owned(),
            name: name.to_owned(),
            rust_name: name.to_owned(),
            builder_name: String::new(),
            docs,
            members,
            error: None,
            union_repr: UnionRepr::Tagged,
        }
    }

    /// Whether a member is a `@streaming` blob (only an operation's input or
    /// output payload can be one, `check` makes sure).
    pub fn has_stream(&self) -> bool {
        self.members.iter().any(|m| m.ty.is_stream())
    }
}

/// What makes a structure an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorInfo {
    /// `client` or `server` fault.
    pub fault: Fault,
    /// `@httpError` status, if any.
    pub status: Option<u16>,
    /// A range of statuses (inclusive) the error stands for when neither
    /// a code nor an exact status names another: OpenAPI's `4XX`
    /// (400..=499), `5XX` (500..=599) and `default` (400..=599) responses.
    /// The narrowest range containing the status wins.
    pub status_range: Option<(u16, u16)>,
    /// Its retry class as the model states it (`@retryable`, OpenAPI's
    /// `x-sdkgen-error` `retry`), which `retryable_error_kind` reports as
    /// aws-sdk-rust's does; `None` where it states none (the runtime's
    /// classifiers still retry by status: 429, 500, 502, 503, 504).
    pub retry: Option<RetryKind>,
    /// Codes on the wire that mean this error: those the model states (the
    /// shape name), plus, added by `normalize`, the name without an
    /// `Exception` suffix as AWS services often send in `Code`.
    pub codes: Vec<String>,
}

/// Client or server fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The caller's fault.
    Client,
    /// The service's fault.
    Server,
}

/// Retry classification of an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// Retried with throttling backoff.
    Throttling,
    /// Retried as a transient server error.
    Server,
    /// Retried as transient.
    Transient,
}

/// A structure member.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// Name in the model (`AccountId`).
    pub name: String,
    /// Name in JSON (`@jsonName`, else `name`).
    pub json_name: String,
    /// Rust field name (`account_id`, raw where a keyword).
    pub rust_name: String,
    /// Documentation.
    pub docs: Docs,
    /// Target type.
    pub ty: Type,
    /// `@required`.
    pub required: bool,
    /// `@sensitive` on the member or its target.
    pub sensitive: bool,
    /// `@idempotencyToken`.
    pub idempotency_token: bool,
    /// Where the member goes in a request or comes from in a response.
    pub binding: Binding,
    /// Constraints from the member and its target.
    pub constraints: Constraints,
    /// The member is part of a cycle of structures and is stored boxed.
    pub boxed: bool,
    /// `@mediaType` of the target: the content type of a payload; a string
    /// header with one is base64 on the wire.
    pub media_type: Option<String>,
    /// The `@default` trait as the model states it (JSON), unless
    /// `@clientOptional` or null; `normalize` reads it into `default`.
    pub stated_default: Option<serde_json::Value>,
    /// The `@default` value, read against the member's type: what `build()`
    /// gives a non-optional member left unset (so a response without it
    /// reads as it, and a nested structure of a request sends it).
    pub default: Option<Value>,
    /// `@clientOptional`: the member is an `Option` in every structure,
    /// whatever its `@required` or `@default` says (OpenAPI: a `nullable`
    /// property).
    pub client_optional: bool,
    /// Whether the Rust field is an `Option<T>`: Smithy's nullability as
    /// aws-sdk-rust reads it (`NullableIndex` in `CLIENT_CAREFUL` mode),
    /// decided once by `normalize` for every structure member. Every member
    /// of an operation input is optional; elsewhere (nested structures,
    /// outputs, errors) a member is not when it is `@required` or has a
    /// non-null `@default`, unless it is `@clientOptional` or targets a
    /// structure or union (which a `@default` can never make optional
    /// again). A `@streaming` blob is never optional (an empty stream
    /// unless set). Meaningless for union members.
    pub optional: bool,
}

impl Member {
    /// A non-optional member without a default or stream: its builder's
    /// `build()` fails while it is unset.
    pub fn must_be_set(&self) -> bool {
        !self.optional && self.default.is_none() && !self.ty.is_stream()
    }
}

impl Member {
    /// A member `name` (its wire and Rust name too, until `normalize`) of
    /// type `ty` bound as `binding`, with no trait: optional (until
    /// `normalize` decides), not sensitive, unconstrained, without a
    /// default.
    pub fn new(name: &str, ty: Type, binding: Binding) -> Self {
        Member {
            name: name.to_owned(),
            json_name: name.to_owned(),
            rust_name: crate::names::field_ident(name),
            docs: Docs::default(),
            ty,
            required: false,
            sensitive: false,
            idempotency_token: false,
            binding,
            constraints: Constraints::default(),
            boxed: false,
            media_type: None,
            stated_default: None,
            default: None,
            client_optional: false,
            optional: true,
        }
    }
}

/// HTTP binding of a member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    /// In the JSON body.
    Body,
    /// A URI label.
    Label,
    /// A query parameter with this name: OpenAPI's `style: form` with
    /// `explode` (Smithy's `@httpQuery`). A list repeats it (`a=1&a=2`); a
    /// map or structure (from OpenAPI documents) spreads its entries as
    /// parameters of their own (`k1=v1&k2=v2`), as OpenAPI's object form.
    Query(String),
    /// A header with this name.
    Header(String),
    /// `@httpQueryParams`: a map spread into query parameters.
    QueryParams,
    /// `@httpPrefixHeaders`: a map of headers sharing this prefix.
    PrefixHeaders(String),
    /// `@httpPayload`: the member is the whole body.
    Payload,
    /// `@httpResponseCode`: the response's status code.
    ResponseCode,
    /// A query parameter in an OpenAPI `style` other than
    /// [`Binding::Query`]'s form with `explode` (from OpenAPI documents;
    /// requests only).
    QueryStyled {
        /// The parameter's name.
        name: String,
        /// How its values are written.
        style: QueryStyle,
    },
    /// An OpenAPI `in: cookie` parameter: one `name=value` pair of the
    /// request's `Cookie` header (requests only).
    Cookie(String),
    /// A field of an `application/x-www-form-urlencoded` body with this
    /// name (an OpenAPI request body of that media type; requests only).
    FormField(String),
    /// A part of a `multipart/form-data` body with this name (an OpenAPI
    /// request body of that media type; requests only).
    MultipartPart(String),
}

impl Binding {
    /// A binding only a request can have, which only the OpenAPI front end
    /// writes: styled query parameters, cookies, form fields and multipart
    /// parts.
    pub fn is_request_only(&self) -> bool {
        matches!(
            self,
            Binding::QueryStyled { .. }
                | Binding::Cookie(_)
                | Binding::FormField(_)
                | Binding::MultipartPart(_)
        )
    }

    /// A member of the request body: JSON body, payload, form field or
    /// multipart part.
    pub fn is_body(&self) -> bool {
        matches!(
            self,
            Binding::Body | Binding::Payload | Binding::FormField(_) | Binding::MultipartPart(_)
        )
    }
}

/// How a [`Binding::QueryStyled`] parameter writes its values, OpenAPI 3's
/// `style` (and `explode: false` for `form`). Values and keys are
/// percent-encoded as [`Binding::Query`]'s; the delimiters are written as
/// the OpenAPI specification's examples show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryStyle {
    /// `style: form, explode: false`: `a=1,2`; a map or structure
    /// `a=k1,v1,k2,v2`.
    Form,
    /// `style: spaceDelimited`: `a=1%202` (lists, maps and structures as
    /// `Form`'s, joined by `%20`).
    SpaceDelimited,
    /// `style: pipeDelimited`: `a=1|2`.
    PipeDelimited,
    /// `style: deepObject` (maps and structures only): `a[k1]=v1&a[k2]=v2`.
    DeepObject,
}

impl QueryStyle {
    /// The OpenAPI `style` name.
    pub fn name(self) -> &'static str {
        match self {
            QueryStyle::Form => "form",
            QueryStyle::SpaceDelimited => "spaceDelimited",
            QueryStyle::PipeDelimited => "pipeDelimited",
            QueryStyle::DeepObject => "deepObject",
        }
    }
}

/// An HTTP token (RFC 9110 `tchar`s): what methods, header names, cookie
/// names and auth scheme names are made of.
pub fn is_http_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// A scalar an HTTP binding can write as text: a string, a timestamp, a
/// boolean, a number, or a string or int enum.
pub fn is_text_scalar(ty: &Type, shapes: &BTreeMap<ShapeId, Shape>) -> bool {
    match ty {
        Type::Named(id) => matches!(shapes.get(id), Some(Shape::Enum(_) | Shape::IntEnum(_))),
        Type::String | Type::Timestamp(_) => true,
        t => t.is_copy_scalar(),
    }
}

impl Binding {
    /// Whether a member of type `ty` can be bound so: headers and cookies
    /// hold scalars or lists of them; query parameters also maps and
    /// structures of scalars (which they spread), `deepObject` only those;
    /// `@httpQueryParams` a map of strings (or of lists of strings),
    /// `@httpPrefixHeaders` a map of strings, `@httpResponseCode` an
    /// integer. `Err` says what the binding must target. Bindings without
    /// such a rule (body, payload, labels, form fields, parts) fit.
    pub fn fits_target(
        &self,
        ty: &Type,
        shapes: &BTreeMap<ShapeId, Shape>,
    ) -> Result<(), &'static str> {
        let scalar = |t: &Type| is_text_scalar(t, shapes);
        let scalars = |t: &Type| match t {
            Type::List(item) => scalar(item),
            t => scalar(t),
        };
        let strings = |t: &Type| {
            matches!(t, Type::String) || matches!(t, Type::List(i) if **i == Type::String)
        };
        // A map of scalars, or a structure whose members are scalars: what
        // an OpenAPI object parameter spreads into the query.
        let object = |t: &Type| match t {
            Type::Map(_, v) => scalar(v),
            Type::Named(id) => match shapes.get(id) {
                Some(Shape::Structure(s)) => s.members.iter().all(|m| scalar(&m.ty)),
                _ => false,
            },
            _ => false,
        };
        let (fits, what) = match self {
            Binding::Header(_) | Binding::Cookie(_) => {
                (scalars(ty), "a scalar or a list of scalars")
            }
            Binding::Query(_)
            | Binding::QueryStyled {
                style: QueryStyle::Form | QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited,
                ..
            } => (
                scalars(ty) || object(ty),
                "a scalar, a list of scalars, a map of scalars or a structure of scalars",
            ),
            Binding::QueryStyled {
                style: QueryStyle::DeepObject,
                ..
            } => (
                object(ty),
                "a map of scalars or a structure of scalars (`deepObject`)",
            ),
            Binding::QueryParams => (
                matches!(ty, Type::Map(_, v) if strings(v)),
                "a map of strings or of lists of strings",
            ),
            Binding::PrefixHeaders(_) => (
                matches!(ty, Type::Map(_, v) if **v == Type::String),
                "a map of strings",
            ),
            Binding::ResponseCode => (*ty == Type::Integer, "an integer"),
            Binding::Body
            | Binding::Label
            | Binding::Payload
            | Binding::FormField(_)
            | Binding::MultipartPart(_) => (true, ""),
        };
        if fits {
            Ok(())
        } else {
            Err(what)
        }
    }
}

/// Constraint traits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// `@length` min and max.
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// `@pattern`.
    pub pattern: Option<String>,
    /// `@range` min and max.
    pub range: Option<(Option<f64>, Option<f64>)>,
}

impl Constraints {
    /// Whether any constraint is set.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.pattern.is_none() && self.range.is_none()
    }
}

/// A member's type.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// `String`.
    String,
    /// `bool`.
    Boolean,
    /// `i8`.
    Byte,
    /// `i16`.
    Short,
    /// `i32`.
    Integer,
    /// `i64`.
    Long,
    /// `f32`.
    Float,
    /// `f64`.
    Double,
    /// `DateTime` in a wire format.
    Timestamp(TimestampFormat),
    /// `Blob`.
    Blob,
    /// A `@streaming` blob: `ByteStream`, read or written as it goes, never
    /// held in memory whole. Only an operation's `@httpPayload` can be one.
    Stream {
        /// `@requiresLength`: the length must be known before sending.
        requires_length: bool,
    },
    /// `Document`.
    Document,
    /// `Vec<T>`.
    List(Box<Type>),
    /// `HashMap<K, V>`: the key is `String` or an enum (`Named`), as the
    /// model's map key is a plain string or an enum shape.
    Map(Box<Type>, Box<Type>),
    /// A named structure, union or enum.
    Named(ShapeId),
    /// An element of a `@sparse` list or map: may be null.
    Optional(Box<Type>),
    /// `smithy.api#Unit`: a union member that carries no value.
    Unit,
}

impl Type {
    /// A `@streaming` blob.
    pub fn is_stream(&self) -> bool {
        matches!(self, Type::Stream { .. })
    }

    /// Booleans and numbers: `Copy` scalars, read back by value.
    pub fn is_copy_scalar(&self) -> bool {
        matches!(
            self,
            Type::Boolean
                | Type::Byte
                | Type::Short
                | Type::Integer
                | Type::Long
                | Type::Float
                | Type::Double
        )
    }
}

/// Timestamp wire formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339.
    DateTime,
    /// RFC 7231.
    HttpDate,
    /// Seconds since the epoch.
    EpochSeconds,
}

/// A string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct Enum {
    /// Shape id.
    pub id: ShapeId,
    /// Rust type name.
    pub rust_name: String,
    /// Documentation.
    pub docs: Docs,
    /// Variants in model order.
    pub variants: Vec<EnumVariant>,
}

/// One enum value.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumVariant {
    /// Rust variant name (a front end may state any name; `normalize`
    /// makes it one).
    pub rust_name: String,
    /// Value on the wire.
    pub value: String,
    /// Documentation.
    pub docs: Docs,
}

/// Documentation as the model states it and as rustdoc.
///
/// A front end fills `source` (CommonMark, with HTML in Smithy models);
/// `normalize` writes `rustdoc`, the same way for every front end. Derefs
/// to the rustdoc lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Docs {
    /// The text as the model writes it.
    pub source: String,
    /// Rustdoc lines.
    pub rustdoc: Vec<String>,
}

impl Docs {
    /// Documentation from the model's text (rustdoc still to be made).
    pub fn new(source: impl Into<String>) -> Self {
        Docs {
            source: source.into(),
            rustdoc: Vec::new(),
        }
    }
}

impl std::ops::Deref for Docs {
    type Target = [String];

    fn deref(&self) -> &[String] {
        &self.rustdoc
    }
}

/// Rust names of the items generated for one operation, derived once by
/// `normalize` from the operation's name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OperationNames {
    /// The operation's name as a type name, `CreateRoom` (as the model
    /// spells it where it is one: `GetSAMLProvider`).
    pub type_name: String,
    /// Its error enum, `CreateRoomError`.
    pub error: String,
    /// Its fluent builder, `CreateRoomFluentBuilder`.
    pub fluent_builder: String,
    /// Its paginator, `CreateRoomPaginator`.
    pub paginator: String,
}

/// A value of a model type, as a `@default` trait or a protocol case's
/// `params` state it, read against the type by `normalize` (so the back end
/// reads no JSON) and checked to fit it by `check` (integers in range, enum
/// values known).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A JSON `null` (an unset member, a null element of a sparse list).
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer of any width, or an int enum's value.
    Int(i64),
    /// A float (NaN and the infinities included).
    Float(f64),
    /// A string, or a string enum's value.
    String(String),
    /// Bytes of a blob.
    Blob(Vec<u8>),
    /// A timestamp.
    Timestamp {
        /// Whole seconds since the epoch.
        secs: i64,
        /// Nanoseconds.
        nanos: u32,
    },
    /// A document (any JSON).
    Document(serde_json::Value),
    /// A list.
    List(Vec<Value>),
    /// A map.
    Map(BTreeMap<String, Value>),
    /// A structure: member names (model names) and values.
    Structure(Vec<(String, Value)>),
    /// A union: the member set and its value.
    Union(String, Box<Value>),
}

impl Value {
    /// Whether the value is one of `ty` (`shapes` resolves named types):
    /// integers within their width, enum values among the enum's, structure
    /// and union members among the shape's. `Err` says what does not fit.
    pub fn fits(&self, ty: &Type, shapes: &BTreeMap<ShapeId, Shape>) -> Result<(), String> {
        let bad = || Err(format!("{self:?} is not a {ty:?}"));
        let range = |n: i64, min: i64, max: i64, what: &str| {
            if (min..=max).contains(&n) {
                Ok(())
            } else {
                Err(format!("{n} is out of range for {what} ({min} to {max})"))
            }
        };
        match (ty, self) {
            (Type::Optional(_), Value::Null) | (Type::Unit, _) => Ok(()),
            (Type::Optional(inner), _) => self.fits(inner, shapes),
            (Type::String, Value::String(_))
            | (Type::Boolean, Value::Bool(_))
            | (Type::Long, Value::Int(_))
            | (Type::Double, Value::Float(_))
            | (Type::Timestamp(_), Value::Timestamp { .. })
            | (Type::Blob | Type::Stream { .. }, Value::Blob(_))
            | (Type::Document, Value::Document(_)) => Ok(()),
            (Type::Float, Value::Float(f)) => {
                if f.is_finite() && f.abs() > f64::from(f32::MAX) {
                    Err(format!("{f} is out of range for a float"))
                } else {
                    Ok(())
                }
            }
            (Type::Byte, Value::Int(n)) => range(*n, i8::MIN.into(), i8::MAX.into(), "a byte"),
            (Type::Short, Value::Int(n)) => range(*n, i16::MIN.into(), i16::MAX.into(), "a short"),
            (Type::Integer, Value::Int(n)) => {
                range(*n, i32::MIN.into(), i32::MAX.into(), "an integer")
            }
            (Type::List(item), Value::List(items)) => {
                items.iter().try_for_each(|x| x.fits(item, shapes))
            }
            (Type::Map(_, value), Value::Map(entries)) => {
                entries.values().try_for_each(|x| x.fits(value, shapes))
            }
            (Type::Named(id), _) => match (shapes.get(id), self) {
                (None, _) => Err(format!("`{id}` names no shape")),
                (Some(Shape::Structure(s)), _) => self.fits_structure(s, shapes),
                (Some(Shape::Union(u)), Value::Union(name, x)) => {
                    let m = u.members.iter().find(|m| &m.name == name);
                    let m = m.ok_or_else(|| format!("`{}` has no member `{name}`", u.name))?;
                    x.fits(&m.ty, shapes)
                }
                (Some(Shape::Enum(e)), Value::String(s)) => {
                    if e.variants.iter().any(|v| &v.value == s) {
                        Ok(())
                    } else {
                        Err(format!("{s:?} is not a value of `{}`", e.id))
                    }
                }
                (Some(Shape::IntEnum(e)), Value::Int(n)) => {
                    range(*n, i32::MIN.into(), i32::MAX.into(), "an int enum").and_then(
                        |()| match e.variants.iter().any(|(_, v)| i64::from(*v) == *n) {
                            true => Ok(()),
                            false => Err(format!("{n} is not a value of `{}`", e.id)),
                        },
                    )
                }
                _ => bad(),
            },
            _ => bad(),
        }
    }
}

impl Value {
    /// Whether the value is one of structure `s` (an operation's input or
    /// output, which are not among the named shapes, or any other).
    pub fn fits_structure(
        &self,
        s: &Structure,
        shapes: &BTreeMap<ShapeId, Shape>,
    ) -> Result<(), String> {
        let Value::Structure(members) = self else {
            return Err(format!("{self:?} is not a `{}`", s.name));
        };
        members.iter().try_for_each(|(name, x)| {
            let m = s.members.iter().find(|m| &m.name == name);
            let m = m.ok_or_else(|| format!("`{}` has no member `{name}`", s.name))?;
            x.fits(&m.ty, shapes)
        })
    }
}

/// An endpoint parameter's source walked through the input's types
/// ([`EndpointParam::walk`]).
#[derive(Clone, Debug)]
pub struct ParamWalk<'a> {
    /// The steps, from the input on.
    pub steps: Vec<WalkStep<'a>>,
    /// What the last step yields, one value (or one per element, after an
    /// [`WalkStep::Each`]).
    pub leaf: Leaf,
}

/// One step of a [`ParamWalk`].
#[derive(Clone, Copy, Debug)]
pub enum WalkStep<'a> {
    /// Into a member (an `Option` field).
    Field(&'a Member),
    /// Over a list's elements; `sparse` ones may be null.
    Each {
        /// Elements are `Option`s.
        sparse: bool,
    },
    /// A map's keys.
    Keys,
}

/// What an endpoint parameter's source yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaf {
    /// A `String`.
    String,
    /// A string enum (its `as_str`).
    Enum,
    /// A `bool`.
    Boolean,
    /// A list of strings (or of string enums).
    StringList {
        /// The elements are string enums.
        enums: bool,
    },
    /// The keys of a map: strings.
    Keys,
}

impl Leaf {
    /// The rules language type this yields (after a projection when
    /// `projected`): `String`, `Boolean` or `StringArray`.
    pub fn rules_type(self, projected: bool) -> &'static str {
        match (self, projected) {
            (Leaf::Boolean, false) => "Boolean",
            (Leaf::Boolean, true) => "a list of booleans",
            (Leaf::String | Leaf::Enum, false) => "String",
            (Leaf::String | Leaf::Enum, true) => "StringArray",
            (Leaf::StringList { .. } | Leaf::Keys, false) => "StringArray",
            (Leaf::StringList { .. } | Leaf::Keys, true) => "a list of lists",
        }
    }
}

impl EndpointParam {
    /// The members and collections the parameter's value is read through,
    /// from `input`; `None` for a static value, `Err` where the source
    /// does not fit the types (no such member, a step into a non-structure,
    /// a value that is no string, boolean or list of strings).
    pub fn walk<'a>(
        &'a self,
        input: &'a Structure,
        shapes: &'a BTreeMap<ShapeId, Shape>,
    ) -> Option<Result<ParamWalk<'a>, String>> {
        let path: Vec<PathStep> = match &self.source {
            EndpointParamSource::Static(_) => return None,
            EndpointParamSource::Member(m) => vec![PathStep::Field(m.clone())],
            EndpointParamSource::Path { steps, .. } => steps.clone(),
        };
        Some(walk_path(&path, input, shapes))
    }
}

fn walk_path<'a>(
    path: &[PathStep],
    input: &'a Structure,
    shapes: &'a BTreeMap<ShapeId, Shape>,
) -> Result<ParamWalk<'a>, String> {
    let mut steps = Vec::new();
    let mut ty: Option<&'a Type> = None;
    let mut at = input;
    for (i, step) in path.iter().enumerate() {
        match step {
            PathStep::Field(name) => {
                if let Some(t) = ty {
                    at = match strip_optional(t) {
                        Type::Named(id) => match shapes.get(id) {
                            Some(Shape::Structure(s)) => s,
                            _ => {
                                return Err(format!(
                                    "`{name}` is read from `{id}`, which is no structure"
                                ))
                            }
                        },
                        other => {
                            return Err(format!(
                                "`{name}` is read from a {other:?}, which is no structure"
                            ))
                        }
                    };
                }
                let m = at
                    .members
                    .iter()
                    .find(|m| &m.name == name)
                    .ok_or_else(|| format!("`{}` has no member `{name}`", at.name))?;
                steps.push(WalkStep::Field(m));
                ty = Some(&m.ty);
            }
            PathStep::Each => {
                let t = ty.map(strip_optional);
                let Some(Type::List(element)) = t else {
                    return Err(format!("`[*]` after step {i} projects no list"));
                };
                steps.push(WalkStep::Each {
                    sparse: matches!(**element, Type::Optional(_)),
                });
                ty = Some(element);
            }
            PathStep::Keys => {
                let t = ty.map(strip_optional);
                if !matches!(t, Some(Type::Map(..))) {
                    return Err("`keys(...)` of something that is no map".to_owned());
                }
                steps.push(WalkStep::Keys);
                return Ok(ParamWalk {
                    steps,
                    leaf: Leaf::Keys,
                });
            }
        }
    }
    let is_enum =
        |t: &Type| matches!(t, Type::Named(id) if matches!(shapes.get(id), Some(Shape::Enum(_))));
    let leaf = match ty.map(strip_optional) {
        Some(Type::String) => Leaf::String,
        Some(Type::Boolean) => Leaf::Boolean,
        Some(t) if is_enum(t) => Leaf::Enum,
        Some(Type::List(e)) if matches!(strip_optional(e), Type::String) => {
            Leaf::StringList { enums: false }
        }
        Some(Type::List(e)) if is_enum(strip_optional(e)) => Leaf::StringList { enums: true },
        Some(other) => {
            return Err(format!(
                "the value is a {other:?}; endpoint parameters are strings, booleans or lists of strings"
            ))
        }
        None => return Err("the path is empty".to_owned()),
    };
    Ok(ParamWalk { steps, leaf })
}

fn strip_optional(t: &Type) -> &Type {
    match t {
        Type::Optional(inner) => strip_optional(inner),
        other => other,
    }
}

impl EndpointRules {
    /// The rule set and the list of cases as a model states them (`tests`
    /// is the `testCases` array, if any).
    pub fn from_json(rule_set: &serde_json::Value, tests: Option<&serde_json::Value>) -> Self {
        let text =
            |v: Option<&serde_json::Value>| v.map_or_else(|| "{}".to_owned(), |v| v.to_string());
        EndpointRules {
            rule_set: rule_set.to_string(),
            tests: tests
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
                .map(|case| EndpointTest {
                    documentation: case
                        .get("documentation")
                        .and_then(serde_json::Value::as_str)
                        .unwrap_or_default()
                        .to_owned(),
                    params: text(case.get("params")),
                    expect: text(case.get("expect")),
                })
                .collect(),
        }
    }
}

impl ProtocolTest {
    /// The structure the case's `params` are a value of: the operation's
    /// `input` for a request case, its `output` for a response case, or
    /// the case's error structure; `Err` where the error is no structure
    /// of `shapes`.
    pub fn target<'a>(
        &self,
        input: &'a Structure,
        output: &'a Structure,
        shapes: &'a BTreeMap<ShapeId, Shape>,
    ) -> Result<&'a Structure, String> {
        match (self.kind, &self.error) {
            (TestKind::Request, _) => Ok(input),
            (TestKind::Response, None) => Ok(output),
            (TestKind::Response, Some(id)) => match shapes.get(id) {
                Some(Shape::Structure(s)) => Ok(s),
                _ => Err(format!("`{id}` is not an error structure of the model")),
            },
        }
    }
}
