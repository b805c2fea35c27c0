//! The OpenAPI front end and exporter: Smithy → OpenAPI → IR gives the IR
//! of the Smithy model; model/chime.openapi.json generates the same Rust as
//! model/chime.json; bad documents get located errors.

use sdkgen::Settings;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn round_trip(model: &Path) {
    let smithy = sdkgen::load(&[model.to_path_buf()], &Settings::default()).unwrap();
    let text = sdkgen::openapi::export::export_text(&smithy).expect("a restJson1 service exports");
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "roundtrip-{}",
        model.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(&path, &text).unwrap();
    let back = sdkgen::load(&[path], &Settings::default()).unwrap();
    if back != smithy {
        for (a, b) in smithy.operations.iter().zip(&back.operations) {
            for (x, y) in a
                .input
                .members
                .iter()
                .zip(&b.input.members)
                .chain(a.output.members.iter().zip(&b.output.members))
            {
                assert_eq!(x, y, "operation {} member {}", a.name, x.name);
            }
            assert_eq!(a, b, "operation {}", a.name);
        }
        for (id, shape) in &smithy.shapes {
            assert_eq!(Some(shape), back.shapes.get(id), "shape {id}");
        }
        assert_eq!(smithy, back);
    }
}

#[test]
fn chime_model_round_trips_through_openapi() {
    round_trip(&root().join("model/chime.json"));
}

#[test]
fn auth_schemes_round_trip_through_openapi() {
    // Bearer only, with anonymous and @optionalAuth operations; SigV4 and
    // bearer in per-operation orders.
    for model in [
        "bearer.json",
        "mixed_auth.json",
        "api_key_basic.json",
        "api_key_query.json",
    ] {
        round_trip(&root().join("codegen/tests/models").join(model));
    }
}

#[test]
fn official_chime_model_round_trips_through_openapi() {
    let model = root().join("../shared/models/chime-2018-05-01.json");
    if !model.exists() {
        eprintln!("skipped: {} is absent", model.display());
        return;
    }
    round_trip(&model);
}

/// Generated code without the lines that name its source.
fn code(model: &str) -> String {
    let text = std::fs::read_to_string(root().join(model)).unwrap();
    let code = sdkgen::generate(&[(model.to_owned(), text)], &Settings::default())
        .unwrap()
        .code;
    code.lines()
        .filter(|l| !l.starts_with("// @generated") && !l.contains("MODEL_FINGERPRINT"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn openapi_and_smithy_models_generate_the_same_rust() {
    let smithy = code("model/chime.json");
    let openapi = code("model/chime.openapi.json");
    assert!(
        smithy == openapi,
        "model/chime.openapi.json and model/chime.json generate different code"
    );
}

fn import_errors(doc: serde_json::Value) -> String {
    let text = doc.to_string();
    match sdkgen::generate(&[("api.json".to_owned(), text)], &Settings::default()) {
        Ok(_) => panic!("the document should be rejected"),
        Err(e) => e.to_string(),
    }
}

fn minimal(op: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Example", "version": "1"},
        "x-sdkgen-service": {"signingName": "example"},
        "paths": {"/things/{Id}": {"post": op}},
        "components": {"schemas": {"Thing": {"type": "object", "properties": {"Size": {"type": "integer"}}}}}
    })
}

#[test]
fn a_plain_document_without_extensions_imports() {
    let doc = minimal(serde_json::json!({
        "operationId": "PutThing",
        "parameters": [{"name": "Id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1}}],
        "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
    }));
    let generated = sdkgen::generate(
        &[("api.json".to_owned(), doc.to_string())],
        &Settings::default(),
    )
    .unwrap();
    assert!(generated.code.contains("pub fn put_thing("));
    assert!(generated.code.contains("v.str_length(\"PutThingInput.Id\""));
}

/// Errors of a document written by others are named after their status
/// word, and a word that names an error already gets no second `Error`.
#[test]
fn error_responses_are_named_after_their_status_word() {
    let body = serde_json::json!({"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}});
    let response = |d: &str| {
        let mut r = body.clone();
        r["description"] = d.into();
        r
    };
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Example", "version": "1"},
        "servers": [{"url": "https://example.com"}],
        "paths": {"/things": {"get": {
            "operationId": "GetThing",
            "responses": {
                "200": response("ok"),
                "404": response("missing"),
                "4XX": response("other client error"),
                "500": response("failed"),
                "503": response("unavailable")
            }
        }}},
        "components": {"schemas": {"Thing": {"type": "object", "properties": {"Size": {"type": "integer"}}}}}
    });
    let code = sdkgen::generate(
        &[("api.json".to_owned(), doc.to_string())],
        &Settings::default(),
    )
    .unwrap()
    .code;
    for name in [
        "NotFoundError",
        "ClientError",
        "InternalServerError",
        "ServiceUnavailableError",
    ] {
        assert!(code.contains(&format!("pub struct {name} {{")), "{name}");
    }
    assert!(!code.contains("ErrorError"));
}

#[test]
fn a_bearer_document_needs_no_signing_name() {
    let mut doc = minimal(serde_json::json!({
        "operationId": "Op",
        "parameters": [{"name": "Id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {}
    }));
    doc["x-sdkgen-service"] = serde_json::json!({"auth": ["httpBearerAuth"]});
    let generated = sdkgen::generate(
        &[("api.json".to_owned(), doc.to_string())],
        &Settings::default(),
    )
    .unwrap();
    assert!(generated
        .code
        .contains("auth: &[rt::client::auth::HTTP_BEARER]"));
    assert!(generated
        .code
        .contains("signing_name: ::std::option::Option::None"));
}

#[test]
fn bad_documents_get_located_errors() {
    let mut v40 = minimal(serde_json::json!({"operationId": "Op", "responses": {}}));
    v40["openapi"] = serde_json::json!("4.0.0");
    let swagger =
        serde_json::json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}});
    let sigv4_without_host = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Example", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "security": [{"sigv4": []}],
        "components": {"securitySchemes": {"sigv4": {
            "type": "apiKey", "in": "header", "name": "Authorization",
            "x-amazon-apigateway-authtype": "awsSigv4"}}},
        "paths": {"/things": {"get": {"responses": {"200": {"description": "ok"}}}}}
    });
    let cases = [
        (v40, vec!["api.json#/openapi: OpenAPI 4.0.0 is not read"]),
        (swagger, vec!["api.json#/swagger: Swagger 2.0 documents are not read", "hint: convert it to OpenAPI 3"]),
        (
            sigv4_without_host,
            vec!["SigV4 without a signing name: the server's host is no `<service>.<region>.amazonaws.com`"],
        ),
        (
            {
                let mut d = minimal(
                    serde_json::json!({"operationId": "Op", "responses": {}, "x-sdkgen-auth": ["digest"]}),
                );
                d["x-sdkgen-service"] = serde_json::json!({"auth": "httpBearerAuth"});
                d
            },
            vec![
                "api.json#/x-sdkgen-service/auth: auth schemes must be a list",
                "api.json#/paths/~1things~1{Id}/post/x-sdkgen-auth: operation skipped: unknown auth scheme \"digest\"",
            ],
        ),
    ];
    for (doc, expected) in cases {
        let err = import_errors(doc);
        for e in expected {
            assert!(err.contains(e), "expected `{e}` in:\n{err}");
        }
    }
    // Neither JSON nor YAML: located at the line and column.
    let err = sdkgen::generate(
        &[(
            "api.yaml".to_owned(),
            "openapi: 3.0.0\ninfo: [unclosed\n".to_owned(),
        )],
        &Settings::default(),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("api.yaml:3:1: neither JSON nor YAML"), "{err}");
}

/// What a document says that cannot be expressed is skipped with a
/// warning naming its JSON pointer; the rest generates.
#[test]
fn what_cannot_be_expressed_is_skipped_with_located_warnings() {
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Example", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "paths": {
            "/things/{Id}": {
                "get": {
                    "parameters": [
                        {"name": "Id", "in": "path", "required": true, "schema": {"type": "string"}},
                        {"name": "q", "in": "query", "schema": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}}}}}
                    ],
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Nowhere"}}}}}
                },
                "put": {
                    "operationId": "PutThing",
                    "parameters": [{"name": "Id", "in": "path", "required": true, "schema": {"type": "string"}},
                                   {"name": "filter", "in": "query", "required": true, "schema": {"type": "array", "items": {"type": "object", "properties": {"a": {"type": "string"}}}}}],
                    "responses": {"204": {"description": "done"}}
                }
            }
        }
    });
    let generated = sdkgen::generate(
        &[("api.json".to_owned(), doc.to_string())],
        &Settings::default(),
    )
    .unwrap();
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    let has = |w: &str| warnings.iter().any(|x| x.contains(w));
    // No operationId: named from its method and path.
    assert!(generated.code.contains("pub fn get_things_by_id("));
    // An optional parameter of a form no URI can hold is left out.
    assert!(
        has("api.json#/paths/~1things~1{Id}/get/parameters/q: parameter `q` is left out"),
        "{warnings:#?}"
    );
    // A reference to nothing reads as any JSON.
    assert!(
        has("`$ref` to `#/components/schemas/Nowhere` names no schema"),
        "{warnings:#?}"
    );
    // A required one skips its operation, and only it.
    assert!(has("api.json#/paths/~1things~1{Id}/put/parameters/filter: operation skipped: required parameter `filter`"), "{warnings:#?}");
    assert!(!generated.code.contains("pub fn put_thing("));
}

#[test]
fn model_chime_openapi_json_is_the_export_of_model_chime_json() {
    let smithy = sdkgen::load(&[root().join("model/chime.json")], &Settings::default()).unwrap();
    let exported =
        sdkgen::openapi::export::export_text(&smithy).expect("a restJson1 service exports");
    let path = root().join("model/chime.openapi.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &exported).unwrap();
        return;
    }
    assert!(
        std::fs::read_to_string(&path).unwrap() == exported,
        "model/chime.openapi.json is stale; refresh it with:\n    cargo run -p sdkgen -- openapi --model model/chime.json --out model/chime.openapi.json"
    );
}

/// An awsJson service has one path for every operation: the export refuses
/// it with a located error instead of writing a document that says
/// something else.
#[test]
fn an_aws_json_service_is_refused_with_a_located_error() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/aws_json.json");
    let service = sdkgen::load(&[path], &sdkgen::Settings::default()).expect("loads");
    let err = sdkgen::openapi::export::export_text(&service).expect_err("refused");
    let text = err.to_string();
    assert!(
        text.contains("error: example.rpc#Ledger: the service uses awsJson1_1: the OpenAPI export describes restJson1 services only"),
        "{text}"
    );
    assert!(
        text.contains("hint: awsJson sends every operation as `POST /`"),
        "{text}"
    );
}

/// A blob or text `@httpPayload` is the body itself, of its media type
/// (binary or text), not a JSON object; it imports back as the payload it
/// was. A `required` list is left out where it would be empty.
#[test]
fn raw_payloads_export_as_their_media_types() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/models/payloads.json");
    let service = sdkgen::load(&[path], &sdkgen::Settings::default()).expect("loads");
    let doc: serde_json::Value =
        serde_json::from_str(&sdkgen::openapi::export::export_text(&service).expect("exports"))
            .unwrap();
    let put = &doc["paths"]["/blobs/{Name}"]["put"];
    let body = &put["requestBody"]["content"]["application/octet-stream"]["schema"];
    assert_eq!(
        (body["type"].as_str(), body["format"].as_str()),
        (Some("string"), Some("binary")),
        "{put:#}"
    );
    let text = &doc["paths"]["/text"]["get"]["responses"]["200"]["content"]["text/plain"];
    assert!(text.is_object(), "{doc:#}");
    let text = serde_json::to_string(&doc).unwrap();
    assert!(
        !text.contains(r#""required":[]"#),
        "no empty required lists"
    );
    // Back through the importer: the same payload members.
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("payloads.openapi.json");
    std::fs::write(&file, text).unwrap();
    let again = sdkgen::load(&[file], &sdkgen::Settings::default()).expect("imports");
    let payload = |s: &sdkgen::ir::Service, op: &str| {
        let op = s
            .operations
            .iter()
            .find(|o| o.name == op)
            .expect("the operation");
        op.input
            .members
            .iter()
            .chain(&op.output.members)
            .filter(|m| m.binding == sdkgen::ir::Binding::Payload)
            .map(|m| (m.name.clone(), m.ty.clone(), m.media_type.clone()))
            .collect::<Vec<_>>()
    };
    for op in ["PutBlob", "GetText"] {
        assert_eq!(payload(&again, op), payload(&service, op), "{op}");
        assert!(!payload(&service, op).is_empty(), "{op} has a payload");
    }
}

#[test]
fn greedy_labels_export_as_plain_templates_and_round_trip() {
    // labels.json: `/buckets/{Bucket}/objects/{Key+}?list-type=2`.
    let model = root().join("codegen/tests/models/labels.json");
    let smithy = sdkgen::load(std::slice::from_ref(&model), &Settings::default()).unwrap();
    let doc = sdkgen::openapi::export::export(&smithy).unwrap();
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert!(
        paths.iter().all(|p| !p.contains('+')),
        "an OpenAPI template names parameters only: {paths:?}"
    );
    let path = "/buckets/{Bucket}/objects/{Key}?list-type=2";
    let item = doc["paths"][path]
        .as_object()
        .unwrap_or_else(|| panic!("no `{path}` in {paths:?}"));
    let params = item.values().next().unwrap()["parameters"]
        .as_array()
        .unwrap();
    let param = |name: &str| {
        params
            .iter()
            .find(|p| p["name"] == name && p["in"] == "path")
            .unwrap_or_else(|| panic!("no path parameter {name}"))
    };
    assert_eq!(param("Key")["x-sdkgen-greedy"], true);
    assert!(param("Bucket").get("x-sdkgen-greedy").is_none());
    round_trip(&model);
}

/// A parameter of several scalar types (an id or a name, through `allOf`
/// wrappers as Nexus writes it) is the text on the wire: a string.
#[test]
fn a_parameter_of_several_scalar_types_is_a_string() {
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "Example", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/things/{thing}": {"get": {
            "operationId": "GetThing",
            "parameters": [{"name": "thing", "in": "path", "required": true,
                "schema": {"$ref": "#/components/schemas/NameOrId"}}],
            "responses": {"204": {"description": "ok"}}
        }}},
        "components": {"schemas": {"NameOrId": {"oneOf": [
            {"title": "id", "allOf": [{"type": "string", "format": "uuid"}]},
            {"title": "name", "allOf": [{"type": "integer"}]}
        ]}}}
    });
    let generated = sdkgen::generate(
        &[("api.json".to_owned(), doc.to_string())],
        &Settings::default(),
    )
    .unwrap();
    assert!(generated.warnings.is_empty(), "{:#?}", generated.warnings);
    let code = generated.code.replace(char::is_whitespace, "");
    assert!(
        code.contains(
            "pubfnthing(mutself,input:impl::std::convert::Into<::std::string::String>,)->Self"
        ),
        "the label is not a string"
    );
}

/// openapi_quirks.yaml: an extension among the paths is no path and says
/// nothing; a path item in a file that is not there is left out, and a
/// cycle of references read as any JSON, each with a warning naming its
/// pointer; the rest generates.
#[test]
fn extensions_among_the_paths_and_a_missing_file_leave_the_rest() {
    let models = root().join("codegen/tests/models");
    let text = std::fs::read_to_string(models.join("openapi_quirks.yaml")).unwrap();
    let mut settings = Settings::default();
    settings.model_dir = Some(models);
    let generated =
        sdkgen::generate(&[("openapi_quirks.yaml".to_owned(), text)], &settings).unwrap();
    let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
    // Two: the cycle of references and the missing file.
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].starts_with(
            "warning: openapi_quirks.yaml#/components/schemas/Status/properties/loop: `$ref` to `#/components/schemas/Loop` names no schema"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].starts_with(
            "warning: openapi_quirks.yaml#/paths/~1missing: `$ref` `./not-there/missing.yaml`:"
        ),
        "{warnings:#?}"
    );
    let operations = generated
        .code
        .lines()
        .filter(|l| l.trim_start().starts_with("pub mod ") && l.contains('{'))
        .filter(|l| {
            ["search", "add_pet", "get_status"]
                .iter()
                .any(|op| l.trim() == format!("pub mod {op} {{"))
        })
        .count();
    assert_eq!(operations, 3);
}
