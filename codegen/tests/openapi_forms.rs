//! The JSON forms OpenAPI documents use, from hand-built IR (no front end,
//! as tonic-build's `manual.rs`): an untagged union (a string, an integer,
//! a list of strings, structures `A` and `B` told apart by their required
//! members), a discriminated union (`Cat`/`Dog` by `petType`), and errors
//! for status 404, the range `4XX` and `default`. The generated crate is
//! `snapshots/openapi_forms.rs`, compiled and driven over the wire by
//! `compile_openapi_forms.rs`; the checks `check` makes of these forms,
//! and their OpenAPI export, are here.

use sdkgen::ir::*;
use sdkgen::Settings;
use std::path::Path;

fn member(name: &str, ty: Type, required: bool) -> Member {
    Member {
        name: name.into(),
        json_name: name.into(),
        rust_name: String::new(),
        docs: Docs::default(),
        ty,
        required,
        sensitive: false,
        idempotency_token: false,
        binding: Binding::Body,
        constraints: Constraints::default(),
        boxed: false,
        media_type: None,
        stated_default: None,
        default: None,
        client_optional: false,
        optional: true,
    }
}

/// A variant of a union: member `name`, tagged `json_name`.
fn variant(name: &str, json_name: &str, ty: Type) -> Member {
    Member {
        json_name: json_name.into(),
        ..member(name, ty, false)
    }
}

fn structure(name: &str, members: Vec<Member>) -> Structure {
    Structure {
        id: format!("ex#{name}"),
        name: name.into(),
        rust_name: name.into(),
        builder_name: String::new(),
        docs: Docs::default(),
        members,
        error: None,
        union_repr: UnionRepr::Tagged,
    }
}

fn named(name: &str) -> Type {
    Type::Named(format!("ex#{name}"))
}

fn error(name: &str, status: Option<u16>, status_range: Option<(u16, u16)>) -> Structure {
    Structure {
        error: Some(ErrorInfo {
            fault: Fault::Client,
            status,
            status_range,
            retry: None,
            // Known by status alone, as an OpenAPI response is.
            codes: vec![],
        }),
        ..structure(name, vec![member("message", Type::String, false)])
    }
}

/// The service: `POST /things` sends and receives both unions.
fn service() -> Service {
    let value = Structure {
        union_repr: UnionRepr::Untagged,
        ..structure(
            "Value",
            vec![
                variant("Text", "Text", Type::String),
                variant("Count", "Count", Type::Integer),
                variant("Names", "Names", Type::List(Box::new(Type::String))),
                variant("A", "A", named("A")),
                variant("B", "B", named("B")),
            ],
        )
    };
    let pet = Structure {
        union_repr: UnionRepr::Discriminated {
            property: "petType".into(),
        },
        ..structure(
            "Pet",
            vec![
                variant("Cat", "cat", named("Cat")),
                variant("Dog", "dog", named("Dog")),
            ],
        )
    };
    let io = |name: &str| {
        structure(
            name,
            vec![
                member("value", named("Value"), false),
                member("pet", named("Pet"), false),
                member("values", Type::List(Box::new(named("Value"))), false),
            ],
        )
    };
    let shapes = [
        Shape::Union(value),
        Shape::Union(pet),
        Shape::Structure(structure("A", vec![member("a", Type::String, true)])),
        Shape::Structure(structure("B", vec![member("b", Type::Integer, true)])),
        Shape::Structure(structure(
            "Cat",
            vec![
                member("name", Type::String, true),
                member("petType", Type::String, false),
            ],
        )),
        Shape::Structure(structure("Dog", vec![member("bark", Type::Boolean, false)])),
        Shape::Structure(error("NotFound", Some(404), None)),
        Shape::Structure(error("ClientProblem", None, Some((400, 499)))),
        Shape::Structure(error("Fallback", None, Some((400, 599)))),
    ];
    let shapes = shapes
        .into_iter()
        .map(|s| {
            let id = match &s {
                Shape::Structure(s) | Shape::Union(s) => s.id.clone(),
                Shape::Enum(e) => e.id.clone(),
                Shape::IntEnum(e) => e.id.clone(),
            };
            (id, s)
        })
        .collect();
    Service {
        id: "ex#Forms".into(),
        sdk_id: "Forms".into(),
        version: String::new(),
        protocol: Protocol::RestJson1,
        query_compatible: false,
        signing_name: Some("forms".into()),
        auth: vec![AuthScheme::SigV4],
        endpoint: Endpoint::Regional {
            prefix: "forms".into(),
        },
        endpoint_rules: None,
        docs: Docs::default(),
        operations: vec![Operation {
            id: "ex#PutThing".into(),
            name: "PutThing".into(),
            rust_name: String::new(),
            names: OperationNames::default(),
            docs: Docs::default(),
            method: "POST".into(),
            uri: vec![UriSegment::Literal("/things".into())],
            uri_query: vec![],
            code: 200,
            input: io("PutThingInput"),
            output: io("PutThingOutput"),
            errors: vec![
                "ex#NotFound".into(),
                "ex#ClientProblem".into(),
                "ex#Fallback".into(),
            ],
            pagination: None,
            host_prefix: None,
            protocol_tests: vec![],
            checksum_required: false,
            gzip: false,
            unsigned_payload: false,
            auth: vec![AuthScheme::SigV4],
            endpoint_params: Vec::new(),
            customizations: Default::default(),
        }],
        shapes,
    }
}

fn generate(service: Service) -> Result<String, String> {
    sdkgen::generate_ir(service, "hand-built openapi_forms", &Settings::default())
        .map(|g| g.code)
        .map_err(|e| e.to_string())
}

#[test]
fn snapshot_is_current() {
    let code = generate(service()).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/openapi_forms.rs");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &code).unwrap();
    } else {
        assert!(
            std::fs::read_to_string(&path).unwrap_or_default() == code,
            "stale snapshot {} (the generator's output changed). Review the change, then refresh it with:\n    UPDATE_SNAPSHOTS=1 cargo test -p sdkgen --test openapi_forms",
            path.display()
        );
    }
    // The error without codes has no code arm; ranges come narrowest first.
    assert!(!code.contains("(Some(), _)"), "{code}");
    let four = code.find("(_, 400u16..=499u16)").unwrap();
    let default = code.find("(_, 400u16..=599u16)").unwrap();
    assert!(code.find("(_, 404u16)").unwrap() < four && four < default);
}

fn shape_mut<'a>(s: &'a mut Service, name: &str) -> &'a mut Structure {
    match s.shapes.get_mut(&format!("ex#{name}")) {
        Some(Shape::Structure(s) | Shape::Union(s)) => s,
        _ => panic!("no {name}"),
    }
}

/// A case of a bad model: what it is, how the IR is broken, what `check` says.
type BadCase = (&'static str, fn(&mut Service), &'static str);

#[test]
fn bad_forms_get_located_errors() {
    let cases: Vec<BadCase> = vec![
        (
            "a discriminated variant that is no structure",
            |s| shape_mut(s, "Pet").members[1].ty = Type::String,
            "error: ex#Pet$Dog: a variant of a discriminated union is a String, not a structure\n  hint: discriminated variants are objects: target a structure, or make the union untagged",
        ),
        (
            "two variants, one tag",
            |s| shape_mut(s, "Pet").members[1].json_name = "cat".into(),
            "error: ex#Pet$Dog: discriminator value `cat` is also that of `Cat`\n  hint: give each variant its own value (the member's JSON name)",
        ),
        (
            "a discriminator member that is no string",
            |s| shape_mut(s, "Cat").members[1].ty = Type::Integer,
            "error: ex#Cat$petType: the member holds the discriminator `petType` of `ex#Pet`, but is a Integer",
        ),
        (
            "an untagged unit",
            |s| shape_mut(s, "Value").members[0].ty = Type::Unit,
            "error: ex#Value$Text: a variant of an untagged union carries no value",
        ),
        (
            "a representation on a structure",
            |s| shape_mut(s, "A").union_repr = UnionRepr::Untagged,
            "error: ex#A: a structure states the union representation Untagged",
        ),
        (
            "a range of one status",
            |s| {
                if let Some(e) = &mut shape_mut(s, "Fallback").error {
                    e.status_range = Some((500, 500));
                }
            },
            "error: ex#Fallback: error status range 500..=500 is not a range of HTTP statuses",
        ),
        (
            "a range beyond HTTP",
            |s| {
                if let Some(e) = &mut shape_mut(s, "Fallback").error {
                    e.status_range = Some((400, 700));
                }
            },
            "error: ex#Fallback: error status range 400..=700 is not a range of HTTP statuses",
        ),
    ];
    for (what, break_it, expected) in cases {
        let mut s = service();
        break_it(&mut s);
        let err = generate(s).expect_err(what);
        assert!(
            err.contains(expected),
            "{what}: expected `{expected}` in:\n{err}"
        );
    }
}

#[test]
fn a_retry_class_is_the_stated_one_never_one_from_the_status() {
    // A `5XX` range or a 503 says nothing about `retryable_error_kind`, as
    // in aws-sdk-rust: the runtime's classifiers retry by status.
    let mut s = service();
    if let Some(e) = &mut shape_mut(&mut s, "ClientProblem").error {
        e.status_range = Some((500, 599));
    }
    let code = generate(s).unwrap();
    assert!(code.contains("Self::ClientProblem(_) => None"), "{code}");
    assert!(code.contains("Self::Fallback(_) => None"), "{code}");
    let mut s = service();
    if let Some(e) = &mut shape_mut(&mut s, "ClientProblem").error {
        e.retry = Some(RetryKind::Throttling);
    }
    let code = generate(s).unwrap();
    assert!(
        code.contains("Self::ClientProblem(_) => Some(rt::ErrorKind::ThrottlingError)"),
        "{code}"
    );
}

#[test]
fn export_writes_one_of_discriminator_and_status_ranges() {
    let doc = sdkgen::openapi::export::export(&service()).unwrap();
    // For openapi-spec-validator, by hand (see the README).
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("openapi_forms.openapi.json");
    std::fs::write(&out, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let schemas = &doc["components"]["schemas"];
    let value = &schemas["Value"];
    assert_eq!(value["x-sdkgen-union"], "untagged");
    let kinds: Vec<_> = value["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.get("type").or_else(|| v["allOf"][0].get("$ref")).cloned())
        .collect();
    assert_eq!(
        serde_json::to_value(kinds).unwrap(),
        serde_json::json!([
            "string",
            "integer",
            "array",
            "#/components/schemas/A",
            "#/components/schemas/B"
        ])
    );
    let pet = &schemas["Pet"];
    assert_eq!(
        pet["discriminator"],
        serde_json::json!({"propertyName": "petType", "mapping": {
            "cat": "#/components/schemas/Cat", "dog": "#/components/schemas/Dog"}})
    );
    let responses = &doc["paths"]["/things"]["post"]["responses"];
    let schema = |status: &str| responses[status]["content"]["application/json"]["schema"].clone();
    assert_eq!(schema("404")["$ref"], "#/components/schemas/NotFound");
    assert_eq!(schema("4XX")["$ref"], "#/components/schemas/ClientProblem");
    assert_eq!(schema("default")["$ref"], "#/components/schemas/Fallback");
    assert_eq!(
        schemas["Fallback"]["x-sdkgen-error"]["statusRange"],
        serde_json::json!([400, 599])
    );
}

#[test]
fn a_changed_representation_is_a_breaking_wire_change() {
    let old = service();
    let mut new = service();
    shape_mut(&mut new, "Value").union_repr = UnionRepr::Tagged;
    let text = sdkgen::diff::render_json(&sdkgen::diff::diff(&old, &new));
    assert!(text.contains("changed-union-repr"), "{text}");
    assert!(
        text.contains("union representation changed from untagged to tagged"),
        "{text}"
    );
}
