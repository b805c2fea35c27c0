//! Identifier policy: every Rust name the generator emits comes from here.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves; a member named like one becomes a raw identifier.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self"];

/// `ResetPersonalPIN` -> `reset_personal_pin`, `CreatedTimestamp` -> `created_timestamp`.
pub fn snake(name: &str) -> String {
    name.to_snake_case()
}

/// A snake-case name safe as a Rust field, function or module identifier:
/// keywords become raw (`r#type`), leading digits get a `_` prefix.
pub fn field_ident(name: &str) -> String {
    let s = snake(name);
    escape(s)
}

/// `ErrorCode` stays, `room_type` -> `RoomType`; a type named like a
/// prelude or keyword type is suffixed with `Value`.
pub fn type_ident(name: &str) -> String {
    let s = name.to_upper_camel_case();
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    };
    match s.as_str() {
        "Self" | "Option" | "Result" | "String" | "Vec" | "Box" | "Some" | "None" | "Ok"
        | "Err" => format!("{s}Value"),
        _ => s,
    }
}

/// An enum variant for a wire value: `us-east-1` -> `UsEast1`, `*` -> `Value0`.
pub fn variant_ident(name: &str, index: usize) -> String {
    let s = name.to_upper_camel_case();
    if s.is_empty() {
        format!("Value{index}")
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Value{s}")
    } else if s == "Self" || s == "Unknown" {
        format!("{s}Value")
    } else {
        s
    }
}

fn escape(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if KEYWORDS.contains(&s.as_str()) {
        format!("r#{s}")
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        for (input, field, ty) in [
            ("ResetPersonalPIN", "reset_personal_pin", "ResetPersonalPin"),
            ("CreatedTimestamp", "created_timestamp", "CreatedTimestamp"),
            ("AccountId", "account_id", "AccountId"),
            ("Type", "r#type", "Type"),
            ("gen", "r#gen", "Gen"),
            ("self", "self_", "SelfValue"),
            ("3rdParty", "_3rd_party", "_3rdParty"),
            ("String", "string", "StringValue"),
            ("SMAUpdate", "sma_update", "SmaUpdate"),
        ] {
            assert_eq!(field_ident(input), field, "field of {input}");
            assert_eq!(type_ident(input), ty, "type of {input}");
        }
        assert_eq!(variant_ident("us-east-1", 0), "UsEast1");
        assert_eq!(variant_ident("*", 3), "Value3");
        assert_eq!(variant_ident("Unknown", 1), "UnknownValue");
        assert_eq!(variant_ident("2FA", 1), "Value2fa");
    }
}
