//! `getAttr(value, "path")`: a field of a record (`name`), an element of an
//! array (`[0]`), or a path of both (`a.b[0]`). A missing field, an index
//! out of bounds or a step into a value of the wrong kind gives unset.

use crate::endpoint::expr::PathSeg;
use crate::endpoint::Value;

/// The value at `path` in `value`, if there is one.
pub(crate) fn get_attr<'v>(value: &'v Value, path: &[PathSeg]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, seg| match (seg, v) {
        (PathSeg::Key(k), Value::Object(fields)) => fields.get(k),
        (PathSeg::Index(i), Value::Array(items)) => items.get(*i),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::expr::parse_path;

    #[test]
    fn paths() {
        let v = Value::from_json(&serde_json::json!({
            "a": {"b": ["x", "y"]}, "resourceId": ["r0", "r1"], "flag": true
        }))
        .unwrap()
        .unwrap();
        let at = |p: &str| get_attr(&v, &parse_path(p).unwrap()).cloned();
        assert_eq!(at("a.b[1]"), Some("y".into()));
        assert_eq!(at("resourceId[0]"), Some("r0".into()));
        assert_eq!(at("resourceId[2]"), None);
        assert_eq!(at("flag"), Some(true.into()));
        assert_eq!(at("flag.x"), None);
        assert_eq!(at("a[0]"), None);
        assert_eq!(at("missing"), None);
        let arr = Value::from(vec!["p".to_owned()]);
        assert_eq!(
            get_attr(&arr, &parse_path("[0]").unwrap()),
            Some(&"p".into())
        );
    }
}
