//! An OpenAPI document's text to one self-contained JSON tree, before it is
//! read into `openapiv3`'s typed structs:
//!
//! 1. JSON or YAML, told apart by content (a document that opens with `{`
//!    is JSON), YAML through `serde_yaml_ng` with its keys made strings
//!    (`200:` is a number in YAML, a status in OpenAPI);
//! 2. the version: 3.0.x and 3.1.x are read; Swagger 2.0 is refused with a
//!    hint;
//! 3. `$ref`s: a reference to a component schema
//!    (`#/components/schemas/Pet`) stays a reference, since component
//!    schemas become named types; every other reference (parameters,
//!    responses, request bodies, headers, path items, a schema's inner
//!    part) is replaced by what it points to, and a reference into another
//!    file beside the document is read from that file, its component
//!    schemas hoisted into this document's;
//! 4. the schemas, in one dialect: OpenAPI 3.1 (JSON Schema 2020-12) says
//!    several things 3.0 says otherwise (`type: [T, "null"]` for
//!    `nullable`, `const`, numeric `exclusiveMinimum`, boolean schemas),
//!    and 3.0 documents written by others use some of them too. Both are
//!    rewritten into the 3.0 form `openapiv3` reads, so one importer serves
//!    both versions (see `super::import` for why `openapiv3`).

use crate::diag::Diagnostics;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A document made self-contained and of one dialect.
pub struct Loaded {
    /// The tree, in 3.0 form.
    pub doc: Value,
}

/// Whether `text` is an OpenAPI (or Swagger) document rather than a Smithy
/// JSON AST, by content: JSON with an `openapi` or `swagger` member, or
/// YAML with such a key at the top level.
pub fn is_openapi(text: &str) -> bool {
    if text.trim_start().starts_with('{') {
        return serde_json::from_str::<Value>(text)
            .is_ok_and(|v| v.get("openapi").is_some() || v.get("swagger").is_some());
    }
    text.lines().any(|l| {
        let l = l.trim_end();
        ["openapi:", "swagger:", "\"openapi\":", "'openapi':"]
            .iter()
            .any(|k| l.starts_with(k))
    })
}

/// Reads the document `source` (its text), resolving references to other
/// files relative to `base` (the document's folder) where one is given.
pub fn load(
    source: &str,
    text: &str,
    base: Option<&Path>,
    diags: &mut Diagnostics,
) -> Option<Loaded> {
    let mut doc = parse_text(source, text, diags)?;
    version(source, &doc, diags)?;
    let root = base.map(|b| b.join(file_part(source)));
    let mut refs = Refs {
        root: root.clone(),
        files: BTreeMap::new(),
        existing: doc
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default(),
        hoisted: BTreeMap::new(),
        new_schemas: Vec::new(),
        diags,
        source,
        stack: Vec::new(),
    };
    let snapshot = doc.clone();
    let mut path = Vec::new();
    refs.walk(&mut doc, &snapshot, &FileId::Root, &mut path);
    let hoisted = std::mem::take(&mut refs.new_schemas);
    if !hoisted.is_empty() {
        let schemas = doc
            .as_object_mut()
            .map(|o| {
                o.entry("components")
                    .or_insert_with(|| Value::Object(Map::new()))
            })
            .and_then(Value::as_object_mut)
            .map(|c| {
                c.entry("schemas")
                    .or_insert_with(|| Value::Object(Map::new()))
            });
        if let Some(Value::Object(schemas)) = schemas {
            for (name, schema) in hoisted {
                schemas.insert(name, schema);
            }
        }
    }
    dialect(&mut doc);
    Some(Loaded { doc })
}

fn file_part(source: &str) -> &str {
    source.split('#').next().unwrap_or(source)
}

/// JSON or YAML, by content.
fn parse_text(source: &str, text: &str, diags: &mut Diagnostics) -> Option<Value> {
    if text.trim_start().starts_with('{') {
        return diags.json(source, text, None);
    }
    match serde_yaml_ng::from_str::<Json>(text) {
        Ok(v) => Some(v.0),
        Err(e) => {
            let at = e.location().map_or_else(
                || source.to_owned(),
                |l| format!("{source}:{}:{}", l.line(), l.column()),
            );
            diags.error(at, format!("neither JSON nor YAML: {e}"), None);
            None
        }
    }
}

/// A YAML value read as JSON: keys become strings (`200` → `"200"`), tags
/// are dropped, and an integer too wide for 64 bits (OpenAI's document
/// bounds a seed by -9223372036854776000) becomes a float, where
/// `serde_yaml_ng`'s own `Value` refuses it.
struct Json(Value);

impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor).map(Json)
    }
}

struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or_else(|_| float(v as f64), Value::from))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(u64::try_from(v).map_or_else(|_| float(v as f64), Value::from))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Json(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some((Json(k), Json(v))) = map.next_entry()? {
            let key = match k {
                Value::String(s) => s,
                other => other.to_string(),
            };
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A YAML tag (`!Ref x`): the tagged value, tag dropped.
        use serde::de::VariantAccess;
        let (_, variant): (Json, _) = data.variant()?;
        variant.newtype_variant::<Json>().map(|j| j.0)
    }
}

fn float(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

/// Whether the document states a version read here (3.0.x or 3.1.x).
fn version(source: &str, doc: &Value, diags: &mut Diagnostics) -> Option<()> {
    if doc.get("swagger").is_some() {
        diags.error(
            format!("{source}#/swagger"),
            "Swagger 2.0 documents are not read",
            Some("convert it to OpenAPI 3 first (swagger2openapi, or the Swagger Editor's converter)"),
        );
        return None;
    }
    let stated = match doc.get("openapi") {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => {
            diags.error(
                source,
                "not an OpenAPI document: it has no `openapi` version",
                None,
            );
            return None;
        }
    };
    if stated.starts_with("3.0") || stated.starts_with("3.1") {
        Some(())
    } else {
        diags.error(
            format!("{source}#/openapi"),
            format!("OpenAPI {stated} is not read"),
            Some("sdkgen reads OpenAPI 3.0.x and 3.1.x"),
        );
        None
    }
}

// ---- references -----------------------------------------------------------

/// Which file a reference points into.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum FileId {
    Root,
    Other(PathBuf),
}

struct Refs<'a> {
    /// The document's own path, where known.
    root: Option<PathBuf>,
    /// Other files read, by path.
    files: BTreeMap<PathBuf, Option<std::rc::Rc<Value>>>,
    /// The document's own component schema names, which hoisted ones must not take.
    existing: Vec<String>,
    /// Schemas of other files hoisted into this document: (file, pointer)
    /// → component name.
    hoisted: BTreeMap<(PathBuf, String), String>,
    /// Hoisted schemas waiting to be inserted into `components/schemas`.
    new_schemas: Vec<(String, Value)>,
    diags: &'a mut Diagnostics,
    source: &'a str,
    /// References being inlined: one met again inside itself stays a
    /// reference (and is reported by the importer if it cannot be read).
    stack: Vec<(FileId, String)>,
}

/// A component schema reference of the document itself, which stays one.
fn schema_component(pointer: &str) -> Option<&str> {
    let name = pointer.strip_prefix("/components/schemas/")?;
    (!name.contains('/')).then_some(name)
}

/// JSON pointer unescaping of one token.
fn unescape(token: &str) -> String {
    let token = percent_decode(token);
    token.replace("~1", "/").replace("~0", "~")
}

/// `%7B` → `{` in a pointer written as a URI fragment.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// The value at a JSON pointer (`/a/b~1c`).
fn at_pointer<'v>(doc: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() || pointer == "/" {
        return Some(doc);
    }
    let mut at = doc;
    for token in pointer.trim_start_matches('/').split('/') {
        let token = unescape(token);
        at = match at {
            Value::Object(o) => o.get(&token)?,
            Value::Array(a) => a.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(at)
}

/// Whether the value at `path` (keys from the document's root) stands
/// where a schema does.
fn schema_position(path: &[String]) -> bool {
    let Some(last) = path.last() else {
        return false;
    };
    let parent = path.len().checked_sub(2).map(|i| path[i].as_str());
    matches!(
        last.as_str(),
        "schema" | "items" | "additionalProperties" | "not" | "contains" | "propertyNames"
    ) || matches!(
        parent,
        Some(
            "properties"
                | "allOf"
                | "oneOf"
                | "anyOf"
                | "prefixItems"
                | "patternProperties"
                | "$defs"
                | "definitions"
        )
    ) || (parent == Some("schemas") && path.len() == 3 && path[0] == "components")
}

impl Refs<'_> {
    fn loc(&self, path: &[String]) -> String {
        let pointer: String = path
            .iter()
            .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
            .collect();
        format!("{}#{pointer}", self.source)
    }

    /// Reads another file (once).
    fn file(&mut self, path: &Path) -> Option<std::rc::Rc<Value>> {
        if !self.files.contains_key(path) {
            let value = std::fs::read_to_string(path).ok().and_then(|text| {
                let mut scratch = Diagnostics::default();
                parse_text(&path.display().to_string(), &text, &mut scratch)
            });
            self.files
                .insert(path.to_owned(), value.map(std::rc::Rc::new));
        }
        self.files.get(path).cloned().flatten()
    }

    /// The file and pointer a reference written in `file` names.
    fn target(&self, reference: &str, file: &FileId) -> Option<(FileId, String)> {
        let (path, fragment) = match reference.split_once('#') {
            Some((p, f)) => (p, f.to_owned()),
            None => (reference, String::new()),
        };
        if path.is_empty() {
            return Some((file.clone(), fragment));
        }
        if path.contains("://") {
            return None;
        }
        let dir = match file {
            FileId::Root => self.root.as_ref()?.parent()?.to_owned(),
            FileId::Other(p) => p.parent()?.to_owned(),
        };
        let joined = dir.join(path);
        let joined = joined.canonicalize().unwrap_or(joined);
        if self
            .root
            .as_ref()
            .and_then(|r| r.canonicalize().ok())
            .as_ref()
            == Some(&joined)
        {
            return Some((FileId::Root, fragment));
        }
        Some((FileId::Other(joined), fragment))
    }

    /// Replaces every reference under `value` (which is at `path` of `file`,
    /// whose whole tree is `tree`) as the module says.
    fn walk(&mut self, value: &mut Value, tree: &Value, file: &FileId, path: &mut Vec<String>) {
        if let Some(reference) = value.get("$ref").and_then(Value::as_str).map(str::to_owned) {
            if let Some(new) = self.resolve(&reference, file, path, tree) {
                *value = new;
            }
            return;
        }
        for_each_child(value, path, &mut |v, path| self.walk(v, tree, file, path));
    }

    /// What a `$ref` object becomes: `None` to leave it as it is.
    fn resolve(
        &mut self,
        reference: &str,
        file: &FileId,
        path: &mut Vec<String>,
        tree: &Value,
    ) -> Option<Value> {
        let Some((target_file, pointer)) = self.target(reference, file) else {
            let loc = self.loc(path);
            self.diags.warn(
                loc,
                format!("`$ref` `{reference}` is not a file beside the document; it is read as any JSON"),
                Some("download what it names next to the document and refer to it by a relative path"),
            );
            return Some(Value::Object(Map::new()));
        };
        if target_file == FileId::Root {
            if let Some(name) = schema_component(&pointer) {
                return Some(serde_json::json!({ "$ref": format!("#/components/schemas/{name}") }));
            }
        }
        // A schema of another file becomes a component of this document
        // (once: one that holds itself names the component it became).
        if let FileId::Other(p) = &target_file {
            if schema_component(&pointer).is_some() || schema_position(path) {
                return self.hoist(p.clone(), pointer, path);
            }
        }
        let key = (target_file.clone(), pointer.clone());
        if self.stack.contains(&key) {
            return None;
        }
        let other = match &target_file {
            FileId::Root => None,
            FileId::Other(p) => {
                match self.file(p) {
                    Some(tree) => Some(tree),
                    None => {
                        let loc = self.loc(path);
                        self.diags.warn(
                        loc,
                        format!("`$ref` `{reference}`: {} cannot be read; what it names is left out", p.display()),
                        None,
                    );
                        return Some(Value::Object(Map::new()));
                    }
                }
            }
        };
        let target_tree: &Value = other.as_deref().unwrap_or(tree);
        let mut target = at_pointer(target_tree, &pointer).cloned();
        let Some(found) = target.as_mut() else {
            let loc = self.loc(path);
            self.diags.warn(
                loc,
                format!("`$ref` `{reference}` points nowhere; it is read as any JSON"),
                None,
            );
            return Some(Value::Object(Map::new()));
        };
        self.stack.push(key);
        self.walk(found, target_tree, &target_file, path);
        self.stack.pop();
        target
    }

    /// Hoists the schema at `pointer` of file `p` into `components/schemas`
    /// (once) and returns the reference to it.
    fn hoist(&mut self, p: PathBuf, pointer: String, path: &[String]) -> Option<Value> {
        let key = (p.clone(), pointer.clone());
        if let Some(name) = self.hoisted.get(&key) {
            return Some(serde_json::json!({ "$ref": format!("#/components/schemas/{name}") }));
        }
        let tree = self.file(&p);
        let Some(mut schema) = tree
            .as_deref()
            .and_then(|t| at_pointer(t, &pointer))
            .cloned()
        else {
            let loc = self.loc(path);
            self.diags.warn(
                loc,
                format!(
                    "`{}#{pointer}` cannot be read; it is read as any JSON",
                    p.display()
                ),
                None,
            );
            return Some(Value::Object(Map::new()));
        };
        let stem = pointer
            .rsplit('/')
            .find(|t| !t.is_empty())
            .map(unescape)
            .or_else(|| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "Schema".to_owned());
        let taken: Vec<&String> = self.hoisted.values().chain(&self.existing).collect();
        let mut name = stem.clone();
        let mut n = 2;
        while taken.contains(&&name) {
            name = format!("{stem}{n}");
            n += 1;
        }
        self.hoisted.insert(key.clone(), name.clone());
        let tree = tree.unwrap_or_else(|| std::rc::Rc::new(Value::Null));
        let file = FileId::Other(p);
        self.stack.push((file.clone(), key.1));
        let mut inner = vec!["components".to_owned(), "schemas".to_owned(), name.clone()];
        self.walk(&mut schema, &tree, &file, &mut inner);
        self.stack.pop();
        self.new_schemas.push((name.clone(), schema));
        Some(serde_json::json!({ "$ref": format!("#/components/schemas/{name}") }))
    }
}

// ---- one dialect ------------------------------------------------------------

/// Rewrites every schema of the document into the 3.0 form.
fn dialect(doc: &mut Value) {
    let mut path = Vec::new();
    walk_schemas(doc, &mut path);
}

/// Visits every schema of the document and rewrites it: where the
/// document places one, the schema and the schemas it holds, followed by
/// their keywords (so a property named `oneOf` or `items` is a property).
fn walk_schemas(value: &mut Value, path: &mut Vec<String>) {
    if schema_position(path) {
        schema_tree(value);
        return;
    }
    for_each_child(value, path, &mut walk_schemas);
}

/// A schema in 3.0 form, and every schema inside it.
fn schema_tree(value: &mut Value) {
    schema_30(value);
    let Value::Object(o) = value else { return };
    for (k, v) in o.iter_mut() {
        match k.as_str() {
            "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
                if let Value::Object(map) = v {
                    map.values_mut().for_each(schema_tree);
                }
            }
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                if let Value::Array(list) = v {
                    list.iter_mut().for_each(schema_tree);
                }
            }
            // `additionalProperties: false` says no others, and 3.0 reads
            // the boolean.
            "additionalProperties" if v.is_boolean() => {}
            "items"
            | "additionalProperties"
            | "not"
            | "contains"
            | "propertyNames"
            | "if"
            | "then"
            | "else"
            | "unevaluatedItems"
            | "unevaluatedProperties"
            | "additionalItems" => schema_tree(v),
            _ => {}
        }
    }
}

/// Calls `f` on every member and element of `value` that is more of the
/// document (not data: [`is_data`]), with `path` extended to it.
fn for_each_child(
    value: &mut Value,
    path: &mut Vec<String>,
    f: &mut dyn FnMut(&mut Value, &mut Vec<String>),
) {
    match value {
        Value::Object(o) => {
            for (k, v) in o.iter_mut() {
                if is_data(path, k) {
                    continue;
                }
                path.push(k.clone());
                f(v, path);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter_mut().enumerate() {
                path.push(i.to_string());
                f(v, path);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Whether key `k` of the object at `path` holds data (an example, a
/// default, an enum's values) rather than more of the document. A map of
/// names (`properties`, `responses`, ...) may have a member named like a
/// data keyword (`responses: {default: ...}`, `properties: {enum: ...}`):
/// that is the document still.
fn is_data(path: &[String], k: &str) -> bool {
    const NAME_MAPS: [&str; 13] = [
        "properties",
        "patternProperties",
        "$defs",
        "definitions",
        "schemas",
        "responses",
        "headers",
        "content",
        "callbacks",
        "links",
        "securitySchemes",
        "requestBodies",
        "parameters",
    ];
    matches!(
        k,
        "example" | "examples" | "x-examples" | "default" | "const" | "enum"
    ) && !path
        .last()
        .is_some_and(|parent| NAME_MAPS.contains(&parent.as_str()))
}

/// One schema object in 3.0 form.
fn schema_30(value: &mut Value) {
    // Boolean schemas: `true` is any value, `false` none.
    if let Value::Bool(b) = value {
        *value = if *b {
            Value::Object(Map::new())
        } else {
            serde_json::json!({ "not": {} })
        };
        return;
    }
    let Value::Object(o) = value else { return };
    if o.contains_key("$ref") {
        // 3.1 lets a reference carry a description beside it; 3.0 readers
        // see only the reference.
        o.retain(|k, _| k == "$ref");
        return;
    }
    // `type: [T, "null"]`.
    if let Some(Value::Array(types)) = o.get("type").cloned() {
        let mut rest: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        if rest.len() < types.len() {
            o.insert("nullable".into(), Value::Bool(true));
        }
        match rest.len() {
            0 => {
                o.insert("type".into(), Value::String("null".into()));
            }
            1 => {
                o.insert("type".into(), rest.remove(0));
            }
            _ => {
                o.remove("type");
                if !o.contains_key("anyOf") && !o.contains_key("oneOf") {
                    let variants = rest
                        .into_iter()
                        .map(|t| {
                            let mut v = Map::new();
                            v.insert("type".into(), t.clone());
                            for k in type_keywords(t.as_str().unwrap_or_default()) {
                                if let Some(x) = o.get(*k) {
                                    v.insert((*k).into(), x.clone());
                                }
                            }
                            Value::Object(v)
                        })
                        .collect();
                    o.insert("anyOf".into(), Value::Array(variants));
                }
            }
        }
    }
    if let Some(c) = o.remove("const") {
        o.entry("enum").or_insert_with(|| Value::Array(vec![c]));
    }
    for (exclusive, bound) in [
        ("exclusiveMinimum", "minimum"),
        ("exclusiveMaximum", "maximum"),
    ] {
        if let Some(Value::Number(n)) = o.get(exclusive).cloned() {
            o.insert(bound.into(), Value::Number(n));
            o.insert(exclusive.into(), Value::Bool(true));
        }
    }
    // Keywords of the wrong JSON type (`required: true` in a property, a
    // string `minimum`) say nothing a reader can use.
    if o.get("required").is_some_and(|r| !r.is_array()) {
        o.remove("required");
    }
    for k in ["minimum", "maximum", "multipleOf"] {
        if o.get(k).is_some_and(|v| !v.is_number()) {
            o.remove(k);
        }
    }
    for k in [
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minProperties",
        "maxProperties",
    ] {
        if o.get(k).is_some_and(|v| v.as_u64().is_none()) {
            o.remove(k);
        }
    }
    for k in [
        "nullable",
        "readOnly",
        "writeOnly",
        "deprecated",
        "uniqueItems",
        "exclusiveMinimum",
        "exclusiveMaximum",
    ] {
        if o.get(k).is_some_and(|v| !v.is_boolean()) {
            o.remove(k);
        }
    }
    if o.get("enum").is_some_and(|e| !e.is_array()) {
        o.remove("enum");
    }
    if o.get("pattern").is_some_and(|p| !p.is_string()) {
        o.remove("pattern");
    }
    if o.get("format").is_some_and(|p| !p.is_string()) {
        o.remove("format");
    }
    if o.get("type").is_some_and(|t| !t.is_string()) {
        o.remove("type");
    }
    if o.get("properties").is_some_and(|p| !p.is_object()) {
        o.remove("properties");
    }
    if o.get("items").is_some_and(|i| i.is_array()) {
        // Draft 4 tuples: the first item's schema stands for all.
        if let Some(Value::Array(mut items)) = o.remove("items") {
            if !items.is_empty() {
                o.insert("items".into(), items.remove(0));
            }
        }
    }
    // 3.1 tuples: `prefixItems` without `items`.
    if !o.contains_key("items") {
        if let Some(Value::Array(prefix)) = o.get("prefixItems") {
            if let Some(first) = prefix.first().cloned() {
                o.insert("items".into(), first);
            }
        }
    }
    // `contentEncoding: base64` is 3.0's `format: byte`.
    if o.get("contentEncoding").and_then(Value::as_str) == Some("base64")
        && !o.contains_key("format")
    {
        o.insert("format".into(), Value::String("byte".into()));
    }
    if o.contains_key("contentMediaType")
        && !o.contains_key("format")
        && o.get("type").and_then(Value::as_str) == Some("string")
    {
        o.insert("format".into(), Value::String("binary".into()));
    }
    // A type left unsaid where the keywords say it.
    if !o.contains_key("type")
        && !["allOf", "oneOf", "anyOf", "not"]
            .iter()
            .any(|k| o.contains_key(*k))
    {
        let inferred = if o.contains_key("properties") || o.contains_key("additionalProperties") {
            Some("object")
        } else if o.contains_key("items") {
            Some("array")
        } else if let Some(Value::Array(values)) = o.get("enum") {
            let non_null: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
            if !non_null.is_empty() && non_null.iter().all(|v| v.is_string()) {
                Some("string")
            } else if !non_null.is_empty() && non_null.iter().all(|v| v.is_i64()) {
                Some("integer")
            } else {
                None
            }
        } else {
            None
        };
        if let Some(t) = inferred {
            o.insert("type".into(), Value::String(t.into()));
        }
    }
    // An enum whose values are not all of the stated type (or nulls) is no
    // enum `openapiv3` can read: the type alone is kept.
    let typ = o.get("type").and_then(Value::as_str).map(str::to_owned);
    if let (Some(t), Some(Value::Array(values))) = (typ.as_deref(), o.get_mut("enum")) {
        let fits = |v: &Value| match t {
            "string" => v.is_string(),
            "integer" => v.is_i64(),
            "number" => v.is_number(),
            "boolean" => v.is_boolean(),
            _ => true,
        };
        if values.iter().any(|v| !v.is_null()) && values.iter().all(|v| v.is_null() || fits(v)) {
            if matches!(t, "number" | "boolean") {
                o.remove("enum");
            }
        } else {
            o.remove("enum");
        }
    }
}

/// The keywords that belong to one JSON type, for a `type` list split into
/// alternatives.
fn type_keywords(t: &str) -> &'static [&'static str] {
    match t {
        "string" => &["format", "pattern", "minLength", "maxLength", "enum"],
        "integer" | "number" => &[
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        "array" => &["items", "minItems", "maxItems", "uniqueItems"],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Value {
        let mut diags = Diagnostics::default();
        load("t.yaml", text, None, &mut diags).expect("loads").doc
    }

    #[test]
    fn yaml_keys_become_strings() {
        let doc = load_str("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        200:\n          description: ok\n");
        assert!(doc["paths"]["/a"]["get"]["responses"].get("200").is_some());
    }

    #[test]
    fn references_other_than_component_schemas_are_inlined() {
        let doc = load_str(
            r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},
            "paths":{"/a":{"get":{"parameters":[{"$ref":"#/components/parameters/P"}],
              "responses":{"200":{"$ref":"#/components/responses/R"}}}}},
            "components":{"parameters":{"P":{"name":"p","in":"query","schema":{"$ref":"#/components/schemas/S"}}},
              "responses":{"R":{"description":"r"}},"schemas":{"S":{"type":"string"}}}}"##,
        );
        let op = &doc["paths"]["/a"]["get"];
        assert_eq!(op["parameters"][0]["name"], "p");
        assert_eq!(
            op["parameters"][0]["schema"]["$ref"],
            "#/components/schemas/S"
        );
        assert_eq!(op["responses"]["200"]["description"], "r");
    }

    #[test]
    fn schemas_of_31_in_30_form() {
        let doc = load_str(
            r##"{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},
            "components":{"schemas":{"S":{"type":"object","properties":{
              "a":{"type":["string","null"]},"b":{"const":"x"},"c":{"type":"integer","exclusiveMinimum":0},
              "d":{"type":["string","integer"]},"e":{"$ref":"#/components/schemas/S","description":"x"}}}}}}"##,
        );
        let p = &doc["components"]["schemas"]["S"]["properties"];
        assert_eq!(p["a"], serde_json::json!({"type":"string","nullable":true}));
        assert_eq!(p["b"], serde_json::json!({"enum":["x"],"type":"string"}));
        assert_eq!(p["c"]["minimum"], 0);
        assert_eq!(p["c"]["exclusiveMinimum"], true);
        assert_eq!(p["d"]["anyOf"][1]["type"], "integer");
        assert_eq!(p["e"], serde_json::json!({"$ref":"#/components/schemas/S"}));
    }

    #[test]
    fn swagger_is_refused_with_a_hint() {
        let mut diags = Diagnostics::default();
        assert!(load("s.json", r#"{"swagger":"2.0"}"#, None, &mut diags).is_none());
    }

    #[test]
    fn other_files_are_read_and_their_schemas_hoisted() {
        let dir = std::env::temp_dir().join(format!("sdkgen-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("pet.yaml"),
            "components:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        owner: {$ref: '#/components/schemas/Owner'}\n    Owner:\n      type: object\n      properties:\n        name: {type: string}\n",
        )
        .unwrap();
        let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: 'pet.yaml#/components/schemas/Pet'}\n";
        let mut diags = Diagnostics::default();
        let doc = load("api.yaml", text, Some(&dir), &mut diags).unwrap().doc;
        let schema =
            &doc["paths"]["/p"]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        assert_eq!(schema["$ref"], "#/components/schemas/Pet");
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["Pet"]["properties"]["owner"]["$ref"],
            "#/components/schemas/Owner"
        );
        assert_eq!(schemas["Owner"]["properties"]["name"]["type"], "string");
        std::fs::remove_dir_all(&dir).ok();
    }
}
