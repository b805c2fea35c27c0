//! Front end, first half: Smithy JSON AST text into a map of raw shapes.
//!
//! Only the document's outline is checked here (JSON syntax, `shapes` is an
//! object, every shape has a `type`); the meaning of shapes and traits is the
//! lowering's job. `apply` shapes are merged into their targets so later
//! phases see every trait where it applies.

use crate::diag::Diagnostics;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Raw shapes by shape id, from one or more model files.
#[derive(Debug, Default)]
pub struct Ast {
    /// Shapes by id, as JSON objects.
    pub shapes: BTreeMap<String, Map<String, Value>>,
}

/// Parses one model file into `ast`, recording located problems in `diags`.
/// `source` names the file in messages.
pub fn parse_into(ast: &mut Ast, source: &str, text: &str, diags: &mut Diagnostics) {
    let hint = "a Smithy model must be a JSON AST document (`smithy build` writes one)";
    let Some(doc) = diags.json(source, text, Some(hint)) else {
        return;
    };
    let Some(top) = doc.as_object() else {
        diags.error(
            source,
            "the model is not a JSON object",
            Some("expected `{\"smithy\": \"2.0\", \"shapes\": {...}}`"),
        );
        return;
    };
    match top.get("smithy").and_then(Value::as_str) {
        Some(v) if v.starts_with('1') || v.starts_with('2') => {}
        Some(v) => diags.error(
            format!("{source}: /smithy"),
            format!("unsupported Smithy IDL version `{v}`"),
            Some("use 1.0 or 2.0"),
        ),
        None => diags.error(
            format!("{source}: /smithy"),
            "missing `smithy` version",
            Some("add \"smithy\": \"2.0\""),
        ),
    }
    let Some(shapes) = top.get("shapes").and_then(Value::as_object) else {
        diags.error(
            format!("{source}: /shapes"),
            "missing `shapes` object",
            None,
        );
        return;
    };
    let mut applies = Vec::new();
    for (id, shape) in shapes {
        let Some(obj) = shape.as_object() else {
            diags.error(id, "shape is not a JSON object", None);
            continue;
        };
        if !id.contains('#') {
            diags.error(
                id,
                "shape id has no namespace",
                Some("write ids as `namespace#Name`"),
            );
            continue;
        }
        match obj.get("type").and_then(Value::as_str) {
            Some("apply") => applies.push((id.clone(), obj.clone())),
            Some(_) => {
                if ast.shapes.insert(id.clone(), obj.clone()).is_some() {
                    diags.error(id, "shape defined in more than one model file", None);
                }
            }
            None => diags.error(
                id,
                "shape has no `type`",
                Some("every shape needs \"type\": \"structure\", \"string\", ..."),
            ),
        }
    }
    for (id, apply) in applies {
        let (shape_id, member) = match id.split_once('$') {
            Some((s, m)) => (s, Some(m)),
            None => (id.as_str(), None),
        };
        let target = ast.shapes.get_mut(shape_id).and_then(|t| match member {
            None => Some(t),
            Some(m) => t
                .get_mut("members")
                .and_then(|ms| ms.get_mut(m))
                .and_then(Value::as_object_mut),
        });
        let Some(target) = target else {
            diags.error(
                &id,
                "`apply` targets a shape or member that does not exist",
                None,
            );
            continue;
        };
        if let Some(traits) = apply.get("traits").and_then(Value::as_object) {
            let entry = target
                .entry("traits")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(existing) = entry.as_object_mut() {
                existing.extend(traits.clone());
            }
        }
    }
}

/// Copies the members and traits of mixins into the shapes that use them
/// (Smithy 2.0 mixins are not flattened in a JSON AST): mixin members come
/// first, in mixin order; a member the shape redeclares keeps the mixin's
/// traits plus its own; the `smithy.api#mixin` trait itself is not inherited.
pub fn flatten_mixins(ast: &mut Ast, diags: &mut Diagnostics) {
    fn flat(
        ast: &Ast,
        id: &str,
        stack: &mut Vec<String>,
        diags: &mut Diagnostics,
    ) -> Option<Map<String, Value>> {
        let shape = ast.shapes.get(id)?;
        let mixins: Vec<String> = shape
            .get("mixins")
            .and_then(Value::as_array)
            .map(|m| {
                m.iter()
                    .filter_map(|r| r.get("target").and_then(Value::as_str))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if mixins.is_empty() {
            return Some(shape.clone());
        }
        if stack.iter().any(|s| s == id) {
            diags.error(id, "mixins form a cycle", None);
            return None;
        }
        stack.push(id.to_owned());
        let mut members = Map::new();
        let mut traits = Map::new();
        for mixin in &mixins {
            let Some(m) = flat(ast, mixin, stack, diags) else {
                diags.error(id, format!("mixin `{mixin}` does not exist"), None);
                continue;
            };
            if let Some(ms) = m.get("members").and_then(Value::as_object) {
                members.extend(ms.clone());
            }
            if let Some(ts) = m.get("traits").and_then(Value::as_object) {
                traits.extend(
                    ts.iter()
                        .filter(|(k, _)| *k != "smithy.api#mixin")
                        .map(|(k, v)| (k.clone(), v.clone())),
                );
            }
        }
        stack.pop();
        let mut out = shape.clone();
        for (name, own) in shape
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let merged = match (members.get(name), own) {
                (Some(Value::Object(inherited)), Value::Object(own)) => {
                    let mut m = inherited.clone();
                    let mut t = inherited
                        .get("traits")
                        .and_then(Value::as_object)
                        .cloned()
                        .unwrap_or_default();
                    t.extend(
                        own.get("traits")
                            .and_then(Value::as_object)
                            .cloned()
                            .unwrap_or_default(),
                    );
                    m.extend(own.clone());
                    m.insert("traits".into(), Value::Object(t));
                    Value::Object(m)
                }
                _ => own.clone(),
            };
            members.insert(name.clone(), merged);
        }
        traits.extend(
            shape
                .get("traits")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        );
        out.insert("members".into(), Value::Object(members));
        out.insert("traits".into(), Value::Object(traits));
        out.remove("mixins");
        Some(out)
    }
    let with_mixins: Vec<String> = ast
        .shapes
        .iter()
        .filter(|(_, s)| s.contains_key("mixins"))
        .map(|(id, _)| id.clone())
        .collect();
    let flattened: Vec<(String, Map<String, Value>)> = with_mixins
        .iter()
        .filter_map(|id| flat(ast, id, &mut Vec::new(), diags).map(|s| (id.clone(), s)))
        .collect();
    for (id, shape) in flattened {
        ast.shapes.insert(id, shape);
    }
}
