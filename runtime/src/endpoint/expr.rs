//! The compiled form of a rule set: references resolved to slots, templates
//! split into parts, `getAttr` paths parsed, once, when the rule set is read.

use super::stdlib::Func;
use super::value::Value;

/// Where a value lives during evaluation: parameters take the first slots, in
/// declaration order, then each `assign` of a condition gets its own.
pub(crate) type Slot = usize;

/// An expression: an argument of a function, a template, a property.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    /// A literal with no template in it.
    Const(Value),
    /// `{"ref": "Name"}`.
    Ref(Slot),
    /// A string with `{Name}` / `{Name#path}` parts.
    Template(Vec<Part>),
    /// An array literal holding a template somewhere.
    Array(Vec<Expr>),
    /// A record literal holding a template somewhere.
    Object(Vec<(String, Expr)>),
    /// `getAttr(value, "path")`, kept apart from the other functions so a
    /// field of a referenced record is read without copying the record.
    GetAttr(Box<Expr>, Vec<PathSeg>),
    /// Any other function.
    Call(Func, Box<[Expr]>),
}

/// A piece of a template string.
#[derive(Clone, Debug)]
pub(crate) enum Part {
    /// Text, escapes (`{{`, `}}`) already undone.
    Text(String),
    /// A `{...}` hole: a reference or a `getAttr` of one.
    Hole(Expr),
}

/// One step of a `getAttr` path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PathSeg {
    /// A record field.
    Key(String),
    /// An array element.
    Index(usize),
}

/// Parses a `getAttr` path: fields separated by `.`, each optionally followed
/// by `[N]` indexes (`a.b[0]`, `resourceId[1]`, `[0]`).
pub(crate) fn parse_path(path: &str) -> Result<Vec<PathSeg>, String> {
    let bad = |why: &str| format!("bad getAttr path `{path}`: {why}");
    if path.is_empty() {
        return Err(bad("empty"));
    }
    let mut segs = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if name.is_empty() && rest.is_empty() {
            return Err(bad("empty field name"));
        }
        if !name.is_empty() {
            segs.push(PathSeg::Key(name.to_owned()));
        }
        while !rest.is_empty() {
            let close = rest.find(']').ok_or_else(|| bad("`[` without `]`"))?;
            let index = &rest[1..close];
            if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("an index is not a non-negative integer"));
            }
            let index = index.parse().map_err(|_| bad("index too large"))?;
            segs.push(PathSeg::Index(index));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return Err(bad("text after `]`"));
            }
        }
    }
    Ok(segs)
}

/// A template's text split into literal text and the `{...}` holes, escapes
/// undone. `{` must be closed; a lone `}` is text.
pub(crate) fn split_template(s: &str) -> Result<Vec<TemplatePiece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        text.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            text.push('{');
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            text.push('}');
            rest = after;
        } else if let Some(after) = tail.strip_prefix('{') {
            let close = after
                .find('}')
                .ok_or_else(|| format!("template `{s}`: `{{` without `}}`"))?;
            if !text.is_empty() {
                pieces.push(TemplatePiece::Text(std::mem::take(&mut text)));
            }
            let hole = &after[..close];
            let (name, path) = match hole.split_once('#') {
                Some((name, path)) => (name, Some(path)),
                None => (hole, None),
            };
            if name.is_empty() {
                return Err(format!("template `{s}`: a hole names nothing"));
            }
            pieces.push(TemplatePiece::Hole { name, path });
            rest = &after[close + 1..];
        } else {
            text.push('}');
            rest = &tail[1..];
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        pieces.push(TemplatePiece::Text(text));
    }
    Ok(pieces)
}

/// What [`split_template`] finds.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TemplatePiece<'a> {
    /// Literal text.
    Text(String),
    /// `{name}` or `{name#path}`.
    Hole {
        /// The referenced name.
        name: &'a str,
        /// The `getAttr` path after `#`.
        path: Option<&'a str>,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        use PathSeg::*;
        assert_eq!(
            parse_path("a.b[0]"),
            Ok(vec![Key("a".into()), Key("b".into()), Index(0)])
        );
        assert_eq!(parse_path("[2]"), Ok(vec![Index(2)]));
        assert_eq!(
            parse_path("a[1][2]"),
            Ok(vec![Key("a".into()), Index(1), Index(2)])
        );
        for bad in [
            "",
            ".",
            "a.",
            "a[",
            "a[x]",
            "a[-1]",
            "a[0]b",
            "a[]",
            "a[99999999999999999999]",
        ] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn templates() {
        use TemplatePiece::*;
        assert_eq!(
            split_template("https://{Region}.{P#dnsSuffix}"),
            Ok(vec![
                Text("https://".into()),
                Hole {
                    name: "Region",
                    path: None
                },
                Text(".".into()),
                Hole {
                    name: "P",
                    path: Some("dnsSuffix")
                },
            ])
        );
        assert_eq!(split_template("{{a}} }"), Ok(vec![Text("{a} }".into())]));
        assert_eq!(split_template(""), Ok(vec![]));
        assert!(split_template("{open").is_err());
        assert!(split_template("{}").is_err());
    }
}
