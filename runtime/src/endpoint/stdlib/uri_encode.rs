//! `uriEncode(value)`.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::borrow::Cow;

/// All but RFC 3986's unreserved characters are encoded.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// `value` percent-encoded as UTF-8, every byte but `A-Z a-z 0-9 - _ . ~`
/// (upper-case hex digits).
pub fn uri_encode(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, ENCODED).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes() {
        assert_eq!(uri_encode("abc-_.~XYZ019"), "abc-_.~XYZ019");
        assert_eq!(uri_encode("a b/c+d"), "a%20b%2Fc%2Bd");
        assert_eq!(uri_encode("\u{e9}"), "%C3%A9");
        assert_eq!(
            uri_encode("?&=#:@!$'()*,;"),
            "%3F%26%3D%23%3A%40%21%24%27%28%29%2A%2C%3B"
        );
        assert_eq!(uri_encode(""), "");
        assert!(matches!(uri_encode("plain"), Cow::Borrowed(_)));
    }
}
