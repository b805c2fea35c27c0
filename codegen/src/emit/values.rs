//! Rust expressions for values the model states: a protocol case's
//! `params` and `@default` traits, read into typed [`Value`]s by
//! `normalize` and checked to fit their types by `check`.

use super::common::{fallible_build, ident, set_fn, variant_name, Kind, Rt};
use super::cx::Cx;
use crate::ir::*;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// An expression building structure `s` (Rust path `path`) from `value` (a
/// [`Value::Structure`]). Where the structure's `build()` can fail (an
/// input's, or one with members it cannot be without), the error is a
/// `String` passed on with `?`: only protocol cases construct values so, in
/// functions returning `Result<_, String>`.
pub(crate) fn structure_expr(
    cx: &Cx,
    s: &Structure,
    path: &TokenStream,
    value: &Value,
) -> TokenStream {
    let (builder, build) = structure_builder(cx, s, path, value);
    quote!(#builder #build)
}

/// The builder of structure `s` with the members `value` sets, and the
/// `.build()` call that finishes it (with `?` where it can fail), apart:
/// for a caller to set more on the builder first.
pub(crate) fn structure_builder(
    cx: &Cx,
    s: &Structure,
    path: &TokenStream,
    value: &Value,
) -> (TokenStream, TokenStream) {
    let Value::Structure(members) = value else {
        return (mismatch(value, &s.name), quote!());
    };
    let sets = members.iter().map(|(name, v)| {
        let Some(m) = s.members.iter().find(|m| &m.name == name) else {
            return mismatch(v, &format!("{}.{name}", s.name));
        };
        let set = set_fn(m);
        let v = value_expr(cx, &m.ty, v);
        quote!(.#set(Some(#v)))
    });
    let input = cx
        .service
        .operations
        .iter()
        .any(|op| std::ptr::eq(&op.input, s));
    let kind = if input { Kind::Input } else { Kind::Plain };
    let build = if fallible_build(s, kind) {
        quote!(.build().map_err(|e| e.to_string())?)
    } else {
        quote!(.build())
    };
    (quote!(#path::builder() #(#sets)*), build)
}

/// An expression of type `ty` for `v`. Never fails: `check` has made sure
/// that `v` fits `ty`; were it not so, the expression is a `compile_error!`
/// naming the value, never a silent stand-in.
pub(crate) fn value_expr(cx: &Cx, ty: &Type, v: &Value) -> TokenStream {
    let rt = Rt::path();
    match (ty, v) {
        (Type::Optional(_), Value::Null) => quote!(None),
        (Type::Optional(inner), _) => {
            let inner = value_expr(cx, inner, v);
            quote!(Some(#inner))
        }
        (Type::String, Value::String(s)) => quote!(::std::string::String::from(#s)),
        (Type::Boolean, Value::Bool(b)) => quote!(#b),
        (Type::Byte, Value::Int(n)) => int(*n, i8::try_from(*n).map(Literal::i8_suffixed)),
        (Type::Short, Value::Int(n)) => int(*n, i16::try_from(*n).map(Literal::i16_suffixed)),
        (Type::Integer, Value::Int(n)) => int(*n, i32::try_from(*n).map(Literal::i32_suffixed)),
        (Type::Long, Value::Int(n)) => int(*n, Ok::<_, ()>(Literal::i64_suffixed(*n))),
        (Type::Float | Type::Double, Value::Float(f)) => {
            let t = if *ty == Type::Float {
                quote!(f32)
            } else {
                quote!(f64)
            };
            if f.is_nan() {
                quote!(#t::NAN)
            } else if *f == f64::INFINITY {
                quote!(#t::INFINITY)
            } else if *f == f64::NEG_INFINITY {
                quote!(#t::NEG_INFINITY)
            } else if *ty == Type::Float {
                // `check` keeps floats within `f32`'s range.
                let single = *f as f32;
                if !single.is_finite() {
                    return mismatch(v, "a float");
                }
                let f = Literal::f32_suffixed(single);
                quote!(#f)
            } else {
                let f = Literal::f64_suffixed(*f);
                quote!(#f)
            }
        }
        (Type::Timestamp(_), Value::Timestamp { secs, nanos }) => {
            quote!(#rt::DateTime::from_secs_and_nanos(#secs, #nanos))
        }
        (Type::Blob, Value::Blob(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote!(#rt::Blob::new(#bytes.to_vec()))
        }
        (Type::Stream { .. }, Value::Blob(bytes)) => {
            let bytes = Literal::byte_string(bytes);
            quote!(#rt::ByteStream::from_static(#bytes))
        }
        (Type::Document, Value::Document(d)) => {
            let text = d.to_string();
            quote!(#rt::json::document_literal(#text))
        }
        (Type::Unit, _) => quote!(()),
        (Type::List(item), Value::List(items)) => {
            let items = items.iter().map(|x| value_expr(cx, item, x));
            let t = cx.rust_type(item);
            quote!(::std::vec::Vec::<#t>::from([#(#items),*]))
        }
        (Type::Map(key, value), Value::Map(entries)) => {
            let k_t = cx.rust_type(key);
            let entries = entries.iter().map(|(k, x)| {
                let x = value_expr(cx, value, x);
                quote!((#k_t::from(#k), #x))
            });
            let t = cx.rust_type(value);
            quote!(::std::collections::HashMap::<#k_t, #t>::from([#(#entries),*]))
        }
        (Type::Named(id), _) => named_expr(cx, id, v),
        _ => mismatch(v, &format!("{ty:?}")),
    }
}

/// A value of the named shape `id`.
fn named_expr(cx: &Cx, id: &str, v: &Value) -> TokenStream {
    let path = cx.named_path(id);
    match (cx.service.shapes.get(id), v) {
        (Some(Shape::Structure(s)), Value::Structure(_)) => structure_expr(cx, s, &path, v),
        (Some(Shape::Union(u)), Value::Union(key, x)) => {
            let Some(m) = u.members.iter().find(|m| &m.name == key) else {
                return mismatch(v, id);
            };
            let variant = ident(&variant_name(m));
            let x = value_expr(cx, &m.ty, x);
            if m.boxed {
                quote!(#path::#variant(::std::boxed::Box::new(#x)))
            } else {
                quote!(#path::#variant(#x))
            }
        }
        (Some(Shape::Enum(_)), Value::String(s)) => quote!(#path::from(#s)),
        (Some(Shape::IntEnum(_)), Value::Int(n)) => {
            let n = int(*n, i32::try_from(*n).map(Literal::i32_suffixed));
            quote!(#path::from(#n))
        }
        _ => mismatch(v, id),
    }
}

/// An integer literal of its type, or, out of range (which `check` rules
/// out), an unsuffixed one that rustc rejects rather than a wrapped value.
fn int<E>(n: i64, typed: Result<Literal, E>) -> TokenStream {
    let lit = typed.unwrap_or_else(|_| Literal::i64_unsuffixed(n));
    quote!(#lit)
}

/// What emitting a value that does not fit its type gives: a compile error
/// in the generated code (unreachable after `check`).
fn mismatch(v: &Value, what: &str) -> TokenStream {
    let message = format!(
        "sdkgen: {v:?} does not fit {what} (a generator bug: `check` lets no such value through)"
    );
    quote!(::core::compile_error!(#message))
}
