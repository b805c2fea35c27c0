//! Evaluation of a compiled rule set.
//!
//! Values are borrowed wherever they can be: parameter values from the
//! caller, literals from the rule set, partition records from the partitions
//! document; only what functions compute (parsed URLs, substrings, encoded
//! strings, templates) is owned. A typical AWS rule set (partition, a few
//! `booleanEquals`, one template) so allocates little more than the URL.

use super::expr::{Expr, Part};
use super::partitions::Partitions;
use super::ruleset::{EndpointTemplate, Parameter, Rule, RuleKind, RuleSet};
use super::stdlib::{self, Func};
use super::value::Value;
use super::ResolvedEndpoint;
use std::borrow::Cow;
use std::collections::BTreeMap;

type Eval<'a> = Result<Option<Cow<'a, Value>>, String>;

struct Evaluator<'a> {
    partitions: &'a Partitions,
    scope: Vec<Option<Cow<'a, Value>>>,
}

/// Evaluates `rule_set` with each parameter's value given by `lookup` (the
/// default applies where it gives none).
pub(crate) fn run<'a>(
    rule_set: &'a RuleSet,
    partitions: &'a Partitions,
    mut lookup: impl FnMut(usize, &'a Parameter) -> Option<&'a Value>,
) -> Result<ResolvedEndpoint, String> {
    let mut scope = Vec::with_capacity(rule_set.slots);
    for (i, p) in rule_set.parameters().iter().enumerate() {
        let value = lookup(i, p).or(p.default.as_ref());
        match value {
            Some(v) if !p.ty.admits(v) => {
                return Err(format!(
                    "parameter `{}` must be a {:?}, not a {}",
                    p.name,
                    p.ty,
                    v.type_name()
                ))
            }
            None if p.required => {
                return Err(format!("parameter `{}` is required but not set", p.name))
            }
            _ => {}
        }
        scope.push(value.map(Cow::Borrowed));
    }
    scope.resize(rule_set.slots, None);
    let mut evaluator = Evaluator { partitions, scope };
    evaluator.rules(&rule_set.rules)
}

impl<'a> Evaluator<'a> {
    fn rules(&mut self, rules: &'a [Rule]) -> Result<ResolvedEndpoint, String> {
        for rule in rules {
            if !self.conditions_hold(rule)? {
                continue;
            }
            // A rule whose conditions hold decides: a tree none of whose
            // rules matches is an error, not a fall through to the next rule.
            return match &rule.kind {
                RuleKind::Endpoint(endpoint) => self.endpoint(endpoint),
                RuleKind::Error(message) => Err(self.string(message, "an error message")?),
                RuleKind::Tree(rules) => self.rules(rules),
            };
        }
        Err("no endpoint rule matched these parameters".into())
    }

    fn conditions_hold(&mut self, rule: &'a Rule) -> Result<bool, String> {
        for c in &rule.conditions {
            let value = self.eval(&c.expr)?;
            let holds = matches!(value.as_deref(), Some(v) if *v != Value::Bool(false));
            if !holds {
                return Ok(false);
            }
            if let Some(slot) = c.assign {
                self.scope[slot] = value;
            }
        }
        Ok(true)
    }

    fn endpoint(&self, e: &'a EndpointTemplate) -> Result<ResolvedEndpoint, String> {
        let url = self.string(&e.url, "the endpoint URL")?;
        let mut headers = BTreeMap::new();
        for (name, values) in &e.headers {
            let values = values
                .iter()
                .map(|v| self.string(v, "a header value"))
                .collect::<Result<Vec<_>, _>>()?;
            headers.insert(name.clone(), values);
        }
        let mut properties = BTreeMap::new();
        for (name, value) in &e.properties {
            if let Some(v) = self.eval(value)? {
                properties.insert(name.clone(), v.into_owned());
            }
        }
        Ok(ResolvedEndpoint {
            url,
            headers,
            properties,
        })
    }

    /// An expression that must give a string.
    fn string(&self, e: &'a Expr, what: &str) -> Result<String, String> {
        match self.eval(e)? {
            Some(Cow::Owned(Value::String(s))) => Ok(s),
            Some(Cow::Borrowed(Value::String(s))) => Ok(s.clone()),
            Some(other) => Err(format!("{what} is a {}, not a string", other.type_name())),
            None => Err(format!("{what} is unset")),
        }
    }

    fn eval(&self, e: &'a Expr) -> Eval<'a> {
        Ok(match e {
            Expr::Const(v) => Some(Cow::Borrowed(v)),
            Expr::Ref(slot) => match &self.scope[*slot] {
                Some(Cow::Borrowed(v)) => Some(Cow::Borrowed(*v)),
                Some(Cow::Owned(v)) => Some(Cow::Owned(v.clone())),
                None => None,
            },
            Expr::GetAttr(target, path) => {
                let at = |v: &Value| stdlib::get_attr::get_attr(v, path).cloned();
                match target.as_ref() {
                    // A field of an owned record in scope: copy the field
                    // only, not the record.
                    Expr::Ref(slot) => match &self.scope[*slot] {
                        Some(Cow::Borrowed(v)) => {
                            stdlib::get_attr::get_attr(v, path).map(Cow::Borrowed)
                        }
                        Some(Cow::Owned(v)) => at(v).map(Cow::Owned),
                        None => None,
                    },
                    other => match self.eval(other)? {
                        Some(Cow::Borrowed(v)) => {
                            stdlib::get_attr::get_attr(v, path).map(Cow::Borrowed)
                        }
                        Some(Cow::Owned(v)) => at(&v).map(Cow::Owned),
                        None => None,
                    },
                }
            }
            Expr::Template(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        Part::Text(t) => out.push_str(t),
                        Part::Hole(e) => match self.eval(e)? {
                            Some(v) => match v.as_ref() {
                                Value::String(s) => out.push_str(s),
                                other => {
                                    return Err(format!(
                                        "a template hole is a {}, not a string",
                                        other.type_name()
                                    ))
                                }
                            },
                            None => return Err("a template hole is unset".into()),
                        },
                    }
                }
                Some(Cow::Owned(Value::String(out)))
            }
            Expr::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match self.eval(item)? {
                        Some(v) => out.push(v.into_owned()),
                        None => return Err("an array element is unset".into()),
                    }
                }
                Some(Cow::Owned(Value::Array(out)))
            }
            Expr::Object(fields) => {
                let mut out = BTreeMap::new();
                for (k, v) in fields {
                    if let Some(v) = self.eval(v)? {
                        out.insert(k.clone(), v.into_owned());
                    }
                }
                Some(Cow::Owned(Value::Object(out)))
            }
            Expr::Call(func, args) => self.call(*func, args)?,
        })
    }

    fn call(&self, func: Func, args: &'a [Expr]) -> Eval<'a> {
        use stdlib::*;
        let owned = |v: Value| Some(Cow::Owned(v));
        // Functions other than `isSet` are unset when an argument is unset.
        macro_rules! args {
            ($($name:ident),+) => {
                let [$(Some($name)),+] = self.args(args)? else {
                    return Ok(None);
                };
            };
        }
        Ok(match func {
            Func::IsSet => {
                let [a] = self.args(args)?;
                owned(Value::Bool(core::is_set(a.as_deref())))
            }
            Func::Not => {
                args!(a);
                owned(Value::Bool(core::not(want_bool(func, &a)?)))
            }
            Func::BooleanEquals => {
                args!(a, b);
                owned(Value::Bool(core::boolean_equals(
                    want_bool(func, &a)?,
                    want_bool(func, &b)?,
                )))
            }
            Func::StringEquals => {
                args!(a, b);
                owned(Value::Bool(core::string_equals(
                    want_str(func, &a)?,
                    want_str(func, &b)?,
                )))
            }
            Func::IsValidHostLabel => {
                args!(a, b);
                owned(Value::Bool(host_label::is_valid_host_label(
                    want_str(func, &a)?,
                    want_bool(func, &b)?,
                )))
            }
            Func::IsVirtualHostableS3Bucket => {
                args!(a, b);
                owned(Value::Bool(s3::is_virtual_hostable_s3_bucket(
                    want_str(func, &a)?,
                    want_bool(func, &b)?,
                )))
            }
            Func::ParseUrl => {
                args!(a);
                parse_url::parse_url(want_str(func, &a)?).and_then(|u| owned(u.to_value()))
            }
            Func::ParseArn => {
                args!(a);
                parse_arn::parse_arn(want_str(func, &a)?).and_then(|arn| owned(arn.to_value()))
            }
            Func::Substring => {
                args!(s, start, stop, reverse);
                let (Ok(start), Ok(stop)) = (
                    usize::try_from(want_int(func, &start)?),
                    usize::try_from(want_int(func, &stop)?),
                ) else {
                    return Ok(None);
                };
                substring::substring(want_str(func, &s)?, start, stop, want_bool(func, &reverse)?)
                    .and_then(|s| owned(Value::String(s.to_owned())))
            }
            Func::UriEncode => {
                args!(a);
                owned(Value::String(
                    uri_encode::uri_encode(want_str(func, &a)?).into_owned(),
                ))
            }
            Func::Partition => {
                args!(a);
                let region = want_str(func, &a)?;
                partition::partition(self.partitions, region).map(Cow::Borrowed)
            }
            Func::GetAttr => unreachable!("compiled to Expr::GetAttr"),
        })
    }
}

impl<'a> Evaluator<'a> {
    /// The arguments, evaluated (the compiler checked their number).
    fn args<const N: usize>(
        &self,
        args: &'a [Expr],
    ) -> Result<[Option<Cow<'a, Value>>; N], String> {
        let mut out = [const { None }; N];
        for (slot, arg) in out.iter_mut().zip(args) {
            *slot = self.eval(arg)?;
        }
        Ok(out)
    }
}

fn mismatch(func: Func, want: &str, got: &Value) -> String {
    format!(
        "`{}` takes a {want}, not a {}",
        func.name(),
        got.type_name()
    )
}

fn want_str(func: Func, v: &Value) -> Result<&str, String> {
    v.as_str().ok_or_else(|| mismatch(func, "string", v))
}

fn want_bool(func: Func, v: &Value) -> Result<bool, String> {
    v.as_bool().ok_or_else(|| mismatch(func, "boolean", v))
}

fn want_int(func: Func, v: &Value) -> Result<i64, String> {
    match v {
        Value::Integer(i) => Ok(*i),
        other => Err(mismatch(func, "integer", other)),
    }
}
