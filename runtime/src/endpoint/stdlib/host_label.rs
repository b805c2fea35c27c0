//! `isValidHostLabel(value, allowSubDomains)`.
//!
//! Written by hand: no crate says "an RFC 1123 label" on its own (`url`
//! and `idna` accept and rewrite far more than a single label), and the
//! rule is a few lines.

/// Whether `label` is a valid host label: 1 to 63 ASCII letters, digits or
/// hyphens, not starting with a hyphen; with `allow_sub_domains`, one or more
/// such labels separated by dots (no empty label, so no leading, trailing or
/// doubled dot).
pub fn is_valid_host_label(label: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        label.split('.').all(is_valid_segment)
    } else {
        is_valid_segment(label)
    }
}

fn is_valid_segment(segment: &str) -> bool {
    crate::http::is_host_label(segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert!(is_valid_host_label("us-east-1", false));
        assert!(is_valid_host_label("a", false));
        assert!(is_valid_host_label("a-", false));
        assert!(!is_valid_host_label("", false));
        assert!(!is_valid_host_label("", true));
        assert!(!is_valid_host_label("-a", false));
        assert!(!is_valid_host_label("a.b", false));
        assert!(is_valid_host_label("a.b", true));
        assert!(!is_valid_host_label("a..b", true));
        assert!(!is_valid_host_label(".a", true));
        assert!(!is_valid_host_label("a.", true));
        assert!(!is_valid_host_label("a.-b", true));
        assert!(!is_valid_host_label("a_b", false));
        assert!(!is_valid_host_label("café", false));
        assert!(is_valid_host_label(&"a".repeat(63), false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        let two = format!("{0}.{0}", "a".repeat(63));
        assert!(is_valid_host_label(&two, true));
    }
}
