//! Rust expressions for values stated in a model as JSON: a protocol
//! case's `params` and `@default` traits.

use super::common::{ident, set_fn, variant_name, Rt};
use super::cx::Cx;
use crate::ir::*;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// An expression building structure `s` (Rust path `path`) from `params`.
pub(crate) fn structure_expr(
    cx: &Cx,
    s: &Structure,
    path: &TokenStream,
    params: &Value,
    base64_blobs: bool,
) -> Result<TokenStream, String> {
    let obj = params
        .as_object()
        .ok_or_else(|| format!("params of {} are not an object", s.name))?;
    let mut sets = Vec::new();
    for (key, value) in obj {
        let m = s
            .members
            .iter()
            .find(|m| &m.name == key)
            .ok_or_else(|| format!("{} has no member {key}", s.name))?;
        let set = set_fn(m);
        if value.is_null() {
            continue;
        }
        let v = value_expr(cx, &m.ty, value, base64_blobs)?;
        sets.push(quote!(.#set(Some(#v))));
    }
    let build = if cx
        .service
        .operations
        .iter()
        .any(|op| std::ptr::eq(&op.input, s))
    {
        quote!(.build().map_err(|e| e.to_string())?)
    } else {
        quote!(.build())
    };
    Ok(quote!(#path::builder() #(#sets)* #build))
}

/// An expression of type `ty` from a JSON value as a protocol case's
/// `params` or a `@default` trait state it. Blobs are text in `params` and
/// base64 in defaults; the expression never fails except for an input's
/// `build()`, which protocol cases alone construct.
pub(crate) fn value_expr(
    cx: &Cx,
    ty: &Type,
    v: &Value,
    base64_blobs: bool,
) -> Result<TokenStream, String> {
    let rt = Rt::path();
    let bad = || format!("{v} does not fit {ty:?}");
    Ok(match ty {
        Type::String => {
            let s = v.as_str().ok_or_else(bad)?;
            quote!(::std::string::String::from(#s))
        }
        Type::Boolean => {
            let b = v.as_bool().ok_or_else(bad)?;
            quote!(#b)
        }
        Type::Byte => int_lit(v, |n| Literal::i8_suffixed(n as i8)).ok_or_else(bad)?,
        Type::Short => int_lit(v, |n| Literal::i16_suffixed(n as i16)).ok_or_else(bad)?,
        Type::Integer => int_lit(v, |n| Literal::i32_suffixed(n as i32)).ok_or_else(bad)?,
        Type::Long => int_lit(v, Literal::i64_suffixed).ok_or_else(bad)?,
        Type::Float | Type::Double => float_expr(*ty == Type::Float, v).ok_or_else(bad)?,
        Type::Timestamp(_) => {
            let f = v.as_f64().ok_or_else(bad)?;
            let secs = f.floor();
            let nanos = ((f - secs) * 1e9).round() as u32;
            let secs = secs as i64;
            quote!(#rt::DateTime::from_secs_and_nanos(#secs, #nanos))
        }
        Type::Blob | Type::Stream { .. } => {
            let s = v.as_str().ok_or_else(bad)?;
            let bytes = if base64_blobs {
                aws_smithy_types::base64::decode(s).map_err(|_| bad())?
            } else {
                s.as_bytes().to_vec()
            };
            blob_expr(ty, &bytes)
        }
        Type::Document => {
            let text = v.to_string();
            quote!(#rt::json::document_literal(#text))
        }
        Type::Unit => quote!(()),
        Type::Optional(inner) => {
            if v.is_null() {
                quote!(None)
            } else {
                let inner = value_expr(cx, inner, v, base64_blobs)?;
                quote!(Some(#inner))
            }
        }
        Type::List(item) => {
            let items = v
                .as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|x| value_expr(cx, item, x, base64_blobs))
                .collect::<Result<Vec<_>, _>>()?;
            let t = cx.rust_type(item);
            quote!(::std::vec::Vec::<#t>::from([#(#items),*]))
        }
        Type::Map(value) => {
            let mut entries = Vec::new();
            for (k, x) in v.as_object().ok_or_else(bad)? {
                let x = value_expr(cx, value, x, base64_blobs)?;
                entries.push(quote!((::std::string::String::from(#k), #x)));
            }
            let t = cx.rust_type(value);
            quote!(::std::collections::HashMap::<::std::string::String, #t>::from([#(#entries),*]))
        }
        Type::Named(id) => named_expr(cx, ty, id, v, base64_blobs)?,
    })
}

/// A `f32` (`single`) or `f64` literal, or `NaN` and the infinities as
/// Smithy writes them.
fn float_expr(single: bool, v: &Value) -> Option<TokenStream> {
    let t = if single { quote!(f32) } else { quote!(f64) };
    Some(match v {
        Value::Number(n) => {
            let f = n.as_f64()?;
            let f = if single {
                Literal::f32_suffixed(f as f32)
            } else {
                Literal::f64_suffixed(f)
            };
            quote!(#f)
        }
        Value::String(s) if s == "NaN" => quote!(#t::NAN),
        Value::String(s) if s == "Infinity" => quote!(#t::INFINITY),
        Value::String(s) if s == "-Infinity" => quote!(#t::NEG_INFINITY),
        _ => return None,
    })
}

/// A `Blob`, or a `ByteStream` for a streaming blob, of `bytes`.
fn blob_expr(ty: &Type, bytes: &[u8]) -> TokenStream {
    let rt = Rt::path();
    let bytes = Literal::byte_string(bytes);
    if matches!(ty, Type::Blob) {
        quote!(#rt::Blob::new(#bytes.to_vec()))
    } else {
        quote!(#rt::ByteStream::from_static(#bytes))
    }
}

/// A value of the named shape `id` (type `ty`): a structure, union, enum or
/// int enum.
fn named_expr(
    cx: &Cx,
    ty: &Type,
    id: &str,
    v: &Value,
    base64_blobs: bool,
) -> Result<TokenStream, String> {
    let bad = || format!("{v} does not fit {ty:?}");
    let path = cx.named_path(id);
    Ok(match cx.service.shapes.get(id) {
        Some(Shape::Structure(s)) => structure_expr(cx, s, &path, v, base64_blobs)?,
        Some(Shape::Union(u)) => {
            let (key, x) = v
                .as_object()
                .and_then(|o| o.iter().next())
                .ok_or_else(bad)?;
            let m = u.members.iter().find(|m| &m.name == key).ok_or_else(bad)?;
            let variant = ident(&variant_name(m));
            let x = value_expr(cx, &m.ty, x, base64_blobs)?;
            if m.boxed {
                quote!(#path::#variant(::std::boxed::Box::new(#x)))
            } else {
                quote!(#path::#variant(#x))
            }
        }
        Some(Shape::Enum(_)) => {
            let s = v.as_str().ok_or_else(bad)?;
            quote!(#path::from(#s))
        }
        Some(Shape::IntEnum(_)) => {
            let n = int_lit(v, |n| Literal::i32_suffixed(n as i32)).ok_or_else(bad)?;
            quote!(#path::from(#n))
        }
        None => return Err(bad()),
    })
}

fn int_lit(v: &Value, lit: impl Fn(i64) -> Literal) -> Option<TokenStream> {
    let n = v.as_i64()?;
    let l = lit(n);
    Some(quote!(#l))
}
