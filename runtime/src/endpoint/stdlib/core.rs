//! `isSet`, `not`, `booleanEquals`, `stringEquals`.

use crate::endpoint::Value;

/// `isSet(value)`: whether the value is set.
pub fn is_set(value: Option<&Value>) -> bool {
    value.is_some()
}

/// `not(b)`.
pub fn not(b: bool) -> bool {
    !b
}

/// `booleanEquals(a, b)`.
pub fn boolean_equals(a: bool, b: bool) -> bool {
    a == b
}

/// `stringEquals(a, b)`: equal code point by code point (no case folding,
/// no normalization).
pub fn string_equals(a: &str, b: &str) -> bool {
    a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basics() {
        assert!(is_set(Some(&Value::Bool(false))));
        assert!(is_set(Some(&Value::String(String::new()))));
        assert!(!is_set(None));
        assert!(not(false) && !not(true));
        assert!(boolean_equals(true, true) && boolean_equals(false, false));
        assert!(!boolean_equals(true, false));
        assert!(string_equals("", "") && string_equals("aws", "aws"));
        assert!(!string_equals("aws", "AWS"));
        // Composed and precomposed é are different strings.
        assert!(!string_equals("e\u{301}", "\u{e9}"));
    }
}
