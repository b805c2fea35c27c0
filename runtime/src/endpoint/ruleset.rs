//! Reading a `smithy.rules#endpointRuleSet` trait: serde reads the JSON
//! shape, then one pass checks it and compiles it ([`super::expr`]), so that
//! evaluation never meets a name it cannot find or a function it does not
//! know.

use super::expr::{parse_path, split_template, Expr, Part, PathSeg, Slot, TemplatePiece};
use super::stdlib::Func;
use super::value::Value;
use super::Error;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A rule set, read and checked once ([`RuleSet::from_json`]), evaluated with
/// [`evaluate`](super::evaluate) as often as needed.
#[derive(Clone, Debug)]
pub struct RuleSet {
    version: String,
    parameters: Vec<Parameter>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) slots: usize,
}

/// A parameter the rule set declares.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Parameter {
    /// Its name (`Region`).
    pub name: String,
    /// Its type.
    pub ty: ParameterType,
    /// The built-in it is bound to (`AWS::Region`), if any.
    pub built_in: Option<String>,
    /// Whether evaluation fails without a value (after the default).
    pub required: bool,
    /// The value used when none is given.
    pub default: Option<Value>,
    /// Its documentation.
    pub documentation: Option<String>,
    /// Whether it is deprecated.
    pub deprecated: bool,
}

/// The type of a [`Parameter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParameterType {
    /// `String`.
    String,
    /// `Boolean`.
    Boolean,
    /// `StringArray`.
    StringArray,
}

impl ParameterType {
    /// Whether `value` has this type.
    pub fn admits(self, value: &Value) -> bool {
        match (self, value) {
            (ParameterType::String, Value::String(_)) => true,
            (ParameterType::Boolean, Value::Bool(_)) => true,
            (ParameterType::StringArray, Value::Array(items)) => {
                items.iter().all(|i| matches!(i, Value::String(_)))
            }
            _ => false,
        }
    }

    fn name(self) -> &'static str {
        match self {
            ParameterType::String => "String",
            ParameterType::Boolean => "Boolean",
            ParameterType::StringArray => "StringArray",
        }
    }
}

impl RuleSet {
    /// Reads the JSON of a `smithy.rules#endpointRuleSet` trait.
    pub fn from_json(json: &str) -> Result<RuleSet, Error> {
        let raw: RawRuleSet = serde_json::from_str(json)
            .map_err(|e| Error::new("", format!("not a rule set: {e}")))?;
        Self::compile(raw)
    }

    /// Reads an already parsed `smithy.rules#endpointRuleSet` trait value.
    pub fn from_value(json: &serde_json::Value) -> Result<RuleSet, Error> {
        let raw = RawRuleSet::deserialize(json)
            .map_err(|e| Error::new("", format!("not a rule set: {e}")))?;
        Self::compile(raw)
    }

    /// The rules language version (`1.0`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The declared parameters, in declaration order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// The parameter named `name`.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }

    fn compile(raw: RawRuleSet) -> Result<RuleSet, Error> {
        if !raw.version.starts_with("1.") {
            return Err(Error::new(
                "version",
                format!("rules language version {} is not supported", raw.version),
            ));
        }
        let mut parameters = Vec::new();
        for (name, p) in raw.parameters {
            let loc = format!("parameters.{name}");
            let ty = match p.ty.to_ascii_lowercase().as_str() {
                "string" => ParameterType::String,
                "boolean" => ParameterType::Boolean,
                "stringarray" => ParameterType::StringArray,
                other => return Err(Error::new(loc, format!("unknown parameter type `{other}`"))),
            };
            let default = match &p.default {
                None => None,
                Some(json) => {
                    let value = Value::from_json(json).map_err(|e| Error::new(&loc, e))?;
                    if let Some(v) = &value {
                        if !ty.admits(v) {
                            return Err(Error::new(
                                &loc,
                                format!("default is a {}, not a {}", v.type_name(), ty.name()),
                            ));
                        }
                    }
                    value
                }
            };
            parameters.push(Parameter {
                name,
                ty,
                built_in: p.built_in,
                required: p.required.unwrap_or(false),
                default,
                documentation: p.documentation,
                deprecated: p.deprecated.is_some(),
            });
        }
        let mut compiler = Compiler {
            scope: parameters
                .iter()
                .enumerate()
                .map(|(i, p)| (p.name.clone(), i))
                .collect(),
            slots: parameters.len(),
        };
        let rules = compiler.rules(raw.rules, "rules", 0)?;
        Ok(RuleSet {
            version: raw.version,
            parameters,
            rules,
            slots: compiler.slots,
        })
    }
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) conditions: Vec<Condition>,
    pub(crate) kind: RuleKind,
}

/// A compiled condition: a function call, its value bound to a slot.
#[derive(Clone, Debug)]
pub(crate) struct Condition {
    pub(crate) expr: Expr,
    pub(crate) assign: Option<Slot>,
}

/// What a rule does when its conditions hold.
#[derive(Clone, Debug)]
pub(crate) enum RuleKind {
    Endpoint(EndpointTemplate),
    Error(Expr),
    Tree(Vec<Rule>),
}

/// An `endpoint` rule's result, still to be evaluated.
#[derive(Clone, Debug)]
pub(crate) struct EndpointTemplate {
    pub(crate) url: Expr,
    pub(crate) headers: Vec<(String, Vec<Expr>)>,
    pub(crate) properties: Vec<(String, Expr)>,
}

// Nesting beyond this is refused rather than risking the stack
// (`from_value` takes values serde_json's own limit never saw).
const MAX_DEPTH: usize = 200;

struct Compiler {
    /// Names in scope, innermost last.
    scope: Vec<(String, Slot)>,
    slots: usize,
}

impl Compiler {
    fn rules(&mut self, raw: Vec<RawRule>, loc: &str, depth: usize) -> Result<Vec<Rule>, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::new(loc, "rules nested too deeply"));
        }
        raw.into_iter()
            .enumerate()
            .map(|(i, rule)| self.rule(rule, &format!("{loc}[{i}]"), depth))
            .collect()
    }

    fn rule(&mut self, raw: RawRule, loc: &str, depth: usize) -> Result<Rule, Error> {
        let mark = self.scope.len();
        let (raw_conditions, body) = match raw {
            RawRule::Endpoint {
                conditions,
                endpoint,
            } => (conditions, RawBody::Endpoint(endpoint)),
            RawRule::Error { conditions, error } => (conditions, RawBody::Error(error)),
            RawRule::Tree { conditions, rules } => (conditions, RawBody::Tree(rules)),
        };
        let mut conditions = Vec::with_capacity(raw_conditions.len());
        for (i, c) in raw_conditions.into_iter().enumerate() {
            let cloc = format!("{loc}.conditions[{i}]");
            let expr = self.call(&c.func, &c.argv, &cloc, depth)?;
            let assign = c.assign.map(|name| {
                let slot = self.slots;
                self.slots += 1;
                self.scope.push((name, slot));
                slot
            });
            conditions.push(Condition { expr, assign });
        }
        let kind = match body {
            RawBody::Endpoint(e) => {
                let eloc = format!("{loc}.endpoint");
                let url = self.expr(&e.url, &format!("{eloc}.url"), depth)?;
                let mut headers = Vec::new();
                for (name, values) in e.headers {
                    let values = values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| self.expr(v, &format!("{eloc}.headers.{name}[{i}]"), depth))
                        .collect::<Result<_, _>>()?;
                    headers.push((name, values));
                }
                let mut properties = Vec::new();
                for (name, value) in e.properties {
                    let value = self.expr(&value, &format!("{eloc}.properties.{name}"), depth)?;
                    properties.push((name, value));
                }
                RuleKind::Endpoint(EndpointTemplate {
                    url,
                    headers,
                    properties,
                })
            }
            RawBody::Error(e) => RuleKind::Error(self.expr(&e, &format!("{loc}.error"), depth)?),
            RawBody::Tree(rules) => {
                RuleKind::Tree(self.rules(rules, &format!("{loc}.rules"), depth + 1)?)
            }
        };
        self.scope.truncate(mark);
        Ok(Rule { conditions, kind })
    }

    fn lookup(&self, name: &str, loc: &str) -> Result<Slot, Error> {
        self.scope
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, slot)| *slot)
            .ok_or_else(|| Error::new(loc, format!("`{name}` is neither a parameter nor assigned")))
    }

    fn call(
        &mut self,
        name: &str,
        argv: &[serde_json::Value],
        loc: &str,
        depth: usize,
    ) -> Result<Expr, Error> {
        let func = Func::from_name(name)
            .ok_or_else(|| Error::new(loc, format!("unknown function `{name}`")))?;
        if argv.len() != func.arity() {
            return Err(Error::new(
                loc,
                format!(
                    "`{name}` takes {} arguments, not {}",
                    func.arity(),
                    argv.len()
                ),
            ));
        }
        let args = argv
            .iter()
            .enumerate()
            .map(|(i, a)| self.expr(a, &format!("{loc}.argv[{i}]"), depth + 1))
            .collect::<Result<Vec<_>, _>>()?;
        if func == Func::GetAttr {
            let mut args = args.into_iter();
            let (Some(target), Some(path)) = (args.next(), args.next()) else {
                unreachable!("arity checked above")
            };
            let Expr::Const(Value::String(path)) = path else {
                return Err(Error::new(
                    format!("{loc}.argv[1]"),
                    "the path of getAttr must be a literal string",
                ));
            };
            let path = parse_path(&path).map_err(|e| Error::new(loc, e))?;
            return Ok(Expr::GetAttr(Box::new(target), path));
        }
        Ok(Expr::Call(func, args.into_boxed_slice()))
    }

    fn expr(&mut self, json: &serde_json::Value, loc: &str, depth: usize) -> Result<Expr, Error> {
        use serde_json::Value as J;
        if depth > MAX_DEPTH {
            return Err(Error::new(loc, "expression nested too deeply"));
        }
        Ok(match json {
            J::String(s) => self.template(s, loc)?,
            J::Object(o) if o.contains_key("ref") => match (o.get("ref"), o.len()) {
                (Some(J::String(name)), 1) => Expr::Ref(self.lookup(name, loc)?),
                _ => return Err(Error::new(loc, "a reference is `{\"ref\": \"Name\"}`")),
            },
            J::Object(o) if o.contains_key("fn") => {
                let Some(J::String(name)) = o.get("fn") else {
                    return Err(Error::new(loc, "`fn` must name a function"));
                };
                let argv = match o.get("argv") {
                    Some(J::Array(argv)) => argv.as_slice(),
                    _ => return Err(Error::new(loc, "a function call needs an `argv` array")),
                };
                if let Some(key) = o.keys().find(|k| !matches!(k.as_str(), "fn" | "argv")) {
                    return Err(Error::new(
                        loc,
                        format!("unexpected `{key}` in a function call"),
                    ));
                }
                self.call(name, argv, loc, depth)?
            }
            J::Object(o) => {
                let mut fields = Vec::with_capacity(o.len());
                for (k, v) in o {
                    fields.push((k.clone(), self.expr(v, &format!("{loc}.{k}"), depth + 1)?));
                }
                if fields.iter().all(|(_, e)| matches!(e, Expr::Const(_))) {
                    Expr::Const(Value::Object(
                        fields
                            .into_iter()
                            .map(|(k, e)| match e {
                                Expr::Const(v) => (k, v),
                                _ => unreachable!("all constant"),
                            })
                            .collect(),
                    ))
                } else {
                    Expr::Object(fields)
                }
            }
            J::Array(items) => {
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.expr(v, &format!("{loc}[{i}]"), depth + 1))
                    .collect::<Result<Vec<_>, _>>()?;
                if items.iter().all(|e| matches!(e, Expr::Const(_))) {
                    Expr::Const(Value::Array(
                        items
                            .into_iter()
                            .map(|e| match e {
                                Expr::Const(v) => v,
                                _ => unreachable!("all constant"),
                            })
                            .collect(),
                    ))
                } else {
                    Expr::Array(items)
                }
            }
            J::Null => return Err(Error::new(loc, "null is not a value of the rules language")),
            other => match Value::from_json(other) {
                Ok(Some(v)) => Expr::Const(v),
                Ok(None) => unreachable!("null handled above"),
                Err(e) => return Err(Error::new(loc, e)),
            },
        })
    }

    fn template(&self, s: &str, loc: &str) -> Result<Expr, Error> {
        let pieces = split_template(s).map_err(|e| Error::new(loc, e))?;
        let mut parts = Vec::with_capacity(pieces.len());
        for piece in pieces {
            parts.push(match piece {
                TemplatePiece::Text(t) => Part::Text(t),
                TemplatePiece::Hole { name, path } => {
                    let target = Expr::Ref(self.lookup(name, loc)?);
                    Part::Hole(match path {
                        None => target,
                        Some(path) => {
                            let path: Vec<PathSeg> =
                                parse_path(path).map_err(|e| Error::new(loc, e))?;
                            Expr::GetAttr(Box::new(target), path)
                        }
                    })
                }
            });
        }
        Ok(match parts.as_slice() {
            [] => Expr::Const(Value::String(String::new())),
            [Part::Text(t)] => Expr::Const(Value::String(t.clone())),
            _ => Expr::Template(parts),
        })
    }
}

enum RawBody {
    Endpoint(RawEndpoint),
    Error(serde_json::Value),
    Tree(Vec<RawRule>),
}

#[derive(Deserialize)]
struct RawRuleSet {
    version: String,
    #[serde(default)]
    parameters: BTreeMap<String, RawParameter>,
    rules: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawParameter {
    #[serde(rename = "type")]
    ty: String,
    built_in: Option<String>,
    required: Option<bool>,
    default: Option<serde_json::Value>,
    documentation: Option<String>,
    deprecated: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum RawRule {
    Endpoint {
        #[serde(default)]
        conditions: Vec<RawCondition>,
        endpoint: RawEndpoint,
    },
    Error {
        #[serde(default)]
        conditions: Vec<RawCondition>,
        error: serde_json::Value,
    },
    Tree {
        #[serde(default)]
        conditions: Vec<RawCondition>,
        rules: Vec<RawRule>,
    },
}

#[derive(Deserialize)]
struct RawCondition {
    #[serde(rename = "fn")]
    func: String,
    #[serde(default)]
    argv: Vec<serde_json::Value>,
    assign: Option<String>,
}

#[derive(Deserialize)]
struct RawEndpoint {
    url: serde_json::Value,
    #[serde(default)]
    headers: BTreeMap<String, Vec<serde_json::Value>>,
    #[serde(default)]
    properties: BTreeMap<String, serde_json::Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        RuleSet::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn located_errors() {
        let rules = |rules: &str| {
            format!(
                r#"{{"version":"1.0","parameters":{{"Region":{{"type":"String"}}}},"rules":[{rules}]}}"#
            )
        };
        assert!(err("{").contains("not a rule set"));
        assert!(err(r#"{"version":"2.0","rules":[]}"#).contains("version 2.0"));
        let e = err(&rules(
            r#"{"type":"error","conditions":[{"fn":"nope","argv":[]}],"error":"x"}"#,
        ));
        assert!(
            e.contains("rules[0].conditions[0]") && e.contains("unknown function"),
            "{e}"
        );
        let e = err(&rules(
            r#"{"type":"error","conditions":[],"error":"{Missing}"}"#,
        ));
        assert!(
            e.contains("rules[0].error") && e.contains("`Missing`"),
            "{e}"
        );
        let e = err(&rules(
            r#"{"type":"error","conditions":[{"fn":"isSet","argv":[]}],"error":"x"}"#,
        ));
        assert!(e.contains("takes 1 arguments"), "{e}");
        let e = err(&rules(r#"{"type":"nope","conditions":[]}"#));
        assert!(e.contains("not a rule set"), "{e}");
        let e = err(&rules(
            r#"{"type":"error","conditions":[{"fn":"getAttr","argv":[{"ref":"Region"},{"ref":"Region"}]}],"error":"x"}"#,
        ));
        assert!(e.contains("literal string"), "{e}");
        let e = err(
            r#"{"version":"1.0","parameters":{"A":{"type":"Boolean","default":"x"}},"rules":[]}"#,
        );
        assert!(
            e.contains("parameters.A") && e.contains("not a Boolean"),
            "{e}"
        );
    }

    #[test]
    fn assignments_are_scoped_to_their_rule() {
        let json = r#"{"version":"1.0","parameters":{"Region":{"type":"String"}},"rules":[
            {"type":"tree","conditions":[{"fn":"aws.partition","argv":[{"ref":"Region"}],"assign":"P"}],
             "rules":[{"type":"error","conditions":[],"error":"{P#name}"}]},
            {"type":"error","conditions":[],"error":"{P#name}"}]}"#;
        let e = err(json);
        assert!(e.contains("rules[1].error"), "{e}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut argv = serde_json::json!("x");
        for _ in 0..300 {
            argv = serde_json::json!({"fn": "not", "argv": [argv]});
        }
        let json = serde_json::json!({"version": "1.0", "rules": [
            {"type": "error", "conditions": [argv], "error": "x"}]});
        // As a condition the outer call has `assign`/`fn`/`argv` keys.
        let e = RuleSet::from_value(&json).unwrap_err().to_string();
        assert!(e.contains("too deeply"), "{e}");
    }
}
