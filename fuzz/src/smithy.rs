//! Structured mutations of `model/chime.json` (a Smithy 2.0 JSON AST).

use crate::common::*;
use serde_json::{json, Map, Value};

pub const MODEL: &str = include_str!("../../model/chime.json");

const NS: &str = "com.amazonaws.chime#";
const SERVICE: &str = "com.amazonaws.chime#UCBuzzConsoleService";

const PRELUDE: &[&str] = &[
    "smithy.api#String",
    "smithy.api#Blob",
    "smithy.api#Boolean",
    "smithy.api#Byte",
    "smithy.api#Short",
    "smithy.api#Integer",
    "smithy.api#Long",
    "smithy.api#Float",
    "smithy.api#Double",
    "smithy.api#BigInteger",
    "smithy.api#BigDecimal",
    "smithy.api#Timestamp",
    "smithy.api#Document",
    "smithy.api#Unit",
    "smithy.api#PrimitiveInteger",
    "smithy.api#PrimitiveBoolean",
    "smithy.api#PrimitiveByte",
    "smithy.api#Nope",
];

const KINDS: &[&str] = &[
    "string",
    "blob",
    "boolean",
    "byte",
    "short",
    "integer",
    "long",
    "float",
    "double",
    "bigInteger",
    "bigDecimal",
    "timestamp",
    "document",
    "structure",
    "union",
    "list",
    "map",
    "enum",
    "intEnum",
    "operation",
    "service",
    "resource",
    "set",
    "bogus",
];

/// The model after the mutations `data` chooses (the model itself for
/// empty input).
pub fn mutate(data: &[u8]) -> String {
    let mut doc: Value = serde_json::from_str(MODEL).expect("the Smithy model is JSON");
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
    ("rename_shape", rename_shape),
    ("rename_member", rename_member),
    ("bad_error", bad_error),
    ("add_member", add_member),
    ("add_shape", add_shape),
    ("wrong_default", wrong_default),
    ("http_error", http_error),
    ("dangling_target", dangling_target),
    ("change_kind", change_kind),
    ("http_trait", http_trait),
    ("service_traits", service_traits),
    ("mixins", mixins),
    ("resources", resources),
    ("duplicate_operation", duplicate_operation),
    ("paginated", paginated),
    ("enum_members", enum_members),
    ("member_trait", member_trait),
    ("remove_something", remove_something),
    ("rename_member", rename_member),
    ("rename_shape", rename_shape),
    ("self_holding_collection", self_holding_collection),
    ("mutate_anywhere", mutate_anywhere),
];

fn mutate_once(doc: &mut Value, d: &mut Dice) {
    let (name, mutation) = MUTATIONS[d.below(MUTATIONS.len())];
    if !skipped(name) {
        mutation(doc, d);
    }
}

fn shapes(doc: &Value) -> Vec<String> {
    keys_at(doc, "/shapes")
}

fn shapes_of(doc: &Value, kinds: &[&str]) -> Vec<String> {
    shapes(doc)
        .into_iter()
        .filter(|id| {
            doc["shapes"][id]["type"]
                .as_str()
                .is_some_and(|k| kinds.contains(&k))
        })
        .collect()
}

fn shape_mut<'v>(doc: &'v mut Value, id: &str) -> Option<&'v mut Map<String, Value>> {
    doc.get_mut("shapes")?.get_mut(id)?.as_object_mut()
}

fn traits_mut<'v>(doc: &'v mut Value, id: &str) -> Option<&'v mut Map<String, Value>> {
    shape_mut(doc, id)?
        .entry("traits")
        .or_insert_with(|| json!({}))
        .as_object_mut()
}

/// `(shape id, member name)` of every member of the given kinds of shape.
fn members(doc: &Value, kinds: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for id in shapes_of(doc, kinds) {
        for m in doc["shapes"][&id]["members"]
            .as_object()
            .into_iter()
            .flat_map(|o| o.keys())
        {
            out.push((id.clone(), m.clone()));
        }
    }
    out
}

fn member_mut<'v>(doc: &'v mut Value, id: &str, m: &str) -> Option<&'v mut Map<String, Value>> {
    shape_mut(doc, id)?
        .get_mut("members")?
        .get_mut(m)?
        .as_object_mut()
}

fn member_traits_mut<'v>(
    doc: &'v mut Value,
    id: &str,
    m: &str,
) -> Option<&'v mut Map<String, Value>> {
    member_mut(doc, id, m)?
        .entry("traits")
        .or_insert_with(|| json!({}))
        .as_object_mut()
}

/// A new shape id in the model's namespace (or, rarely, another one).
fn new_id(d: &mut Dice, base: &str) -> String {
    let local = nasty_name(d, base);
    match d.below(8) {
        0 => format!("other.ns#{local}"),
        1 => local,
        _ => format!("{NS}{local}"),
    }
}

fn rename_shape(doc: &mut Value, d: &mut Dice) {
    let all: Vec<String> = shapes(doc).into_iter().filter(|s| s != SERVICE).collect();
    let Some(old) = d.pick_owned(&all) else {
        return;
    };
    let local = old.split_once('#').map_or(old.as_str(), |(_, l)| l);
    let new = if d.chance(1, 4) {
        // Collide with another shape's name after case conversion.
        d.pick_owned(&all)
            .map(|s| match d.below(3) {
                0 => s.to_lowercase().replace(&NS.to_lowercase(), NS),
                1 => format!("{s}_"),
                _ => s.replace('#', "#_"),
            })
            .unwrap_or_default()
    } else {
        format!("{NS}{}", nasty_name(d, local))
    };
    let consistent = d.below(5) != 0;
    if let Some(s) = doc.get_mut("shapes").and_then(Value::as_object_mut) {
        rename_key(s, &old, &new);
    }
    if consistent {
        replace_strings(doc, &old, &new);
    }
}

fn rename_member(doc: &mut Value, d: &mut Dice) {
    let all = members(doc, &["structure", "union", "enum", "intEnum"]);
    let Some((id, old)) = d.pick(&all).cloned() else {
        return;
    };
    let new = if d.chance(1, 4) {
        let siblings: Vec<String> = all
            .iter()
            .filter(|(s, _)| *s == id)
            .map(|(_, m)| m.clone())
            .collect();
        d.pick_owned(&siblings)
            .map(|s| match d.below(4) {
                0 => s.to_lowercase(),
                1 => s.to_uppercase(),
                2 => format!("set_{s}"),
                _ => format!("{s}_"),
            })
            .unwrap_or_default()
    } else {
        nasty_name(d, &old)
    };
    if let Some(m) = shape_mut(doc, &id)
        .and_then(|s| s.get_mut("members"))
        .and_then(Value::as_object_mut)
    {
        rename_key(m, &old, &new);
    }
    if d.below(3) != 0 {
        // Keep URI labels and pagination tokens pointing at it.
        replace_in_strings(doc, &format!("{{{old}}}"), &format!("{{{new}}}"));
        replace_in_strings(doc, &format!("{{{old}+}}"), &format!("{{{new}+}}"));
    }
}

fn operations(doc: &Value) -> Vec<String> {
    shapes_of(doc, &["operation"])
}

fn bad_error(doc: &mut Value, d: &mut Dice) {
    let Some(op) = d.pick_owned(&operations(doc)) else {
        return;
    };
    let all = shapes(doc);
    let target = match d.below(6) {
        0 => format!("{NS}Room"),
        1 => format!("{NS}ErrorCode"),
        2 => format!("{NS}CreateRoomRequest"),
        3 => d.pick_str(PRELUDE).to_owned(),
        4 => format!("{NS}{}", nasty_name(d, "Missing")),
        _ => d.pick_owned(&all).unwrap_or_default(),
    };
    let replace = d.chance(1, 3);
    if let Some(o) = shape_mut(doc, &op) {
        let errors = o.entry("errors").or_insert_with(|| json!([]));
        match errors.as_array_mut() {
            Some(e) if replace && !e.is_empty() => e[0] = json!({"target": target}),
            Some(e) => e.push(json!({"target": target})),
            None => *errors = json!([{"target": target}]),
        }
    }
    if d.chance(1, 4) {
        // An error structure that lost its `@error`.
        let errors = shapes(doc)
            .into_iter()
            .filter(|s| s.ends_with("Exception"))
            .collect::<Vec<_>>();
        if let Some(e) = d.pick_owned(&errors) {
            if let Some(t) = traits_mut(doc, &e) {
                t.remove("smithy.api#error");
            }
        }
    }
}

/// A member target: prelude, existing, new or dangling.
fn random_target(doc: &mut Value, d: &mut Dice, depth: usize) -> String {
    match d.below(6) {
        0 | 1 => d.pick_str(PRELUDE).to_owned(),
        2 => {
            let all = shapes(doc);
            d.pick_owned(&all).unwrap_or_default()
        }
        3 if depth < 3 => add_shape_at(doc, d, depth + 1),
        4 => format!("{NS}{}", nasty_name(d, "Dangling")),
        _ => {
            let all = shapes_of(doc, &["string", "enum", "timestamp", "structure"]);
            d.pick_owned(&all).unwrap_or_default()
        }
    }
}

/// A trait set for a member: bindings, constraints, defaults, names.
fn random_member_traits(d: &mut Dice) -> Map<String, Value> {
    let mut t = Map::new();
    let n = d.below(4);
    for _ in 0..n {
        let (k, v) = random_member_trait(d);
        t.insert(k.into(), v);
    }
    t
}

fn random_member_trait(d: &mut Dice) -> (&'static str, Value) {
    match d.below(24) {
        0 => ("smithy.api#required", json!({})),
        1 => ("smithy.api#default", nasty_value(d)),
        2 => (
            "smithy.api#httpHeader",
            json!(nasty_name(d, "X-Amz-Header")),
        ),
        3 => ("smithy.api#httpQuery", json!(nasty_name(d, "query"))),
        4 => ("smithy.api#httpLabel", json!({})),
        5 => ("smithy.api#httpPayload", json!({})),
        6 => (
            "smithy.api#httpPrefixHeaders",
            json!(nasty_name(d, "X-Meta-")),
        ),
        7 => ("smithy.api#httpQueryParams", json!({})),
        8 => ("smithy.api#httpResponseCode", json!({})),
        9 => ("smithy.api#jsonName", json!(nasty_name(d, "json"))),
        10 => (
            "smithy.api#timestampFormat",
            json!(d.pick_str(&["date-time", "http-date", "epoch-seconds", "bogus", ""])),
        ),
        11 => (
            "smithy.api#length",
            json!({"min": nasty_value(d), "max": nasty_value(d)}),
        ),
        12 => (
            "smithy.api#range",
            json!({"min": nasty_value(d), "max": nasty_value(d)}),
        ),
        13 => (
            "smithy.api#pattern",
            json!(d.pick_str(&[
                "(",
                "[",
                "\\",
                "^a{2,1}$",
                "(?<n>a)\\k<n>",
                "\\p{Bogus}",
                "(?=a)a",
                "",
                "\\S",
                "^[\\p{L}]+$",
                "a**"
            ])),
        ),
        14 => ("smithy.api#sensitive", json!({})),
        15 => ("smithy.api#idempotencyToken", json!({})),
        16 => (
            "smithy.api#documentation",
            json!(nasty_name(d, "<p>*/ docs \"\\ ``` <b>")),
        ),
        17 => ("smithy.api#clientOptional", json!({})),
        18 => (
            "smithy.api#deprecated",
            json!({"message": nasty_name(d, "old")}),
        ),
        19 => ("smithy.api#hostLabel", json!({})),
        20 => ("smithy.api#mediaType", json!(nasty_name(d, "text/plain"))),
        21 => ("smithy.api#xmlName", json!(nasty_name(d, "x"))),
        22 => ("smithy.api#required", nasty_value(d)),
        _ => ("smithy.api#default", json!(null)),
    }
}

fn add_member(doc: &mut Value, d: &mut Dice) {
    let Some(id) = d.pick_owned(&shapes_of(doc, &["structure", "union"])) else {
        return;
    };
    let name = if d.chance(1, 2) {
        nasty_name(d, "Extra")
    } else {
        d.pick_str(&["Extra", "Count", "Flag", "Data", "Tags"])
            .to_owned()
    };
    let target = random_target(doc, d, 0);
    let traits = random_member_traits(d);
    if let Some(s) = shape_mut(doc, &id) {
        let ms = s.entry("members").or_insert_with(|| json!({}));
        if let Some(ms) = ms.as_object_mut() {
            ms.insert(name, json!({"target": target, "traits": traits}));
        }
    }
}

fn add_shape(doc: &mut Value, d: &mut Dice) {
    let id = add_shape_at(doc, d, 0);
    // Reach it from some structure.
    let Some(owner) = d.pick_owned(&shapes_of(doc, &["structure"])) else {
        return;
    };
    let name = nasty_name(d, "Link");
    let traits = random_member_traits(d);
    if let Some(ms) = shape_mut(doc, &owner)
        .and_then(|s| s.get_mut("members"))
        .and_then(Value::as_object_mut)
    {
        ms.insert(name, json!({"target": id, "traits": traits}));
    }
}

/// Adds a new shape of a random kind; returns its id.
fn add_shape_at(doc: &mut Value, d: &mut Dice, depth: usize) -> String {
    let id = new_id(d, "Fuzz");
    let kind = d.pick_str(KINDS);
    let mut shape = json!({"type": kind});
    match kind {
        "list" | "set" => {
            shape["member"] = json!({"target": random_target(doc, d, depth)});
            if d.chance(1, 3) {
                shape["traits"] = json!({"smithy.api#sparse": {}});
            }
        }
        "map" => {
            let key = if d.chance(3, 4) {
                "smithy.api#String".to_owned()
            } else {
                random_target(doc, d, depth)
            };
            shape["key"] = json!({"target": key});
            shape["value"] = json!({"target": random_target(doc, d, depth)});
        }
        "structure" | "union" => {
            let mut ms = Map::new();
            for _ in 0..1 + d.below(3) {
                let n = nasty_name(d, "Field");
                let t = random_target(doc, d, depth);
                ms.insert(n, json!({"target": t, "traits": random_member_traits(d)}));
            }
            if d.chance(1, 4) {
                // Recursive.
                ms.insert("Next".into(), json!({"target": id}));
            }
            shape["members"] = Value::Object(ms);
            if d.chance(1, 4) {
                shape["traits"] =
                    json!({"smithy.api#error": "client", "smithy.api#httpError": 409});
            }
        }
        "enum" => {
            let mut ms = Map::new();
            for i in 0..1 + d.below(3) {
                let n = nasty_name(d, "V");
                let mut m = json!({"target": "smithy.api#Unit"});
                if d.chance(1, 2) {
                    m["traits"] = json!({"smithy.api#enumValue": nasty_name(d, &format!("v{i}"))});
                }
                ms.insert(n, m);
            }
            shape["members"] = Value::Object(ms);
        }
        "intEnum" => {
            let mut ms = Map::new();
            for _ in 0..1 + d.below(3) {
                let n = nasty_name(d, "V");
                ms.insert(
                    n,
                    json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": nasty_value(d)}}),
                );
            }
            shape["members"] = Value::Object(ms);
        }
        "string" if d.chance(1, 2) => {
            shape["traits"] = json!({"smithy.api#enum": [
                {"value": nasty_name(d, "a"), "name": nasty_name(d, "A")},
                {"value": nasty_name(d, "b")},
            ]});
        }
        "blob" if d.chance(1, 2) => {
            shape["traits"] = json!({"smithy.api#streaming": {}});
        }
        _ => {
            if d.chance(1, 2) {
                shape["traits"] = json!({"smithy.api#default": nasty_value(d)});
            }
        }
    }
    if let Some(s) = doc.get_mut("shapes").and_then(Value::as_object_mut) {
        s.insert(id.clone(), shape);
    }
    id
}

fn wrong_default(doc: &mut Value, d: &mut Dice) {
    let all = members(doc, &["structure", "union"]);
    let Some((id, m)) = d.pick(&all).cloned() else {
        return;
    };
    // Often retarget the member to a number type first, so the value can be
    // out of its range.
    let retarget = match d.below(4) {
        0 => Some(d.pick_str(PRELUDE).to_owned()),
        1 => Some(
            d.pick_str(&[
                "smithy.api#Byte",
                "smithy.api#Short",
                "smithy.api#Integer",
                "smithy.api#Long",
                "smithy.api#Float",
                "smithy.api#Blob",
                "smithy.api#Timestamp",
            ])
            .to_owned(),
        ),
        _ => None,
    };
    let value = nasty_value(d);
    let required = d.chance(1, 2);
    if let Some(member) = member_mut(doc, &id, &m) {
        if let Some(t) = retarget {
            member.insert("target".into(), json!(t));
        }
    }
    if let Some(t) = member_traits_mut(doc, &id, &m) {
        t.insert("smithy.api#default".into(), value);
        if required {
            t.insert("smithy.api#required".into(), json!({}));
        }
    }
}

fn http_error(doc: &mut Value, d: &mut Dice) {
    let all = shapes_of(doc, &["structure"]);
    let Some(id) = d.pick_owned(&all) else {
        return;
    };
    let (key, value) = match d.below(4) {
        0 | 1 => ("smithy.api#httpError", nasty_value(d)),
        2 => (
            "smithy.api#error",
            match d.below(2) {
                0 => json!(d.pick_str(&["client", "server", "other", ""])),
                _ => nasty_value(d),
            },
        ),
        _ => (
            "smithy.api#retryable",
            match d.below(2) {
                0 => json!({"throttling": true}),
                _ => nasty_value(d),
            },
        ),
    };
    if let Some(t) = traits_mut(doc, &id) {
        t.insert(key.into(), value);
    }
}

fn dangling_target(doc: &mut Value, d: &mut Dice) {
    let targets: Vec<String> = pointers(doc)
        .into_iter()
        .filter(|p| p.ends_with("/target"))
        .collect();
    let Some(at) = d.pick_owned(&targets) else {
        return;
    };
    let new = match d.below(7) {
        0 => String::new(),
        1 => "#".to_owned(),
        2 => "smithy.api#Nope".to_owned(),
        3 => "Room".to_owned(),
        4 => SERVICE.to_owned(),
        5 => format!("{NS}CreateRoom"),
        _ => format!("{NS}{}", nasty_name(d, "Dangling")),
    };
    if let Some(slot) = doc.pointer_mut(&at) {
        *slot = json!(new);
    }
}

fn change_kind(doc: &mut Value, d: &mut Dice) {
    let all = shapes(doc);
    let Some(id) = d.pick_owned(&all) else {
        return;
    };
    let kind = d.pick_str(KINDS);
    if let Some(s) = shape_mut(doc, &id) {
        s.insert("type".into(), json!(kind));
    }
}

fn http_trait(doc: &mut Value, d: &mut Dice) {
    let Some(op) = d.pick_owned(&operations(doc)) else {
        return;
    };
    let (key, value) = match d.below(3) {
        0 => (
            "method",
            json!(d.pick_str(&["GET", "HEAD", "DELETE", "PUT", "PATCH", "get", "", "FOO BAR"])),
        ),
        1 => (
            "uri",
            json!(d.pick_str(&[
                "/accounts/{AccountId+}/rooms",
                "/accounts/{AccountId}/{AccountId}",
                "/accounts/{}/rooms",
                "/accounts/{AccountId/rooms",
                "/accounts/{AccountId}/rooms?x=y&z",
                "/accounts/{AccountId}/rooms?{AccountId}",
                "accounts/{AccountId}",
                "",
                "/accounts/{AccountId}/rooms/{Extra}",
                "/accounts/{AccountId}/rooms/{Name}",
                "/a//b/{AccountId}",
            ])),
        ),
        _ => ("code", nasty_value(d)),
    };
    if let Some(t) = traits_mut(doc, &op) {
        let http = t
            .entry("smithy.api#http")
            .or_insert_with(|| json!({"method": "POST", "uri": "/"}));
        if let Some(h) = http.as_object_mut() {
            h.insert(key.into(), value);
        } else {
            *http = value;
        }
    }
    if d.chance(1, 4) {
        let prefix = nasty_name(d, "{AccountId}.");
        if let Some(t) = traits_mut(doc, &op) {
            t.insert("smithy.api#endpoint".into(), json!({"hostPrefix": prefix}));
        }
    }
}

fn service_traits(doc: &mut Value, d: &mut Dice) {
    let choice = d.below(9);
    let name = nasty_name(d, "Chime");
    let value = nasty_value(d);
    let Some(t) = traits_mut(doc, SERVICE) else {
        return;
    };
    match choice {
        0 => {
            t.insert("aws.api#service".into(), json!({"sdkId": name}));
        }
        1 => {
            t.insert("aws.auth#sigv4".into(), json!({"name": name}));
        }
        2 => {
            t.remove("aws.protocols#restJson1");
        }
        3 => {
            t.insert("smithy.api#auth".into(), value);
        }
        4 => {
            t.remove("aws.auth#sigv4");
            t.insert("smithy.api#httpBearerAuth".into(), json!({}));
        }
        5 => {
            t.remove("smithy.rules#endpointRuleSet");
        }
        6 => {
            if let Some(rules) = t.get_mut("smithy.rules#endpointRuleSet") {
                replace_strings(rules, "https://chime.us-east-1.amazonaws.com", &name);
            }
        }
        7 => {
            t.insert("aws.api#service".into(), value);
        }
        _ => {
            t.insert("smithy.api#title".into(), json!(name));
        }
    }
}

fn mixins(doc: &mut Value, d: &mut Dice) {
    let all = shapes_of(doc, &["structure", "string", "enum"]);
    let Some(a) = d.pick_owned(&all) else {
        return;
    };
    let b = d.pick_owned(&all).unwrap_or_else(|| a.clone());
    let dangling = d.chance(1, 5);
    let cycle = d.chance(1, 2);
    if let Some(s) = shape_mut(doc, &a) {
        let target = if dangling {
            format!("{NS}NoSuchMixin")
        } else {
            b.clone()
        };
        s.insert("mixins".into(), json!([{"target": target}]));
    }
    if let Some(t) = traits_mut(doc, &b) {
        t.insert("smithy.api#mixin".into(), json!({}));
    }
    if cycle && a != b {
        if let Some(s) = shape_mut(doc, &b) {
            s.insert("mixins".into(), json!([{"target": a}]));
        }
    }
}

fn resources(doc: &mut Value, d: &mut Dice) {
    let id = new_id(d, "Resource");
    let op = d
        .pick_owned(&operations(doc))
        .unwrap_or_else(|| format!("{NS}CreateRoom"));
    let slot = d.pick_str(&[
        "operations",
        "create",
        "put",
        "read",
        "list",
        "collectionOperations",
    ]);
    let mut r = json!({"type": "resource"});
    r[slot] = if slot == "operations" || slot == "collectionOperations" {
        json!([{"target": op}])
    } else {
        json!({"target": op})
    };
    if d.chance(1, 2) {
        // A resource that holds itself.
        r["resources"] = json!([{"target": id}]);
    }
    if let Some(s) = doc.get_mut("shapes").and_then(Value::as_object_mut) {
        s.insert(id.clone(), r);
    }
    if let Some(s) = shape_mut(doc, SERVICE) {
        s.insert("resources".into(), json!([{"target": id}]));
    }
}

fn duplicate_operation(doc: &mut Value, d: &mut Dice) {
    let Some(op) = d.pick_owned(&operations(doc)) else {
        return;
    };
    let Some(copy) = doc["shapes"].get(&op).cloned() else {
        return;
    };
    let local = op.split_once('#').map_or(op.as_str(), |(_, l)| l);
    let name = match d.below(4) {
        0 => format!("{NS}{}", local.to_lowercase()),
        1 => format!("{NS}Create_Room"),
        2 => format!("other.ns#{local}"),
        _ => format!("{NS}{}", nasty_name(d, local)),
    };
    let fresh_io = d.chance(1, 2);
    let mut copy = copy;
    if fresh_io {
        // Its own input and output, named after it.
        for (io, suffix) in [("input", "Request"), ("output", "Response")] {
            let Some(from) = copy[io]["target"].as_str().map(str::to_owned) else {
                continue;
            };
            let to = format!("{name}{suffix}");
            if let Some(s) = doc["shapes"].get(&from).cloned() {
                if let Some(all) = doc.get_mut("shapes").and_then(Value::as_object_mut) {
                    all.insert(to.clone(), s);
                }
            }
            copy[io]["target"] = json!(to);
        }
    }
    if let Some(all) = doc.get_mut("shapes").and_then(Value::as_object_mut) {
        all.insert(name.clone(), copy);
    }
    if let Some(ops) = shape_mut(doc, SERVICE)
        .and_then(|s| s.get_mut("operations"))
        .and_then(Value::as_array_mut)
    {
        ops.push(json!({"target": name}));
    }
}

fn paginated(doc: &mut Value, d: &mut Dice) {
    let Some(op) = d.pick_owned(&operations(doc)) else {
        return;
    };
    let names = [
        "Name",
        "ClientRequestToken",
        "Room",
        "AccountId",
        "Room.Name",
        "Nope",
        "",
    ];
    let p = json!({
        "inputToken": d.pick_str(&names),
        "outputToken": d.pick_str(&names),
        "items": d.pick_str(&names),
        "pageSize": d.pick_str(&names),
    });
    let on_service = d.chance(1, 4);
    let target = if on_service { SERVICE.to_owned() } else { op };
    if let Some(t) = traits_mut(doc, &target) {
        t.insert("smithy.api#paginated".into(), p);
    }
}

fn enum_members(doc: &mut Value, d: &mut Dice) {
    let all = members(doc, &["enum", "intEnum"]);
    let Some((id, m)) = d.pick(&all).cloned() else {
        return;
    };
    let choice = d.below(4);
    let value = match choice {
        0 => json!(nasty_name(d, &m)),
        1 => nasty_value(d),
        _ => json!(m.to_lowercase()),
    };
    if let Some(t) = member_traits_mut(doc, &id, &m) {
        t.insert("smithy.api#enumValue".into(), value);
    }
    if choice == 3 {
        if let Some(member) = member_mut(doc, &id, &m) {
            member.insert("target".into(), json!("smithy.api#String"));
        }
    }
}

fn member_trait(doc: &mut Value, d: &mut Dice) {
    let all = members(doc, &["structure", "union"]);
    let Some((id, m)) = d.pick(&all).cloned() else {
        return;
    };
    let (k, v) = random_member_trait(d);
    let drop = d.chance(1, 4);
    if let Some(t) = member_traits_mut(doc, &id, &m) {
        if drop {
            let keys: Vec<String> = t.keys().cloned().collect();
            if let Some(k) = keys.first() {
                t.remove(k);
            }
        } else {
            t.insert(k.into(), v);
        }
    }
}

fn remove_something(doc: &mut Value, d: &mut Dice) {
    let all = shapes(doc);
    let Some(id) = d.pick_owned(&all) else {
        return;
    };
    let key = d.pick_str(&[
        "type",
        "members",
        "input",
        "output",
        "errors",
        "traits",
        "operations",
        "version",
        "member",
    ]);
    let whole = d.chance(1, 4);
    if let Some(shapes) = doc.get_mut("shapes").and_then(Value::as_object_mut) {
        if whole {
            shapes.shift_remove(&id);
        } else if let Some(s) = shapes.get_mut(&id).and_then(Value::as_object_mut) {
            s.shift_remove(key);
        }
    }
    if d.chance(1, 4) {
        if let Some(o) = doc.as_object_mut() {
            let k = *d
                .pick(&["smithy", "shapes", "metadata"])
                .unwrap_or(&"smithy");
            if k == "smithy" && d.chance(1, 2) {
                o.insert("smithy".into(), json!("1.0"));
            } else {
                o.shift_remove(k);
            }
        }
    }
}

/// A list or map that holds itself (directly, or through another list or
/// map), reached from Room.
fn self_holding_collection(doc: &mut Value, d: &mut Dice) {
    let id = format!("{NS}Loop");
    let other = format!("{NS}Other");
    let (shape, second) = match d.below(4) {
        0 => (json!({"type": "list", "member": {"target": id}}), None),
        1 => (
            json!({"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": id}}),
            None,
        ),
        2 => (
            json!({"type": "map", "key": {"target": id}, "value": {"target": "smithy.api#String"}}),
            None,
        ),
        _ => (
            json!({"type": "list", "member": {"target": other}}),
            Some(
                json!({"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": id}}),
            ),
        ),
    };
    if let Some(s) = doc.get_mut("shapes").and_then(Value::as_object_mut) {
        s.insert(id.clone(), shape);
        if let Some(o) = second {
            s.insert(other, o);
        }
    }
    if let Some(ms) = shape_mut(doc, &format!("{NS}Room"))
        .and_then(|s| s.get_mut("members"))
        .and_then(Value::as_object_mut)
    {
        ms.insert("Loop".into(), json!({"target": id}));
    }
}
