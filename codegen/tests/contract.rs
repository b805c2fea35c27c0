//! The IR contract: whatever a front end (Smithy, OpenAPI, hand-built IR)
//! states, `normalize` applies the same policies and `check` either
//! rejects it with located errors or the back end emits Rust, never a
//! panic. Each case here was once a panic, a rustc error inside `OUT_DIR`,
//! a silent drop or a fork between the front ends.

use sdkgen::ir::*;
use sdkgen::Settings;
use serde_json::json;

fn generate(name: &str, doc: &serde_json::Value) -> Result<sdkgen::Generated, String> {
    sdkgen::generate(&[(name.to_owned(), doc.to_string())], &Settings::default())
        .map_err(|e| e.to_string())
}

fn rejected(name: &str, doc: &serde_json::Value) -> String {
    match generate(name, doc) {
        Ok(g) => panic!("the model should be rejected; it generated:\n{}", g.code),
        Err(e) => e,
    }
}

/// The IR `sdkgen::load` makes of a model text.
fn load(name: &str, doc: &serde_json::Value) -> Service {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, doc.to_string()).unwrap();
    sdkgen::load(&[path], &Settings::default()).unwrap()
}

/// An OpenAPI document with one operation `op` on `/things/{Id}` and the
/// component schemas `schemas`.
fn openapi(op: serde_json::Value, schemas: serde_json::Value) -> serde_json::Value {
    json!({
        "openapi": "3.0.3",
        "info": {"title": "Example", "version": "1"},
        "x-sdkgen-service": {"signingName": "example"},
        "paths": {"/things/{Id}": {"post": op}},
        "components": {"schemas": schemas}
    })
}

fn id_parameter() -> serde_json::Value {
    json!([{"name": "Id", "in": "path", "required": true, "schema": {"type": "string"}}])
}

/// A Smithy model with one operation `Op` whose input has `members` beside
/// its label `Id`, and the shapes `extra`.
fn smithy(members: serde_json::Value, extra: serde_json::Value) -> serde_json::Value {
    let mut input = json!({"Id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}});
    input
        .as_object_mut()
        .unwrap()
        .extend(members.as_object().unwrap().clone());
    let mut shapes = json!({
        "ex#Svc": {
            "type": "service", "version": "1",
            "operations": [{"target": "ex#Op"}],
            "traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {"name": "ex"}}
        },
        "ex#Op": {
            "type": "operation",
            "input": {"target": "ex#OpInput"},
            "traits": {"smithy.api#http": {"method": "POST", "uri": "/things/{Id}", "code": 200}}
        },
        "ex#OpInput": {"type": "structure", "members": input}
    });
    shapes
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!({"smithy": "2.0", "shapes": shapes})
}

#[test]
fn an_openapi_error_response_must_be_an_error_component() {
    // Before: pushed into the operation's errors, never an error structure;
    // the emitter wrote `builder.meta(..)` on it and rustc failed in OUT_DIR.
    let doc = openapi(
        json!({
            "operationId": "PutThing",
            "parameters": id_parameter(),
            "responses": {
                "200": {"description": "ok"},
                "400": {"description": "bad", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}
            }
        }),
        json!({"Thing": {"type": "object", "properties": {"Message": {"type": "string"}}}}),
    );
    let err = rejected("api.json", &doc);
    assert!(
        err.contains("error `") && err.contains("Thing` is not an error structure"),
        "{err}"
    );
    assert!(
        err.contains("x-sdkgen-error"),
        "the hint names the fix: {err}"
    );
}

#[test]
fn operation_ids_of_any_spelling_make_rust_names() {
    // Before: `create-room` panicked in `format_ident!` (inside the
    // formatting threads); `createRoom` made a type `createRoomError`.
    for operation_id in ["create-room", "createRoom", "CreateRoom", "create room"] {
        let doc = openapi(
            json!({"operationId": operation_id, "parameters": id_parameter(), "responses": {"200": {"description": "ok"}}}),
            json!({}),
        );
        let code = generate("api.json", &doc)
            .unwrap_or_else(|e| panic!("{operation_id}: {e}"))
            .code;
        for item in [
            "pub mod create_room",
            "pub enum CreateRoomError",
            "pub struct CreateRoomInput",
            "pub struct CreateRoomFluentBuilder",
            "pub fn create_room(",
        ] {
            assert!(code.contains(item), "{operation_id}: no `{item}`");
        }
        syn::parse_file(&code).expect("valid Rust");
    }
}

#[test]
fn enum_variant_names_of_any_spelling_make_rust_names() {
    // Before: an `x-sdkgen-variants` name was used as it stood: a dash
    // panicked in `Ident::new`.
    let doc = openapi(
        json!({"operationId": "PutThing", "parameters": id_parameter(), "responses": {"200": {"description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}),
        json!({
            "Thing": {"type": "object", "properties": {"Color": {"$ref": "#/components/schemas/Color"}}},
            "Color": {"type": "string", "enum": ["dark-red", "green"],
                      "x-sdkgen-variants": [{"name": "Dark-Red"}, {"name": "green"}]}
        }),
    );
    let code = generate("api.json", &doc).unwrap().code;
    assert!(code.contains("DarkRed,"), "{code}");
    assert!(code.contains("Green,"), "{code}");
}

#[test]
fn both_front_ends_derive_retry_classes_and_codes_alike() {
    // Before: the Smithy front end derived the retry class from the status
    // and added the code without `Exception`; the OpenAPI one did neither.
    // Now neither derives a retry class from a status (as aws-sdk-rust, the
    // class is only what the model states; the runtime retries 429 by
    // status), and both add the short code.
    let mut model = smithy(
        json!({}),
        json!({"ex#SlowDownException": {"type": "structure", "members": {},
            "traits": {"smithy.api#error": "client", "smithy.api#httpError": 429}}}),
    );
    model["shapes"]["ex#Op"]["errors"] = json!([{"target": "ex#SlowDownException"}]);
    let smithy = load("retry.json", &model);
    let doc = openapi(
        json!({"operationId": "PutThing", "parameters": id_parameter(), "responses": {
            "200": {"description": "ok"},
            "429": {"description": "slow down", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SlowDownException"}}}}
        }}),
        json!({"SlowDownException": {"type": "object", "properties": {},
            "x-sdkgen-error": {"fault": "client", "status": 429}}}),
    );
    let openapi = load("retry.openapi.json", &doc);
    let error = |s: &Service| {
        s.shapes
            .values()
            .find_map(|shape| match shape {
                Shape::Structure(s) => s.error.clone(),
                _ => None,
            })
            .expect("an error structure")
    };
    let (a, b) = (error(&smithy), error(&openapi));
    assert_eq!(a.retry, None);
    assert_eq!(a.codes, ["SlowDownException", "SlowDown"]);
    assert_eq!((a.retry, &a.codes), (b.retry, &b.codes));
}

#[test]
fn both_front_ends_make_the_same_rustdoc_and_the_export_keeps_the_text() {
    // Before: Smithy docs were converted from HTML and escaped, OpenAPI
    // descriptions were copied as raw lines, and the export wrote rustdoc
    // escapes into descriptions.
    let text = "<p>Makes a <code>Thing</code> [see the guide].</p>";
    let mut model = smithy(json!({}), json!({}));
    model["shapes"]["ex#Op"]["traits"]["smithy.api#documentation"] = json!(text);
    let smithy = load("docs.json", &model);
    let doc = openapi(
        json!({"operationId": "Op", "description": text, "parameters": id_parameter(), "responses": {"200": {"description": "ok"}}}),
        json!({}),
    );
    let openapi = load("docs.openapi.json", &doc);
    let (a, b) = (&smithy.operations[0].docs, &openapi.operations[0].docs);
    assert_eq!(a.rustdoc, b.rustdoc);
    assert_eq!(a.rustdoc, ["Makes a `Thing` \\[see the guide\\]."]);
    let exported = sdkgen::openapi::export::export(&smithy).expect("a restJson1 service exports");
    let description = exported["paths"]["/things/{Id}"]["post"]["description"].clone();
    assert_eq!(description, json!(text));
}

#[test]
fn defaults_must_fit_their_members() {
    // Before: a mistyped default was dropped (`.ok()`), 300 on a byte was
    // written `300 as i8` (44).
    let cases = [
        (
            json!({"Size": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": "large"}}}),
            "ex#OpInput$Size: `smithy.api#default` \"large\" does not fit the member's type: \"large\" is not an integer",
        ),
        (
            json!({"Level": {"target": "smithy.api#Byte", "traits": {"smithy.api#default": 300}}}),
            "ex#OpInput$Level: `smithy.api#default` 300 does not fit the member's type: 300 is out of range for a byte (-128 to 127)",
        ),
        (
            json!({"Color": {"target": "ex#Color", "traits": {"smithy.api#default": "BLUE"}}}),
            "ex#OpInput$Color: `smithy.api#default` \"BLUE\" does not fit the member's type: \"BLUE\" is not a value of `ex#Color`",
        ),
    ];
    let color = json!({"ex#Color": {"type": "enum", "members": {
        "RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}}}}});
    for (members, expected) in cases {
        let err = rejected("m.json", &smithy(members, color.clone()));
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
    // A default that fits is written as a literal of its type (a nested
    // structure sends its members' defaults).
    let code = generate(
        "m.json",
        &smithy(
            json!({"Options": {"target": "ex#Options"}}),
            json!({"ex#Options": {"type": "structure", "members": {
                "Level": {"target": "smithy.api#Byte", "traits": {"smithy.api#default": 100}}}}}),
        ),
    )
    .unwrap()
    .code;
    assert!(code.contains("100i8"), "{code}");
}

/// A service of one operation, built by hand as another front end would.
fn hand_built() -> Service {
    let member = |name: &str, ty: Type, binding: Binding| Member {
        name: name.into(),
        json_name: name.into(),
        rust_name: String::new(),
        docs: Docs::default(),
        ty,
        required: true,
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
    };
    let structure = |name: &str, members: Vec<Member>| Structure {
        id: format!("ex#{name}"),
        name: name.into(),
        rust_name: name.into(),
        builder_name: String::new(),
        docs: Docs::default(),
        members,
        error: None,
        union_repr: UnionRepr::Tagged,
    };
    Service {
        id: "ex#Svc".into(),
        sdk_id: "Ex".into(),
        version: String::new(),
        protocol: Protocol::RestJson1,
        query_compatible: false,
        signing_name: Some("ex".into()),
        auth: vec![AuthScheme::SigV4],
        endpoint: Endpoint::Regional {
            prefix: "ex".into(),
        },
        endpoint_rules: None,
        docs: Docs::default(),
        operations: vec![Operation {
            id: "ex#get-thing".into(),
            name: "get-thing".into(),
            rust_name: String::new(),
            names: OperationNames::default(),
            docs: Docs::new("<p>Gets a <b>thing</b>.</p>"),
            method: "GET".into(),
            uri: vec![
                UriSegment::Literal("/things/".into()),
                UriSegment::Label {
                    member: "Id".into(),
                    greedy: false,
                },
            ],
            uri_query: vec![],
            code: 200,
            input: structure("In", vec![member("Id", Type::String, Binding::Label)]),
            output: structure(
                "Out",
                vec![member("the-count", Type::Integer, Binding::Body)],
            ),
            errors: vec![],
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
        shapes: Default::default(),
    }
}

fn rejected_ir(service: Service) -> String {
    match sdkgen::generate_ir(service, "hand-built", &Settings::default()) {
        Ok(g) => panic!("the IR should be rejected; it generated:\n{}", g.code),
        Err(e) => e.to_string(),
    }
}

#[test]
fn hand_built_ir_with_model_names_generates() {
    let code = sdkgen::generate_ir(hand_built(), "hand-built", &Settings::default())
        .unwrap()
        .code;
    for item in [
        "pub mod get_thing",
        "pub struct GetThingInput",
        // A `@required` output member is no `Option` (`normalize`
        // decides, for hand-built IR too).
        "pub the_count: i32",
        "/// Gets a **thing**.",
    ] {
        assert!(code.contains(item), "no `{item}` in:\n{code}");
    }
    syn::parse_file(&code).expect("valid Rust");
}

#[test]
fn hand_built_ir_that_breaks_an_invariant_gets_located_errors() {
    // A dangling id: before, a value of it became `()`.
    let mut dangling = hand_built();
    dangling.operations[0].output.members[0].ty = Type::Named("ex#Missing".into());
    let err = rejected_ir(dangling);
    assert!(
        err.contains("ex#Out$the-count: targets `ex#Missing`, which is no shape of the service"),
        "{err}"
    );

    // An error that is no error structure, and one that names nothing.
    let mut not_errors = hand_built();
    not_errors.shapes.insert(
        "ex#Plain".into(),
        Shape::Structure(Structure {
            id: "ex#Plain".into(),
            name: "Plain".into(),
            rust_name: "Plain".into(),
            builder_name: String::new(),
            docs: Docs::default(),
            members: vec![],
            error: None,
            union_repr: UnionRepr::Tagged,
        }),
    );
    not_errors.operations[0].errors = vec!["ex#Plain".into(), "ex#Nowhere".into()];
    let err = rejected_ir(not_errors);
    assert!(
        err.contains("ex#get-thing: error `ex#Plain` is not an error structure"),
        "{err}"
    );
    assert!(
        err.contains("ex#get-thing: error `ex#Nowhere` names no shape"),
        "{err}"
    );

    // Names that make no identifier, and two operations with one name.
    let mut names = hand_built();
    names.operations[0].name = "-".into();
    names.operations[0].output.members[0].name = "ü".into();
    let mut twin = hand_built().operations.remove(0);
    twin.id = "ex#GetThing".into();
    twin.name = "GetThing".into();
    let mut other = hand_built();
    other.operations.push(twin);
    let err = rejected_ir(names);
    assert!(
        err.contains("ex#get-thing: operation `-` makes no Rust identifier"),
        "{err}"
    );
    assert!(
        err.contains("ex#Out$ü: member `ü` makes no Rust identifier"),
        "{err}"
    );
    let err = rejected_ir(other);
    assert!(
        err.contains(
            "ex#GetThing: becomes the Rust name `get_thing`, as operation `get-thing` does"
        ),
        "{err}"
    );

    // A typed default out of range, stated by a front end that reads no JSON.
    let mut wide = hand_built();
    wide.operations[0].output.members[0].ty = Type::Byte;
    wide.operations[0].output.members[0].default = Some(Value::Int(300));
    let err = rejected_ir(wide);
    assert!(
        err.contains("ex#Out$the-count: the `@default` value does not fit the member: 300 is out of range for a byte"),
        "{err}"
    );
}

#[test]
fn cycles_that_smithy_forbids_end_with_an_error_or_are_read_once() {
    // Before: a resource naming itself, or a list holding itself,
    // recursed until the stack overflowed.
    let mut model = smithy(
        json!({}),
        json!({"ex#Things": {"type": "resource", "resources": [{"target": "ex#Things"}], "operations": [{"target": "ex#Op"}]}}),
    );
    model["shapes"]["ex#Svc"]["resources"] = json!([{"target": "ex#Things"}]);
    assert!(generate("cycle.json", &model).is_ok());
    let err = rejected(
        "list.json",
        &smithy(
            json!({"Items": {"target": "ex#Items"}}),
            json!({"ex#Items": {"type": "list", "member": {"target": "ex#Items"}}}),
        ),
    );
    assert!(
        err.contains("ex#Items: a list or map that holds itself"),
        "{err}"
    );
    // Through a structure, recursion is allowed.
    let nested = smithy(
        json!({"Items": {"target": "ex#Items"}}),
        json!({
            "ex#Items": {"type": "list", "member": {"target": "ex#Item"}},
            "ex#Item": {"type": "structure", "members": {"Children": {"target": "ex#Items"}}}
        }),
    );
    assert!(generate("nested.json", &nested).is_ok());
}

#[test]
fn bindings_must_fit_their_targets_and_floats_their_range() {
    // Before: accepted, and the generated code did not compile
    // (`to_string` on a structure, a `String` from a status code), or
    // the generator panicked (a float default beyond `f32`).
    let thing = json!({"ex#Thing": {"type": "structure", "members": {"A": {"target": "smithy.api#String"}}}});
    let cases = [
        (
            json!({"H": {"target": "ex#Thing", "traits": {"smithy.api#httpHeader": "x-h"}}}),
            "ex#OpInput$H: a member bound with `@httpHeader` must target a scalar or a list of scalars",
        ),
        (
            json!({"Q": {"target": "ex#Thing", "traits": {"smithy.api#httpQueryParams": {}}}}),
            "ex#OpInput$Q: a member bound with `@httpQueryParams` must target a map of strings or of lists of strings",
        ),
        (
            json!({"P": {"target": "smithy.api#String", "traits": {"smithy.api#httpPrefixHeaders": "x-"}}}),
            "ex#OpInput$P: a member bound with `@httpPrefixHeaders` must target a map of strings",
        ),
        (
            json!({"F": {"target": "smithy.api#Float", "traits": {"smithy.api#default": 3.5e38}}}),
            "is out of range for a float",
        ),
    ];
    for (members, expected) in cases {
        let err = rejected("m.json", &smithy(members, thing.clone()));
        assert!(err.contains(expected), "expected `{expected}` in:\n{err}");
    }
}
