//! What every emitter shares: the runtime facade's paths, identifiers, doc
//! comments, and the names generated items derive from the model's.

use crate::ir::*;
use proc_macro2::{Ident, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};

/// The runtime facade, `::sdkgen_runtime::__private`: the one boundary
/// generated code talks to, so that a runtime or smithy-rs change touches
/// the facade and not the emitters. Every path into the runtime that an
/// emitter writes starts with [`Rt::path`] (or, at the crate root,
/// [`Rt::absolute`]).
pub(crate) struct Rt;

/// The name a generated module imports the facade as.
const ALIAS: &str = "rt";

impl Rt {
    /// The facade as a generated module names it: `rt`, which
    /// [`module_body`] imports at the module's top. The alias meets no name
    /// of the model's: types are UpperCamelCase, and the modules beside it
    /// (`builders`, `error`) and functions (`ser_*`, `de_*`, `read_*`,
    /// `serialize`, `deserialize`) are the generator's own.
    pub(crate) fn path() -> TokenStream {
        let alias = Ident::new(ALIAS, Span::call_site());
        quote!(#alias)
    }

    /// The facade by absolute path, for items at the crate root: that is
    /// the including crate's `lib.rs`, where an import of ours could meet
    /// one of the user's.
    pub(crate) fn absolute() -> TokenStream {
        quote!(::sdkgen_runtime::__private)
    }
}

/// The items of a generated module, led by `use ::sdkgen_runtime::__private
/// as rt;` where they name the facade (an unused import would warn). The
/// items of a module nested in them are not counted: each module imports
/// for itself.
pub(crate) fn module_body(items: TokenStream) -> TokenStream {
    if names_facade(items.clone()) {
        let (absolute, rt) = (Rt::absolute(), Rt::path());
        quote! {
            use #absolute as #rt;

            #items
        }
    } else {
        items
    }
}

/// Whether `tokens` hold a path starting with the facade's alias (`rt::`),
/// outside nested modules.
fn names_facade(tokens: TokenStream) -> bool {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            // `mod name { .. }`: its own business.
            TokenTree::Ident(m)
                if m == "mod" && matches!(tokens.get(i + 2), Some(TokenTree::Group(_))) =>
            {
                i += 3;
                continue;
            }
            TokenTree::Ident(name) if name == ALIAS => {
                let colons = match (tokens.get(i + 1), tokens.get(i + 2)) {
                    (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) => {
                        a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
                    }
                    _ => false,
                };
                // `x::rt::..` or `.rt` is some other `rt`.
                let after_path = i > 0
                    && matches!(&tokens[i - 1], TokenTree::Punct(p) if p.as_char() == ':' || p.as_char() == '.');
                if colons && !after_path {
                    return true;
                }
            }
            TokenTree::Group(g) if names_facade(g.stream()) => return true,
            _ => {}
        }
        i += 1;
    }
    false
}

/// An identifier from a name the `names` module produced (raw where needed).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` lines, or a fallback so every public item is documented.
pub(crate) fn doc(lines: &[String], fallback: &str) -> TokenStream {
    if lines.is_empty() {
        let line = format!(" {fallback}");
        return quote!(#[doc = #line]);
    }
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

/// The docs of a member, followed by what the model says of its value:
/// required, length, pattern, range, sensitive, idempotency token. Fields,
/// getters, builder and fluent-builder setters all carry them.
pub(crate) fn member_doc(m: &Member) -> TokenStream {
    let mut lines = m.docs.to_vec();
    if lines.is_empty() {
        lines.push(format!("The `{}` member.", m.name));
    }
    let notes = constraint_notes(m);
    if !notes.is_empty() {
        lines.push(String::new());
        lines.push(notes.join(" "));
    }
    doc(&lines, "")
}

/// One sentence for each thing the model constrains about a member.
fn constraint_notes(m: &Member) -> Vec<String> {
    let mut notes = Vec::new();
    if m.required {
        notes.push("Required.".to_owned());
    }
    if let Some((min, max)) = m.constraints.length {
        notes.push(match (min, max) {
            (Some(a), Some(b)) => format!("Length {a} to {b}."),
            (Some(a), None) => format!("Length at least {a}."),
            (None, Some(b)) => format!("Length at most {b}."),
            (None, None) => String::new(),
        });
    }
    if let Some(p) = &m.constraints.pattern {
        notes.push(format!("Must match `{}`.", printable(&p.replace('`', "'"))));
    }
    if let Some((min, max)) = m.constraints.range {
        notes.push(format!(
            "Range {} to {}.",
            min.map_or("-inf".into(), |v| v.to_string()),
            max.map_or("+inf".into(), |v| v.to_string())
        ));
    }
    if m.sensitive {
        notes.push("Sensitive: redacted in `Debug` output.".to_owned());
    }
    if m.idempotency_token {
        notes.push("Idempotency token: a UUIDv4 is filled in when unset.".to_owned());
    }
    notes.retain(|n| !n.is_empty());
    notes
}

/// `text` with control characters written as escapes (`\t`, `\r`, `\n`,
/// `\u{..}`), for doc comments: a pattern such as `[ \t\r\n]` holds the
/// characters themselves, and a bare CR is not allowed in a doc comment.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// The `@httpPayload` member of `s`, if it has one.
pub(crate) fn payload_member(s: &Structure) -> Option<&Member> {
    s.members.iter().find(|m| m.binding == Binding::Payload)
}

/// The members of `s` written to or read from its JSON body (not its form
/// fields or multipart parts, [`Binding::FormField`] and
/// [`Binding::MultipartPart`]).
pub(crate) fn body_members(s: &Structure) -> Vec<&Member> {
    s.members
        .iter()
        .filter(|m| m.binding == Binding::Body)
        .collect()
}

/// The types of what `s` carries in the body: its JSON body members, its
/// payload, its form fields and multipart parts (whose nested structures
/// are written as JSON text).
pub(crate) fn body_types(s: &Structure) -> impl Iterator<Item = &Type> {
    s.members
        .iter()
        .filter(|m| m.binding.is_body())
        .map(|m| &m.ty)
}

/// How a structure is used, which decides what it carries beside its
/// members and its builder's `build()`.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// An operation input: always a fallible `build()`, `validate()`,
    /// token filling.
    Input,
    /// An operation output: carries the response's request id.
    Output,
    /// An error structure: carries `ErrorMetadata`.
    Error,
    /// Anything else.
    Plain,
}

/// Whether `build()` of structure `s` used as `kind` returns a `Result`:
/// always for an input (as in aws-sdk-rust), else where a member must be
/// set ([`Member::must_be_set`]).
pub(crate) fn fallible_build(s: &Structure, kind: Kind) -> bool {
    kind == Kind::Input || s.members.iter().any(Member::must_be_set)
}

/// `body` run with `binding` bound to a reference to member `m` of `src`:
/// only when it is set where the member is an `Option`, always where it is
/// not.
pub(crate) fn read_field(
    m: &Member,
    src: &TokenStream,
    binding: &Ident,
    body: TokenStream,
) -> TokenStream {
    let f = ident(&m.rust_name);
    if m.optional {
        quote!(if let Some(#binding) = &#src.#f { #body })
    } else {
        quote!({ let #binding = &#src.#f; #body })
    }
}

/// `ser_room`, `de_room`: names of per-structure JSON functions.
pub(crate) fn fn_name(prefix: &str, s: &Structure) -> Ident {
    format_ident!("{}_{}", prefix, crate::names::snake(&s.rust_name))
}

/// The Rust variant of a union member.
pub(crate) fn variant_name(m: &Member) -> String {
    crate::names::variant_ident(&m.name, 0)
}

/// `set_name`: the builder method that sets or clears member `m`.
pub(crate) fn set_fn(m: &Member) -> Ident {
    // `_1` (a member named `1`) is set by `set_1`, not `set__1`.
    format_ident!(
        "set_{}",
        m.rust_name.trim_start_matches("r#").trim_start_matches('_')
    )
}

/// `get_name`: the builder method that reads member `m`.
pub(crate) fn get_fn(m: &Member) -> Ident {
    format_ident!(
        "get_{}",
        m.rust_name.trim_start_matches("r#").trim_start_matches('_')
    )
}

/// `RoomBuilder`: the builder of a structure.
pub(crate) fn builder_name(s: &Structure) -> Ident {
    ident(&s.builder_name)
}

/// `CreateRoomError`: the error enum of an operation.
pub(crate) fn error_name(op: &Operation) -> Ident {
    ident(&op.names.error)
}

/// `CreateRoomFluentBuilder`: the fluent builder of an operation.
pub(crate) fn fluent_name(op: &Operation) -> Ident {
    ident(&op.names.fluent_builder)
}

/// `ListRoomsPaginator`: the paginator of an operation.
pub(crate) fn paginator_name(op: &Operation) -> Ident {
    ident(&op.names.paginator)
}

/// The timestamp format path for a format.
pub(crate) fn ts_format(f: TimestampFormat) -> TokenStream {
    let rt = Rt::path();
    match f {
        TimestampFormat::DateTime => quote!(#rt::DateTimeFormat::DateTime),
        TimestampFormat::HttpDate => quote!(#rt::DateTimeFormat::HttpDate),
        TimestampFormat::EpochSeconds => quote!(#rt::DateTimeFormat::EpochSeconds),
    }
}

/// `impl Debug` for a structure or its builder (`type_name` as printed),
/// with `@sensitive` members redacted. It is written out only where a
/// sensitive member must be hidden or an error's metadata left out;
/// elsewhere `Debug` is derived. An error (`error`) shows the request id
/// its `Display` shows, the response's (`x-amzn-RequestId`), as
/// `request_id`: where the error has a member of that name, the member's
/// value, else the response's.
pub(crate) fn redacting_debug(
    s: &Structure,
    type_name: &str,
    for_type: &Ident,
    kind: Kind,
) -> TokenStream {
    let rt = Rt::path();
    let error = kind == Kind::Error;
    let request_id_member = error
        && s.members
            .iter()
            .any(|m| m.rust_name == "request_id" && m.ty == Type::String && !m.sensitive);
    let mut fields: Vec<TokenStream> = s
        .members
        .iter()
        .map(|m| {
            let f = ident(&m.rust_name);
            let n = m.rust_name.trim_start_matches("r#");
            if m.sensitive {
                quote!(.field(#n, &#rt::REDACTED))
            } else if request_id_member && m.rust_name == "request_id" && m.optional {
                quote!(.field(#n, &self.#f.as_deref().or(#rt::error::request_id(&self.meta))))
            } else {
                quote!(.field(#n, &self.#f))
            }
        })
        .collect();
    if error && !s.members.iter().any(|m| m.rust_name == "request_id") {
        fields.push(quote!(.field("request_id", &#rt::error::request_id(&self.meta))));
    }
    // An output (and its builder) shows its request id as a derived
    // `Debug` does.
    if kind == Kind::Output {
        fields.push(quote!(.field("_request_id", &self._request_id)));
    }
    quote! {
        impl ::std::fmt::Debug for #for_type {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#type_name) #(#fields)* .finish()
            }
        }
    }
}

/// Whether `Debug` of a structure (and its builder) is written out rather
/// than derived.
pub(crate) fn writes_debug(s: &Structure, kind: Kind) -> bool {
    kind == Kind::Error || s.members.iter().any(|m| m.sensitive)
}
