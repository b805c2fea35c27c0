//! The request forms OpenAPI documents use beside Smithy's bindings (styled
//! query parameters, cookies, form and multipart bodies), from IR built by
//! hand, as tonic-build's `manual.rs` builds a service with no `.proto`:
//! the snapshot `snapshots/encodings.rs` (compiled and sent to a server by
//! `compile_encodings.rs`), and the located errors `check` gives where the
//! bindings do not fit.

use sdkgen::ir::*;
use sdkgen::{generate_ir, Settings};
use std::path::Path;

fn member(name: &str, json_name: &str, ty: Type, binding: Binding) -> Member {
    Member {
        name: name.into(),
        json_name: json_name.into(),
        rust_name: String::new(),
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

fn structure(id: &str, members: Vec<Member>) -> Structure {
    let name = id.rsplit('#').next().unwrap_or(id);
    Structure {
        id: id.into(),
        name: name.into(),
        rust_name: name.into(),
        builder_name: String::new(),
        docs: Docs::default(),
        members,
        error: None,
        union_repr: UnionRepr::Tagged,
    }
}

fn operation(name: &str, method: &str, path: &str, input: Vec<Member>) -> Operation {
    Operation {
        id: format!("ex#{name}"),
        name: name.into(),
        rust_name: String::new(),
        names: OperationNames::default(),
        docs: Docs::new(format!("The `{name}` operation.")),
        method: method.into(),
        uri: vec![UriSegment::Literal(path.into())],
        uri_query: Vec::new(),
        code: 200,
        input: structure(&format!("ex#{name}Request"), input),
        output: structure(&format!("ex#{name}Response"), Vec::new()),
        errors: Vec::new(),
        pagination: None,
        host_prefix: None,
        checksum_required: false,
        gzip: false,
        unsigned_payload: false,
        auth: vec![AuthScheme::Anonymous],
        protocol_tests: Vec::new(),
        endpoint_params: Vec::new(),
        customizations: Default::default(),
    }
}

fn styled(name: &str, style: QueryStyle) -> Binding {
    Binding::QueryStyled {
        name: name.into(),
        style,
    }
}

fn list(t: Type) -> Type {
    Type::List(Box::new(t))
}

fn named(id: &str) -> Type {
    Type::Named(id.into())
}

/// A service with one operation per request form.
fn service() -> Service {
    let filter = structure(
        "ex#Filter",
        vec![
            member("Color", "color", Type::String, Binding::Body),
            member("Size", "size", Type::Integer, Binding::Body),
        ],
    );
    let meta = structure(
        "ex#Meta",
        vec![
            member("Note", "note", Type::String, Binding::Body),
            member("Tags", "tags", list(Type::String), Binding::Body),
        ],
    );
    let mode = Enum {
        id: "ex#Mode".into(),
        rust_name: "Mode".into(),
        docs: Docs::default(),
        variants: ["fast", "slow"]
            .into_iter()
            .map(|v| EnumVariant {
                rust_name: v.into(),
                value: v.into(),
                docs: Docs::default(),
            })
            .collect(),
    };
    let mut session = member(
        "Session",
        "session",
        Type::String,
        Binding::Cookie("session".into()),
    );
    session.sensitive = true;
    let mut secret = member(
        "Secret",
        "secret",
        Type::String,
        Binding::FormField("secret".into()),
    );
    secret.sensitive = true;
    let ts = || Type::Timestamp(TimestampFormat::DateTime);
    let query = operation(
        "ListThings",
        "GET",
        "/things",
        vec![
            member(
                "Ids",
                "ids",
                list(Type::Integer),
                Binding::Query("id".into()),
            ),
            member(
                "Tags",
                "tags",
                list(Type::String),
                styled("tags", QueryStyle::Form),
            ),
            member(
                "Sizes",
                "sizes",
                list(Type::Integer),
                styled("sizes", QueryStyle::SpaceDelimited),
            ),
            member(
                "Names",
                "names",
                list(Type::String),
                styled("names", QueryStyle::PipeDelimited),
            ),
            member(
                "Filter",
                "filter",
                named("ex#Filter"),
                styled("filter", QueryStyle::DeepObject),
            ),
            member(
                "Labels",
                "labels",
                Type::Map(Box::new(Type::String), Box::new(Type::String)),
                Binding::Query("labels".into()),
            ),
            member(
                "Point",
                "point",
                named("ex#Filter"),
                styled("point", QueryStyle::Form),
            ),
            member("Since", "since", ts(), styled("since", QueryStyle::Form)),
            session,
            member(
                "Theme",
                "theme",
                named("ex#Mode"),
                Binding::Cookie("theme".into()),
            ),
            member(
                "Recent",
                "recent",
                list(Type::Long),
                Binding::Cookie("recent".into()),
            ),
        ],
    );
    let form = operation(
        "SubmitForm",
        "POST",
        "/forms",
        vec![
            member(
                "Name",
                "name",
                Type::String,
                Binding::FormField("name".into()),
            ),
            member(
                "Count",
                "count",
                Type::Integer,
                Binding::FormField("count".into()),
            ),
            member(
                "Tags",
                "tags",
                list(Type::String),
                Binding::FormField("tag".into()),
            ),
            member("When", "when", ts(), Binding::FormField("when".into())),
            member(
                "Data",
                "data",
                Type::Blob,
                Binding::FormField("data".into()),
            ),
            member(
                "Mode",
                "mode",
                named("ex#Mode"),
                Binding::FormField("mode".into()),
            ),
            member(
                "Meta",
                "meta",
                named("ex#Meta"),
                Binding::FormField("meta".into()),
            ),
            secret,
            member(
                "Trace",
                "trace",
                Type::String,
                Binding::Header("X-Trace".into()),
            ),
        ],
    );
    let multipart = operation(
        "Upload",
        "POST",
        "/uploads",
        vec![
            member(
                "Title",
                "title",
                Type::String,
                Binding::MultipartPart("title".into()),
            ),
            member(
                "File",
                "file",
                Type::Blob,
                Binding::MultipartPart("file".into()),
            ),
            member(
                "Meta",
                "meta",
                named("ex#Meta"),
                Binding::MultipartPart("meta".into()),
            ),
            member(
                "Numbers",
                "numbers",
                list(Type::Integer),
                Binding::MultipartPart("numbers".into()),
            ),
            member(
                "Mode",
                "mode",
                named("ex#Mode"),
                Binding::MultipartPart("mode".into()),
            ),
            member(
                "Count",
                "count",
                Type::Long,
                Binding::MultipartPart("count".into()),
            ),
        ],
    );
    Service {
        id: "ex#Encodings".into(),
        sdk_id: "Encodings".into(),
        version: String::new(),
        protocol: Protocol::RestJson1,
        query_compatible: false,
        signing_name: None,
        auth: Vec::new(),
        endpoint: Endpoint::Global {
            url: "https://encodings.example.com".into(),
            signing_region: "us-east-1".into(),
        },
        endpoint_rules: None,
        docs: Docs::new("Requests in the forms OpenAPI documents use."),
        operations: vec![query, form, multipart],
        shapes: [
            ("ex#Filter".to_owned(), Shape::Structure(filter)),
            ("ex#Meta".to_owned(), Shape::Structure(meta)),
            ("ex#Mode".to_owned(), Shape::Enum(mode)),
        ]
        .into_iter()
        .collect(),
    }
}

const SOURCE: &str = "tests/encodings.rs (hand-built IR)";

#[test]
fn snapshot_is_current() {
    let generated = generate_ir(service(), SOURCE, &Settings::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    let again = generate_ir(service(), SOURCE, &Settings::default())
        .unwrap()
        .code;
    assert_eq!(generated, again, "the output is deterministic");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/encodings.rs");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    } else {
        assert!(
            std::fs::read_to_string(&path).unwrap_or_default() == generated,
            "stale snapshot {} (the generator's output changed).\nReview the change, then refresh it with:\n    UPDATE_SNAPSHOTS=1 cargo test -p sdkgen --test encodings",
            path.display()
        );
    }
}

fn errors_of(service: Service) -> String {
    match generate_ir(service, SOURCE, &Settings::default()) {
        Ok(_) => panic!("generated a service `check` should refuse"),
        Err(e) => e.to_string(),
    }
}

fn inputs(s: &mut Service, op: usize) -> &mut Vec<Member> {
    &mut s.operations[op].input.members
}

/// A change that breaks `service()`.
type Change = fn(&mut Service);

#[test]
fn bindings_that_do_not_fit_are_located_errors() {
    let cases: [(&str, Change, &str); 9] = [
        (
            "deepObject on a list",
            |s| {
                inputs(s, 0)[0].binding = styled("ids", QueryStyle::DeepObject);
            },
            "error: ex#ListThingsRequest$Ids: a member bound with a styled query parameter must target a map of scalars or a structure of scalars (`deepObject`)",
        ),
        (
            "a form field beside a JSON body member",
            |s| {
                inputs(s, 1)[1].binding = Binding::Body;
            },
            "error: ex#SubmitFormRequest$Count: no HTTP trait makes a JSON body or payload, but `Name` (a form field) already makes an `application/x-www-form-urlencoded` body",
        ),
        (
            "a multipart part beside a form field",
            |s| {
                inputs(s, 2)[0].binding = Binding::FormField("title".into());
            },
            "error: ex#UploadRequest$File: a multipart part makes a `multipart/form-data` body, but `Title` (a form field) already makes an `application/x-www-form-urlencoded` body",
        ),
        (
            "a cookie in an output",
            |s| {
                s.operations[0].output.members.push(member(
                    "Back",
                    "back",
                    Type::String,
                    Binding::Cookie("back".into()),
                ));
            },
            "error: ex#ListThingsResponse$Back: a cookie parameter binds a request member; an output has none",
        ),
        (
            "a cookie name that is no token",
            |s| {
                inputs(s, 0)[9].binding = Binding::Cookie("the theme".into());
            },
            "error: ex#ListThingsRequest$Theme: `the theme` is not a cookie name",
        ),
        (
            "a cookie of a structure",
            |s| {
                inputs(s, 0)[4].binding = Binding::Cookie("filter".into());
            },
            "error: ex#ListThingsRequest$Filter: a member bound with a cookie parameter must target a scalar or a list of scalars",
        ),
        (
            "two members of one form field",
            |s| {
                inputs(s, 1)[1].binding = Binding::FormField("name".into());
            },
            "error: ex#SubmitFormRequest$Count: form field `name` is bound to `Name` too",
        ),
        (
            "a stream in a multipart part",
            |s| {
                inputs(s, 2)[1].ty = Type::Stream {
                    requires_length: false,
                };
            },
            "error: ex#UploadRequest$File: a `@streaming` blob in a multipart part is not supported: multipart bodies are built in memory",
        ),
        (
            "a form field under awsJson1_1",
            |s| s.protocol = Protocol::AwsJson1_1,
            "error: ex#SubmitFormRequest$Name: a form field means nothing under awsJson1_1, which sends every member in its JSON body",
        ),
    ];
    for (what, change, expected) in cases {
        let mut s = service();
        change(&mut s);
        let err = errors_of(s);
        assert!(
            err.contains(expected),
            "{what}: expected\n  {expected}\nin:\n{err}"
        );
        assert!(err.contains("hint: "), "{what}: {err}");
    }
}

/// The export states each form as OpenAPI does: `style`/`explode` on
/// query parameters, `in: cookie`, and request bodies of the two media
/// types, with `encoding` where a value is sent as JSON text.
#[test]
fn the_forms_export_as_openapi_parameters_and_bodies() {
    let doc = sdkgen::openapi::export::export(&service()).unwrap();
    let op = |path: &str, method: &str| doc["paths"][path][method].clone();
    let list = op("/things", "get");
    let param = |name: &str| {
        list["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no parameter {name}"))
    };
    let location = |p: &serde_json::Value| {
        (
            p["in"].as_str().unwrap_or_default().to_owned(),
            p["style"].as_str().map(str::to_owned),
            p["explode"].as_bool(),
        )
    };
    let query = |style: Option<&str>, explode: Option<bool>| {
        ("query".to_owned(), style.map(str::to_owned), explode)
    };
    assert_eq!(location(&param("id")), query(None, None));
    assert_eq!(location(&param("labels")), query(None, None));
    assert_eq!(location(&param("tags")), query(Some("form"), Some(false)));
    assert_eq!(
        location(&param("sizes")),
        query(Some("spaceDelimited"), Some(false))
    );
    assert_eq!(
        location(&param("names")),
        query(Some("pipeDelimited"), Some(false))
    );
    assert_eq!(
        location(&param("filter")),
        query(Some("deepObject"), Some(true))
    );
    assert_eq!(location(&param("session")).0, "cookie");
    assert_eq!(param("session")["schema"]["x-sdkgen-sensitive"], true);
    assert_eq!(
        location(&param("recent")),
        ("cookie".to_owned(), None, Some(false))
    );

    let form = &op("/forms", "post")["requestBody"]["content"];
    let form = &form["application/x-www-form-urlencoded"];
    let fields: Vec<&str> = form["schema"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        fields,
        ["name", "count", "tag", "when", "data", "mode", "meta", "secret"]
    );
    assert_eq!(
        form["encoding"],
        serde_json::json!({"meta": {"contentType": "application/json"}})
    );

    let upload = &op("/uploads", "post")["requestBody"]["content"]["multipart/form-data"];
    assert_eq!(upload["schema"]["properties"]["file"]["format"], "binary");
    assert_eq!(
        upload["encoding"],
        serde_json::json!({
            "meta": {"contentType": "application/json"},
            "numbers": {"contentType": "application/json"},
        })
    );
}
