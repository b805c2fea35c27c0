//! `substring(input, start, stop, reverse)`.

/// The characters `start..stop` of `input` (counted from the end when
/// `reverse`), or `None` when `start >= stop`, `stop` is past the end, or the
/// input is not all ASCII (the rules language counts in bytes and refuses
/// what would split a character).
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<&str> {
    if start >= stop || stop > input.len() || !input.is_ascii() {
        return None;
    }
    Some(if reverse {
        &input[input.len() - stop..input.len() - start]
    } else {
        &input[start..stop]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(substring("abcdef", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdef", 0, 4, true), Some("cdef"));
        assert_eq!(substring("abcdef", 2, 3, true), Some("d"));
        assert_eq!(substring("abcdef", 0, 6, false), Some("abcdef"));
        assert_eq!(substring("abcdef", 0, 7, false), None);
        assert_eq!(substring("abcdef", 3, 3, false), None);
        assert_eq!(substring("abcdef", 4, 3, false), None);
        assert_eq!(substring("", 0, 1, false), None);
        assert_eq!(substring("abc\u{e9}", 0, 2, false), None);
    }
}
