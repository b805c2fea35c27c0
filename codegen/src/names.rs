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
    words(name).to_snake_case()
}

/// The name with every character but ASCII letters and digits made a word
/// break: generated names are ASCII (rustc warns on some non-ASCII
/// identifiers, and a name with a dash or a space is none at all).
fn words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// A snake-case name safe as a Rust field, function or module identifier:
/// keywords become raw (`r#type`), leading digits get a `_` prefix.
pub fn field_ident(name: &str) -> String {
    let s = snake(name);
    escape(s)
}

/// The `Client` method (and `operation` module) of an operation: its
/// [`field_ident`], with `_operation` added where `Client` has a method of
/// that name already (`new`, `from_conf`, `config`).
pub fn operation_fn(name: &str) -> String {
    let f = field_ident(name);
    if matches!(f.as_str(), "new" | "from_conf" | "config") {
        format!("{f}_operation")
    } else {
        f
    }
}

/// Where a structure's members become fields, getters and builder methods,
/// which decides the method names they must not take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberScope {
    /// An operation's input (its builder also has `send_with`, its fluent
    /// builder `send`, `customize`, `as_input`, `into_paginator`, and the
    /// input `validate`).
    Input,
    /// An operation's output (it has the field `_request_id`, its builder
    /// `_request_id` and `_set_request_id`).
    Output,
    /// An error structure (its builder has `meta`, `set_meta`).
    Error,
    /// Any other structure.
    Plain,
}

/// Method names a structure, its builder or its fluent builder already has.
fn reserved_methods(scope: MemberScope) -> &'static [&'static str] {
    match scope {
        MemberScope::Input => &[
            "build",
            "builder",
            "validate",
            "send",
            "send_with",
            "customize",
            "as_input",
            "into_paginator",
            "new",
            "default",
        ],
        // `default`: builders are `Default`, and `Builder::default()` must
        // stay the trait's.
        MemberScope::Output => &[
            "build",
            "builder",
            "default",
            "_request_id",
            "_set_request_id",
        ],
        MemberScope::Error => &["build", "builder", "meta", "set_meta", "default"],
        MemberScope::Plain => &["build", "builder", "default"],
    }
}

/// The field names of a structure's members (from [`field_ident`]),
/// renamed where one would take the name of a generated method or collide
/// with another member's setter or getter: a member `build`, `builder` or
/// (in an input) `send` becomes `build_value`..., a member `set_name` beside
/// `name` becomes `set_name_value` (`set_name` is `name`'s setter). Names
/// stay unique: `_value` is added until they are. (smithy-rs renames such
/// members too; the wire name is unchanged.) Members that are equal after
/// case conversion are left for `check` to report.
pub fn member_fields(fields: &[String], scope: MemberScope) -> Vec<String> {
    let plain: Vec<&str> = fields.iter().map(|f| f.trim_start_matches("r#")).collect();
    // Accessors drop a leading `_` (`_1` is set by `set_1`).
    let taken_by_accessor = |f: &str| {
        ["set_", "get_"].iter().any(|p| {
            f.strip_prefix(p)
                .is_some_and(|rest| plain.iter().any(|x| x.trim_start_matches('_') == rest))
        })
    };
    let mut out: Vec<String> = Vec::with_capacity(fields.len());
    for (field, bare) in fields.iter().zip(&plain) {
        if !(reserved_methods(scope).contains(bare) || taken_by_accessor(bare)) {
            // Members equal after case conversion stay so: `check` reports
            // them (Smithy forbids them too).
            out.push(field.clone());
            continue;
        }
        let mut name = format!("{bare}_value");
        while out.contains(&name) || plain.contains(&name.as_str()) {
            name.push_str("_value");
        }
        out.push(name);
    }
    out
}

/// Applies [`member_fields`] to every structure of `service`, whichever
/// front end made it: run after lowering, before `check`.
pub fn resolve_member_names(service: &mut crate::ir::Service) {
    let resolve = |s: &mut crate::ir::Structure, scope: MemberScope| {
        let scope = if s.error.is_some() {
            MemberScope::Error
        } else {
            scope
        };
        let fields: Vec<String> = s.members.iter().map(|m| m.rust_name.clone()).collect();
        for (m, field) in s.members.iter_mut().zip(member_fields(&fields, scope)) {
            m.rust_name = field;
        }
    };
    for op in &mut service.operations {
        resolve(&mut op.input, MemberScope::Input);
        resolve(&mut op.output, MemberScope::Output);
    }
    for shape in service.shapes.values_mut() {
        if let crate::ir::Shape::Structure(s) = shape {
            resolve(s, MemberScope::Plain);
        }
    }
}

/// `ErrorCode` stays, `room_type` -> `RoomType`; a type named like a
/// prelude or keyword type is suffixed with `Value`.
pub fn type_ident(name: &str) -> String {
    let s = words(name).to_upper_camel_case();
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

/// `name` where it is an UpperCamelCase ASCII name the generated code can
/// use as a type, else [`type_ident`] of it.
pub fn type_name(name: &str) -> String {
    if is_camel(name) && type_ident(name) != format!("{name}Value") {
        name.to_owned()
    } else {
        type_ident(name)
    }
}

/// `name` where it is an UpperCamelCase ASCII name the generated code can
/// use as a variant, else [`variant_ident`] of it.
pub fn variant_name(name: &str, index: usize) -> String {
    if is_camel(name) && !matches!(name, "Self" | "Unknown") {
        name.to_owned()
    } else {
        variant_ident(name, index)
    }
}

/// ASCII letters and digits, starting with a capital (or `_` and a digit,
/// as [`type_ident`] writes a name that starts with one).
fn is_camel(name: &str) -> bool {
    let body = match name.strip_prefix('_') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest,
        Some(_) => return false,
        None if name.starts_with(|c: char| c.is_ascii_uppercase()) => name,
        None => return false,
    };
    body.chars().all(|c| c.is_ascii_alphanumeric())
}

/// An enum variant for a wire value: `us-east-1` -> `UsEast1`, `*` -> `Value0`.
pub fn variant_ident(name: &str, index: usize) -> String {
    let s = words(name).to_upper_camel_case();
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
        // Dashes, spaces and non-ASCII letters break words.
        assert_eq!(field_ident("create-room"), "create_room");
        assert_eq!(type_ident("create-room"), "CreateRoom");
        assert_eq!(type_ident("createRoom"), "CreateRoom");
        assert_eq!(field_ident("créer salle"), "cr_er_salle");
        assert_eq!(variant_ident("-", 2), "Value2");
        assert_eq!(type_ident("-"), "");
        assert_eq!(operation_fn("New"), "new_operation");
        assert_eq!(operation_fn("FromConf"), "from_conf_operation");
        assert_eq!(operation_fn("Config"), "config_operation");
        assert_eq!(operation_fn("CreateRoom"), "create_room");
    }

    /// `normalize` keeps the type and variant names a front end states
    /// where they are good Rust names (those `type_ident` and
    /// `variant_ident` make among them) and makes names of the rest.
    #[test]
    fn good_type_and_variant_names_are_kept() {
        for name in [
            "ResetPersonalPIN",
            "us-east-1",
            "2FA",
            "Self",
            "Unknown",
            "String",
            "3rdParty",
            "*",
            "a_b",
            "createRoom",
            "X",
            "ÄÖ",
        ] {
            let t = type_ident(name);
            assert_eq!(type_name(&t), t, "type name of {name}");
            let v = variant_ident(name, 4);
            assert_eq!(variant_name(&v, 4), v, "variant of {name}");
        }
        assert_eq!(type_name("AB"), "AB");
        assert_eq!(type_name("createRoom"), "CreateRoom");
        assert_eq!(type_name("Create-Room"), "CreateRoom");
        assert_eq!(type_name("Option"), "OptionValue");
        assert_eq!(variant_name("US_EAST", 0), "UsEast");
        assert_eq!(variant_name("Unknown", 0), "UnknownValue");
    }

    #[test]
    fn members_do_not_take_generated_method_names() {
        let f = |names: &[&str], scope| {
            let fields: Vec<String> = names.iter().map(|n| field_ident(n)).collect();
            member_fields(&fields, scope)
        };
        assert_eq!(
            f(&["Build", "Builder", "Name"], MemberScope::Plain),
            ["build_value", "builder_value", "name"]
        );
        assert_eq!(
            f(
                &["Send", "Validate", "Customize", "AsInput"],
                MemberScope::Input
            ),
            [
                "send_value",
                "validate_value",
                "customize_value",
                "as_input_value"
            ]
        );
        // Only inputs have `send`; only errors have `meta`.
        assert_eq!(f(&["Send", "Meta"], MemberScope::Plain), ["send", "meta"]);
        assert_eq!(f(&["Meta"], MemberScope::Error), ["meta_value"]);
        // `set_name` is `name`'s setter, `get_name` its getter.
        assert_eq!(
            f(
                &["Name", "SetName", "GetName", "SetOther"],
                MemberScope::Plain
            ),
            ["name", "set_name_value", "get_name_value", "set_other"]
        );
        // A renamed member does not land on another member's name.
        assert_eq!(
            f(&["Build", "BuildValue"], MemberScope::Plain),
            ["build_value_value", "build_value"]
        );
        assert_eq!(f(&["Type"], MemberScope::Plain), ["r#type"]);
    }
}
