//! Structured mutations of `model/chime.openapi.json`.

use crate::common::*;
use serde_json::{json, Value};

pub const MODEL: &str = include_str!("../../model/chime.openapi.json");

const SCHEMAS: &str = "/components/schemas";
const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

/// The document after the mutations `data` chooses (the model itself for
/// empty input).
pub fn mutate(data: &[u8]) -> String {
    let mut doc: Value = serde_json::from_str(MODEL).expect("the OpenAPI model is JSON");
    let mut d = Dice::new(data);
    let rounds = 1 + d.below(8);
    for _ in 0..rounds {
        if d.is_empty() {
            break;
        }
        mutate_once(&mut doc, &mut d);
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// Every mutation, by name (`FUZZ_SKIP_MUTATIONS=name,name` turns some
/// off, to look past a bug that one of them finds every time).
const MUTATIONS: &[(&str, Mutation)] = &[
    ("rename_operation_id", rename_operation_id),
    ("rename_schema", rename_schema),
    ("rename_property", rename_property),
    ("mutate_enum", mutate_enum),
    ("add_error_response", add_error_response),
    ("change_property_type", change_property_type),
    ("wrong_default", wrong_default),
    ("dangling_ref", dangling_ref),
    ("remove_required", remove_required),
    ("error_extension", error_extension),
    ("io_extension", io_extension),
    ("errors_extension", errors_extension),
    ("service_extension", service_extension),
    ("change_path", change_path),
    ("add_parameter", add_parameter),
    ("duplicate_operation", duplicate_operation),
    ("paginated", paginated),
    ("member_extension", member_extension),
    ("add_component", add_component),
    ("change_method", change_method),
    ("self_reference", self_reference),
    ("mutate_anywhere", mutate_anywhere),
];

fn mutate_once(doc: &mut Value, d: &mut Dice) {
    let (name, mutation) = MUTATIONS[d.below(MUTATIONS.len())];
    if !skipped(name) {
        mutation(doc, d);
    }
}

/// `(path, method)` of every operation.
fn operations(doc: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for path in keys_at(doc, "/paths") {
        for method in keys_at(doc, &format!("/paths/{}", escape(&path))) {
            if METHODS.contains(&method.as_str()) {
                out.push((path.clone(), method));
            }
        }
    }
    out
}

fn pick_operation(doc: &Value, d: &mut Dice) -> Option<String> {
    let (path, method) = d.pick(&operations(doc))?.clone();
    Some(format!("/paths/{}/{method}", escape(&path)))
}

/// Pointers of every schema that holds `properties`.
fn object_schemas(doc: &Value) -> Vec<String> {
    pointers(doc)
        .into_iter()
        .filter(|p| {
            doc.pointer(p)
                .and_then(|v| v.get("properties"))
                .is_some_and(Value::is_object)
        })
        .collect()
}

/// Pointers of every property schema and parameter schema.
fn property_schemas(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for at in object_schemas(doc) {
        for key in keys_at(doc, &format!("{at}/properties")) {
            out.push(format!("{at}/properties/{}", escape(&key)));
        }
    }
    for p in pointers(doc) {
        if p.ends_with("/schema")
            && p.contains("/parameters/")
            && doc.pointer(&p).is_some_and(Value::is_object)
        {
            out.push(p);
        }
    }
    out
}

fn schema_keys(doc: &Value) -> Vec<String> {
    keys_at(doc, SCHEMAS)
}

fn rename_operation_id(doc: &mut Value, d: &mut Dice) {
    let Some(op) = pick_operation(doc, d) else {
        return;
    };
    let old = doc
        .pointer(&format!("{op}/operationId"))
        .and_then(Value::as_str)
        .unwrap_or("CreateRoom")
        .to_owned();
    let new = nasty_name(d, &old);
    if let Some(o) = doc.pointer_mut(&op).and_then(Value::as_object_mut) {
        o.insert("operationId".into(), json!(new));
        if d.chance(1, 2) {
            // Without the export's ids the importer names things itself.
            o.remove("x-sdkgen-id");
            o.remove("x-sdkgen-input");
            o.remove("x-sdkgen-output");
        }
    }
    if d.chance(1, 2) {
        replace_strings(doc, &old, &new);
    }
}

fn rename_schema(doc: &mut Value, d: &mut Dice) {
    let Some(old) = d.pick_owned(&schema_keys(doc)) else {
        return;
    };
    let new = nasty_name(d, &old);
    let consistent = d.below(4) != 0;
    if let Some(schemas) = doc.pointer_mut(SCHEMAS).and_then(Value::as_object_mut) {
        rename_key(schemas, &old, &new);
        if let Some(s) = schemas.get_mut(&new).and_then(Value::as_object_mut) {
            match d.below(3) {
                0 => {
                    s.remove("x-sdkgen-name");
                    s.remove("x-sdkgen-id");
                }
                1 => {
                    s.insert("x-sdkgen-name".into(), json!(new.clone()));
                    s.insert("x-sdkgen-id".into(), json!(format!("com.fuzz#{new}")));
                }
                _ => {}
            }
        }
    }
    if consistent {
        replace_strings(
            doc,
            &format!("#/components/schemas/{old}"),
            &format!("#/components/schemas/{new}"),
        );
    }
}

fn rename_property(doc: &mut Value, d: &mut Dice) {
    let Some(at) = d.pick_owned(&object_schemas(doc)) else {
        return;
    };
    let props = format!("{at}/properties");
    let Some(old) = d.pick_owned(&keys_at(doc, &props)) else {
        return;
    };
    let new = if d.chance(1, 4) {
        // A collision with a sibling, or one after case conversion.
        let siblings = keys_at(doc, &props);
        d.pick_owned(&siblings)
            .map(|s| match d.below(3) {
                0 => s.to_lowercase(),
                1 => s.to_uppercase(),
                _ => s,
            })
            .unwrap_or_default()
    } else {
        nasty_name(d, &old)
    };
    let member_ext = d.below(3);
    if let Some(o) = doc.pointer_mut(&props).and_then(Value::as_object_mut) {
        rename_key(o, &old, &new);
        if let Some(p) = o.get_mut(&new).and_then(Value::as_object_mut) {
            match member_ext {
                0 => {
                    p.remove("x-sdkgen-member");
                }
                1 => {
                    p.insert("x-sdkgen-member".into(), json!(new.clone()));
                }
                _ => {}
            }
        }
    }
    if let Some(req) = doc
        .pointer_mut(&format!("{at}/required"))
        .and_then(Value::as_array_mut)
    {
        for r in req.iter_mut() {
            if r.as_str() == Some(old.as_str()) {
                *r = json!(new.clone());
            }
        }
    }
}

fn mutate_enum(doc: &mut Value, d: &mut Dice) {
    let enums: Vec<String> = pointers(doc)
        .into_iter()
        .filter(|p| doc.pointer(p).and_then(|v| v.get("enum")).is_some())
        .collect();
    let Some(at) = d.pick_owned(&enums) else {
        return;
    };
    let Some(schema) = doc.pointer_mut(&at).and_then(Value::as_object_mut) else {
        return;
    };
    let len = schema
        .get("enum")
        .and_then(Value::as_array)
        .map_or(0, Vec::len);
    let i = d.below(len.max(1));
    match d.below(7) {
        0 | 1 => {
            let old = schema["enum"][i].as_str().unwrap_or("").to_owned();
            let new = nasty_name(d, &old);
            if let Some(v) = schema.get_mut("enum").and_then(|e| e.get_mut(i)) {
                *v = json!(new);
            }
            if d.chance(1, 2) {
                schema.remove("x-sdkgen-variants");
            }
        }
        2 => {
            let name = nasty_name(d, "Variant");
            if let Some(v) = schema
                .get_mut("x-sdkgen-variants")
                .and_then(|e| e.get_mut(i))
                .and_then(Value::as_object_mut)
            {
                v.insert("name".into(), json!(name));
            }
        }
        3 => {
            // A duplicate value, or one equal after case conversion.
            let old = schema["enum"][i].clone();
            let dup = match (d.below(2), old.as_str()) {
                (0, Some(s)) => json!(s.to_lowercase()),
                _ => old,
            };
            if let Some(e) = schema.get_mut("enum").and_then(Value::as_array_mut) {
                e.push(dup);
            }
        }
        4 => {
            // Values of the wrong type: an integer enum of strings, or
            // the other way round.
            let ty = if d.chance(1, 2) { "integer" } else { "string" };
            schema.insert("type".into(), json!(ty));
            if ty == "integer" && d.chance(1, 2) {
                schema.insert("enum".into(), json!([1, 2, 300, -1, 2147483648u64]));
            }
        }
        5 => {
            let v = nasty_value(d);
            if let Some(e) = schema.get_mut("enum").and_then(Value::as_array_mut) {
                e.push(v);
            }
        }
        _ => {
            schema.insert("enum".into(), json!([]));
        }
    }
}

fn add_error_response(doc: &mut Value, d: &mut Dice) {
    let Some(op) = pick_operation(doc, d) else {
        return;
    };
    let keys = schema_keys(doc);
    let target = match d.below(4) {
        0 => "DanglingException".to_owned(),
        1 => nasty_name(d, "Error"),
        _ => d.pick_owned(&keys).unwrap_or_default(),
    };
    if d.chance(1, 3) {
        // A fresh component that is no `x-sdkgen-error`.
        let prop = nasty_name(d, "Message");
        if let Some(s) = doc.pointer_mut(SCHEMAS).and_then(Value::as_object_mut) {
            s.insert(
                target.clone(),
                json!({"type": "object", "properties": {prop: {"type": "string"}}}),
            );
        }
    }
    let status = *d
        .pick(&[
            "400", "401", "409", "418", "422", "499", "4XX", "default", "999", "100", "302", "200",
            "204", "600", "0",
        ])
        .unwrap_or(&"409");
    let r = format!("#/components/schemas/{target}");
    let schema = if d.chance(1, 2) {
        json!({"$ref": r})
    } else {
        json!({"oneOf": [{"$ref": r}, {"$ref": "#/components/schemas/Room"}, {"type": "string"}]})
    };
    let with_ext = d.chance(1, 3);
    if let Some(o) = doc.pointer_mut(&op).and_then(Value::as_object_mut) {
        if let Some(responses) = o.get_mut("responses").and_then(Value::as_object_mut) {
            responses.insert(
                status.into(),
                json!({"description": "Error", "content": {"application/json": {"schema": schema}}}),
            );
        }
        if with_ext {
            if let Some(e) = o.get_mut("x-sdkgen-errors").and_then(Value::as_array_mut) {
                e.push(json!(format!("com.amazonaws.chime#{target}")));
            }
        } else {
            o.remove("x-sdkgen-errors");
        }
    }
}

/// A schema of any kind, mostly scalar.
fn random_schema(doc: &Value, d: &mut Dice, depth: usize) -> Value {
    let keys = schema_keys(doc);
    let choice = if depth > 2 { d.below(9) } else { d.below(16) };
    match choice {
        0 => json!({"type": "string"}),
        1 => json!({"type": "integer", "format": "int8"}),
        2 => json!({"type": "integer", "format": "int16"}),
        3 => json!({"type": "integer"}),
        4 => json!({"type": "integer", "format": "int64"}),
        5 => json!({"type": "number", "format": "float"}),
        6 => json!({"type": "number"}),
        7 => json!({"type": "boolean"}),
        8 => {
            json!({"type": "string", "format": *d.pick(&["date-time", "byte", "binary", "date", "uuid", "bogus"]).unwrap_or(&"byte"),
                    "x-sdkgen-timestamp": *d.pick(&["http-date", "epoch-seconds", "date-time", "bogus"]).unwrap_or(&"bogus")})
        }
        9 => json!({"type": "array", "items": random_schema(doc, d, depth + 1),
                    "minItems": d.below(4), "maxItems": d.below(4)}),
        10 => json!({"type": "object", "additionalProperties": random_schema(doc, d, depth + 1)}),
        11 => json!({"type": "object"}),
        12 => {
            let k = d.pick_owned(&keys).unwrap_or_default();
            json!({"$ref": format!("#/components/schemas/{k}")})
        }
        13 => {
            let k = d.pick_owned(&keys).unwrap_or_default();
            json!({"allOf": [{"$ref": format!("#/components/schemas/{k}")}]})
        }
        14 => json!({"type": "string", "enum": ["a", "b"]}),
        _ => {
            let mut s = random_schema(doc, d, depth + 1);
            if let Some(o) = s.as_object_mut() {
                o.insert("nullable".into(), json!(true));
            }
            s
        }
    }
}

fn change_property_type(doc: &mut Value, d: &mut Dice) {
    let Some(at) = d.pick_owned(&property_schemas(doc)) else {
        return;
    };
    let mut schema = random_schema(doc, d, 0);
    let keep = doc.pointer(&at).cloned().unwrap_or(json!({}));
    if let (Some(new), Some(old)) = (schema.as_object_mut(), keep.as_object()) {
        // Keep the `x-sdkgen-*` annotations, which now may not fit.
        for (k, v) in old {
            if k.starts_with("x-sdkgen") && d.chance(1, 2) {
                new.insert(k.clone(), v.clone());
            }
        }
    }
    if let Some(slot) = doc.pointer_mut(&at) {
        *slot = schema;
    }
}

fn wrong_default(doc: &mut Value, d: &mut Dice) {
    let Some(at) = d.pick_owned(&property_schemas(doc)) else {
        return;
    };
    let retype = d.chance(1, 2);
    let schema = if retype {
        random_schema(doc, d, 2)
    } else {
        json!(null)
    };
    let default = nasty_value(d);
    let sensitive = d.chance(1, 3);
    if let Some(slot) = doc.pointer_mut(&at) {
        if retype {
            *slot = schema;
        }
        if let Some(o) = slot.as_object_mut() {
            o.insert("default".into(), default);
            if sensitive {
                o.insert("x-sdkgen-sensitive".into(), json!(true));
            }
        } else if slot.get("$ref").is_none() {
            *slot = json!({"default": default});
        }
    }
}

fn dangling_ref(doc: &mut Value, d: &mut Dice) {
    let refs: Vec<String> = pointers(doc)
        .into_iter()
        .filter(|p| p.ends_with("/$ref"))
        .collect();
    let Some(at) = d.pick_owned(&refs) else {
        return;
    };
    let new = match d.below(6) {
        0 => "#/components/schemas/Nowhere".to_owned(),
        1 => String::new(),
        2 => "#/components/responses/Room".to_owned(),
        3 => "other.json#/components/schemas/Room".to_owned(),
        4 => "#/components/schemas/".to_owned(),
        _ => format!("#/components/schemas/{}", nasty_name(d, "Room")),
    };
    if let Some(slot) = doc.pointer_mut(&at) {
        *slot = json!(new);
    }
}

fn remove_required(doc: &mut Value, d: &mut Dice) {
    match d.below(8) {
        0 => {
            if let Some(op) = pick_operation(doc, d) {
                if let Some(o) = doc.pointer_mut(&op).and_then(Value::as_object_mut) {
                    o.remove("operationId");
                }
            }
        }
        1 => {
            if let Some(op) = pick_operation(doc, d) {
                if let Some(o) = doc.pointer_mut(&op).and_then(Value::as_object_mut) {
                    o.remove(
                        *d.pick(&["responses", "requestBody", "parameters"])
                            .unwrap_or(&"responses"),
                    );
                }
            }
        }
        2 => {
            let key = *d
                .pick(&["info", "paths", "components", "openapi", "x-sdkgen-service"])
                .unwrap_or(&"info");
            if let Some(o) = doc.as_object_mut() {
                o.remove(key);
            }
        }
        3 => {
            let key = *d
                .pick(&["signingName", "sdkId", "endpoint", "id"])
                .unwrap_or(&"signingName");
            if let Some(o) = doc
                .pointer_mut("/x-sdkgen-service")
                .and_then(Value::as_object_mut)
            {
                o.remove(key);
            }
        }
        4 => {
            // A path parameter that is not required.
            for p in pointers(doc) {
                if p.ends_with("/parameters/0") {
                    if let Some(o) = doc.pointer_mut(&p).and_then(Value::as_object_mut) {
                        o.insert("required".into(), json!(false));
                    }
                }
            }
        }
        5 => {
            // `required` names a property that does not exist, or is dropped.
            let Some(at) = d.pick_owned(&object_schemas(doc)) else {
                return;
            };
            let name = nasty_name(d, "Missing");
            let drop = d.chance(1, 2);
            if let Some(o) = doc.pointer_mut(&at).and_then(Value::as_object_mut) {
                if drop {
                    o.remove("required");
                } else {
                    o.insert("required".into(), json!([name]));
                }
            }
        }
        6 => {
            // Every property of an object dropped.
            let Some(at) = d.pick_owned(&object_schemas(doc)) else {
                return;
            };
            if let Some(o) = doc.pointer_mut(&at).and_then(Value::as_object_mut) {
                o.insert("properties".into(), json!({}));
            }
        }
        _ => {
            // A schema without a type.
            let Some(at) = d.pick_owned(&property_schemas(doc)) else {
                return;
            };
            if let Some(o) = doc.pointer_mut(&at).and_then(Value::as_object_mut) {
                o.remove("type");
            }
        }
    }
}

fn error_extension(doc: &mut Value, d: &mut Dice) {
    let errors: Vec<String> = schema_keys(doc)
        .into_iter()
        .filter(|k| {
            doc.pointer(&format!("{SCHEMAS}/{}/x-sdkgen-error", escape(k)))
                .is_some()
        })
        .collect();
    let Some(key) = d.pick_owned(&errors) else {
        return;
    };
    let at = format!("{SCHEMAS}/{}", escape(&key));
    let choice = d.below(6);
    let value = nasty_value(d);
    let name = nasty_name(d, &key);
    let Some(s) = doc.pointer_mut(&at).and_then(Value::as_object_mut) else {
        return;
    };
    match choice {
        0 => {
            s.remove("x-sdkgen-error");
        }
        1 => {
            s.insert("x-sdkgen-error".into(), value);
        }
        _ => {
            if let Some(e) = s.get_mut("x-sdkgen-error").and_then(Value::as_object_mut) {
                match choice {
                    2 => {
                        e.insert("status".into(), value);
                    }
                    3 => {
                        e.insert("fault".into(), value);
                    }
                    4 => {
                        e.insert("codes".into(), json!([name, "", 1]));
                    }
                    _ => {
                        e.insert("retry".into(), value);
                    }
                }
            }
        }
    }
}

fn io_extension(doc: &mut Value, d: &mut Dice) {
    let Some(op) = pick_operation(doc, d) else {
        return;
    };
    let which = if d.chance(1, 2) {
        "x-sdkgen-input"
    } else {
        "x-sdkgen-output"
    };
    let field = *d
        .pick(&["rustName", "name", "id", "members", "docs"])
        .unwrap_or(&"rustName");
    let value = if d.chance(3, 4) {
        json!(nasty_name(d, "CreateRoomInput"))
    } else {
        nasty_value(d)
    };
    if let Some(o) = doc
        .pointer_mut(&format!("{op}/{which}"))
        .and_then(Value::as_object_mut)
    {
        o.insert(field.into(), value);
    }
}

fn errors_extension(doc: &mut Value, d: &mut Dice) {
    let Some(op) = pick_operation(doc, d) else {
        return;
    };
    let id = match d.below(4) {
        0 => "com.amazonaws.chime#Room".to_owned(),
        1 => "com.amazonaws.chime#ErrorCode".to_owned(),
        2 => "com.amazonaws.chime#CreateRoomRequest".to_owned(),
        _ => nasty_name(d, "com.amazonaws.chime#"),
    };
    if let Some(e) = doc
        .pointer_mut(&format!("{op}/x-sdkgen-errors"))
        .and_then(Value::as_array_mut)
    {
        e.push(json!(id));
    }
}

fn service_extension(doc: &mut Value, d: &mut Dice) {
    let field = *d
        .pick(&[
            "sdkId",
            "signingName",
            "id",
            "endpoint",
            "endpoint/url",
            "endpoint/signingRegion",
            "endpoint/prefix",
            "auth",
        ])
        .unwrap_or(&"sdkId");
    let value = match (field, d.below(3)) {
        ("auth", 0) => json!(["noAuth"]),
        ("auth", 1) => json!(["httpBearerAuth", "sigv4"]),
        ("auth", _) => json!([nasty_name(d, "sigv4")]),
        ("endpoint", _) => json!({"prefix": nasty_name(d, "chime")}),
        (_, 0) => nasty_value(d),
        _ => json!(nasty_name(d, "Chime")),
    };
    let (parent, key) = match field.split_once('/') {
        Some((p, k)) => (format!("/x-sdkgen-service/{p}"), k),
        None => ("/x-sdkgen-service".to_owned(), field),
    };
    if let Some(o) = doc.pointer_mut(&parent).and_then(Value::as_object_mut) {
        o.insert(key.into(), value);
    }
    if d.chance(1, 4) {
        let title = nasty_name(d, "Chime");
        if let Some(o) = doc.pointer_mut("/info").and_then(Value::as_object_mut) {
            o.insert("title".into(), json!(title));
        }
        if let Some(o) = doc
            .pointer_mut("/x-sdkgen-service")
            .and_then(Value::as_object_mut)
        {
            o.remove("sdkId");
        }
    }
}

fn change_path(doc: &mut Value, d: &mut Dice) {
    let paths = keys_at(doc, "/paths");
    let Some(old) = d.pick_owned(&paths) else {
        return;
    };
    let label = nasty_name(d, "AccountId");
    let new = match d.below(10) {
        0 => "/accounts/{AccountId+}/rooms".to_owned(),
        1 => "/accounts/{AccountId}/{AccountId}".to_owned(),
        2 => "/accounts/{}/rooms".to_owned(),
        3 => "/accounts/{AccountId/rooms".to_owned(),
        4 => "/accounts/{AccountId}/rooms?x=y&z".to_owned(),
        5 => "accounts/{AccountId}".to_owned(),
        6 => String::new(),
        7 => "/accounts/{AccountId}/rooms/{Extra}".to_owned(),
        8 => format!("/accounts/{{{label}}}/rooms"),
        _ => format!("/{label}/{{AccountId}}"),
    };
    if let Some(p) = doc.pointer_mut("/paths").and_then(Value::as_object_mut) {
        rename_key(p, &old, &new);
    }
    if d.chance(1, 3) {
        // Keep the label and its parameter together.
        replace_strings(doc, "AccountId", &label);
    }
}

fn add_parameter(doc: &mut Value, d: &mut Dice) {
    let Some(op) = pick_operation(doc, d) else {
        return;
    };
    let name = nasty_name(d, "Param");
    let place = *d
        .pick(&["query", "header", "path", "cookie", "body"])
        .unwrap_or(&"query");
    let schema = random_schema(doc, d, 1);
    let required = d.chance(1, 2);
    let mut p = json!({"name": name, "in": place, "required": required, "schema": schema});
    if d.chance(1, 3) {
        p["x-sdkgen-member"] = json!(nasty_name(d, &name));
    }
    if let Some(o) = doc.pointer_mut(&op).and_then(Value::as_object_mut) {
        let params = o.entry("parameters").or_insert_with(|| json!([]));
        if let Some(a) = params.as_array_mut() {
            a.push(p);
        }
    }
}

fn duplicate_operation(doc: &mut Value, d: &mut Dice) {
    let Some(op) = pick_operation(doc, d) else {
        return;
    };
    let Some(mut copy) = doc.pointer(&op).cloned() else {
        return;
    };
    let old = copy["operationId"]
        .as_str()
        .unwrap_or("CreateRoom")
        .to_owned();
    let name = match d.below(4) {
        0 => old.to_lowercase(),
        1 => old.clone(),
        2 => "create_room".to_owned(),
        _ => nasty_name(d, &old),
    };
    copy["operationId"] = json!(name);
    if let Some(o) = copy.as_object_mut() {
        if d.chance(1, 2) {
            o.remove("x-sdkgen-id");
            o.remove("x-sdkgen-input");
            o.remove("x-sdkgen-output");
        }
    }
    let method = d.pick_str(METHODS);
    let path = if d.chance(1, 2) {
        "/accounts/{AccountId}/rooms".to_owned()
    } else {
        format!(
            "/accounts/{{AccountId}}/{}",
            escape(&nasty_name(d, "rooms"))
        )
    };
    if let Some(paths) = doc.pointer_mut("/paths").and_then(Value::as_object_mut) {
        let item = paths.entry(path).or_insert_with(|| json!({}));
        if let Some(item) = item.as_object_mut() {
            item.insert(method.into(), copy);
        }
    }
    if let Some(order) = doc
        .pointer_mut("/x-sdkgen-operations")
        .and_then(Value::as_array_mut)
    {
        order.push(json!(name));
    }
}

fn paginated(doc: &mut Value, d: &mut Dice) {
    let Some(op) = pick_operation(doc, d) else {
        return;
    };
    let names = [
        "Name",
        "ClientRequestToken",
        "Room",
        "AccountId",
        "Nope",
        "",
    ];
    let p = json!({
        "inputToken": d.pick_str(&names),
        "outputToken": d.pick_str(&names),
        "items": d.pick_str(&names),
        "pageSize": d.pick_str(&names),
    });
    if let Some(o) = doc.pointer_mut(&op).and_then(Value::as_object_mut) {
        o.insert("x-sdkgen-paginated".into(), p);
    }
}

fn member_extension(doc: &mut Value, d: &mut Dice) {
    let Some(at) = d.pick_owned(&property_schemas(doc)) else {
        return;
    };
    let (key, value) = match d.below(12) {
        0 => (
            "x-sdkgen-binding",
            json!(*d
                .pick(&["queryParams", "payload", "responseCode", "bogus"])
                .unwrap_or(&"payload")),
        ),
        1 => (
            "x-sdkgen-binding",
            json!({"header": nasty_name(d, "X-Header")}),
        ),
        2 => (
            "x-sdkgen-binding",
            json!({"prefixHeaders": nasty_name(d, "X-Prefix-")}),
        ),
        3 => ("x-sdkgen-length", json!([d.below(100), d.below(3)])),
        4 => ("x-sdkgen-range", json!([nasty_value(d), nasty_value(d)])),
        5 => (
            "pattern",
            json!(*d
                .pick(&[
                    "(",
                    "[",
                    "\\",
                    "^a{2,1}$",
                    "(?<n>a)",
                    "\\p{Bogus}",
                    "(?=a)",
                    "",
                    "\\S"
                ])
                .unwrap_or(&"(")),
        ),
        6 => ("minLength", json!(d.below(70))),
        7 => ("maxLength", json!(d.below(3))),
        8 => ("x-sdkgen-member", json!(nasty_name(d, "Member"))),
        9 => ("x-sdkgen-idempotency-token", json!(true)),
        10 => ("description", json!(nasty_name(d, "*/ docs \"\\ ```"))),
        _ => ("x-sdkgen-media-type", json!(nasty_name(d, "text/plain"))),
    };
    if let Some(o) = doc.pointer_mut(&at).and_then(Value::as_object_mut) {
        o.insert(key.into(), value);
    }
}

fn add_component(doc: &mut Value, d: &mut Dice) {
    let name = nasty_name(d, "Fuzz");
    let prop = nasty_name(d, "Field");
    let prop_schema = random_schema(doc, d, 1);
    let schema = match d.below(5) {
        0 => json!({"type": "object", "x-sdkgen-union": true,
                    "properties": {prop.clone(): prop_schema, "B": {"type": "string"}}}),
        1 => json!({"type": "integer", "enum": [1, 2, 300],
                    "x-sdkgen-variants": [{"name": nasty_name(d, "One")}, {"name": "Two"}]}),
        2 => json!({"type": "string", "enum": [nasty_name(d, "a"), nasty_name(d, "b")]}),
        3 => {
            json!({"type": "object", "properties": {prop.clone(): {"$ref": format!("#/components/schemas/{name}")}}})
        }
        _ => {
            json!({"type": "object", "properties": {prop.clone(): prop_schema}, "required": [prop.clone()]})
        }
    };
    if let Some(s) = doc.pointer_mut(SCHEMAS).and_then(Value::as_object_mut) {
        s.insert(name.clone(), schema);
    }
    // Reach it from Room (in the output) or from the request body.
    let field = nasty_name(d, "Extra");
    let from = if d.chance(1, 2) {
        format!("{SCHEMAS}/Room/properties")
    } else {
        "/paths/~1accounts~1{AccountId}~1rooms/post/requestBody/content/application~1json/schema/properties"
            .to_owned()
    };
    if let Some(o) = doc.pointer_mut(&from).and_then(Value::as_object_mut) {
        o.insert(
            field,
            json!({"$ref": format!("#/components/schemas/{name}")}),
        );
    }
}

fn change_method(doc: &mut Value, d: &mut Dice) {
    let paths = keys_at(doc, "/paths");
    let Some(path) = d.pick_owned(&paths) else {
        return;
    };
    let at = format!("/paths/{}", escape(&path));
    let methods = keys_at(doc, &at);
    let Some(old) = d.pick_owned(&methods) else {
        return;
    };
    let new = *d
        .pick(&["get", "head", "delete", "trace", "options", "patch", "put"])
        .unwrap_or(&"get");
    if let Some(o) = doc.pointer_mut(&at).and_then(Value::as_object_mut) {
        rename_key(o, &old, new);
    }
}

/// A component that holds itself without an object in between (an array of
/// itself, a map of itself, an `allOf` of itself, or two arrays of each
/// other), reached from Room.
fn self_reference(doc: &mut Value, d: &mut Dice) {
    let name = if d.chance(1, 2) {
        "Loop".to_owned()
    } else {
        nasty_name(d, "Loop")
    };
    let r = json!({"$ref": format!("#/components/schemas/{name}")});
    let (schema, other) = match d.below(4) {
        0 => (json!({"type": "array", "items": r}), None),
        1 => (json!({"type": "object", "additionalProperties": r}), None),
        2 => (json!({"allOf": [r]}), None),
        _ => (
            json!({"type": "array", "items": {"$ref": "#/components/schemas/Other"}}),
            Some(json!({"type": "array", "items": r})),
        ),
    };
    if let Some(s) = doc.pointer_mut(SCHEMAS).and_then(Value::as_object_mut) {
        s.insert(name.clone(), schema);
        if let Some(o) = other {
            s.insert("Other".into(), o);
        }
    }
    if let Some(o) = doc
        .pointer_mut(&format!("{SCHEMAS}/Room/properties"))
        .and_then(Value::as_object_mut)
    {
        o.insert(
            "Loop".into(),
            json!({"$ref": format!("#/components/schemas/{name}")}),
        );
    }
}
