//! The JSON writers and readers of the structures and unions nested in
//! bodies (`crate::json_codec::ser_x`, `de_x`), and the statements and
//! expressions that write or read one member or value, which the operation
//! serializers and deserializers use too.

use super::common::{
    fallible_build, fn_name, ident, read_field, set_fn, ts_format, variant_name, Kind, Rt,
};
use super::cx::Cx;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `pub(crate) fn ser_x(obj: &mut JsonObjectWriter, value: &X)` for a body
/// structure; `ser_x(w: JsonValueWriter, value: &X)` for a union (an
/// untagged one need not be an object).
pub(crate) fn emit_ser_fn(cx: &Cx, s: &Structure, union: bool) -> TokenStream {
    let rt = Rt::path();
    let name = fn_name("ser", s);
    let ty = cx.named_path(&s.id);
    if union {
        let body = ser_union(cx, s, &ty);
        return quote! {
            pub(crate) fn #name(
                w: #rt::json::JsonValueWriter<'_>,
                value: &#ty,
            ) -> ::std::result::Result<(), #rt::BoxError> {
                #body
                Ok(())
            }
        };
    }
    let body = ser_members(cx, s.members.iter(), quote!(value));
    // A structure without members writes nothing (`{}`).
    let (obj, value) = if body.is_empty() {
        (quote!(_obj), quote!(_value))
    } else {
        (quote!(obj), quote!(value))
    };
    quote! {
        pub(crate) fn #name(
            #obj: &mut #rt::json::JsonObjectWriter<'_>,
            #value: &#ty,
        ) -> ::std::result::Result<(), #rt::BoxError> {
            #body
            Ok(())
        }
    }
}

/// Statements writing the union `value` with the value writer `w`, in the
/// union's representation.
fn ser_union(cx: &Cx, s: &Structure, ty: &TokenStream) -> TokenStream {
    let binding = |m: &Member| {
        if m.ty == Type::Unit {
            quote!(_)
        } else {
            quote!(v)
        }
    };
    match &s.union_repr {
        UnionRepr::Tagged => {
            let arms = s.members.iter().map(|m| {
                let v = ident(&variant_name(m));
                let key = &m.json_name;
                let write = ser_value(cx, &m.ty, quote!(obj.key(#key)), quote!(v), 0);
                let binding = binding(m);
                quote!(#ty::#v(#binding) => { #write })
            });
            let what = format!("cannot send an unknown member of the union `{}`", s.name);
            quote! {
                let mut obj = w.start_object();
                match value {
                    #(#arms)*
                    #ty::Unknown => return Err(#what.into()),
                }
                obj.finish();
            }
        }
        UnionRepr::Untagged => {
            let arms = s.members.iter().map(|m| {
                let v = ident(&variant_name(m));
                let write = ser_value(cx, &m.ty, quote!(w), quote!(v), 0);
                let binding = binding(m);
                quote!(#ty::#v(#binding) => { #write })
            });
            quote! {
                match value {
                    #(#arms)*
                    #ty::Unknown(document) => w.document(document),
                }
            }
        }
        UnionRepr::Discriminated { property } => {
            let arms = s.members.iter().map(|m| {
                let v = ident(&variant_name(m));
                let tag = &m.json_name;
                // `check` makes every variant a structure; its members are
                // written here, the discriminator first and only once.
                let members = match &m.ty {
                    Type::Named(id) => cx.structure(id).map(|variant| {
                        ser_members(
                            cx,
                            variant.members.iter().filter(|vm| &vm.json_name != property),
                            quote!(v),
                        )
                    }),
                    _ => None,
                };
                let members = members.unwrap_or_else(|| {
                    let message = format!(
                        "sdkgen: `{}` of a discriminated union is no structure (`check` lets none through)",
                        m.name
                    );
                    quote!(::core::compile_error!(#message);)
                });
                let binding = if members.is_empty() { quote!(_) } else { quote!(v) };
                quote! {
                    #ty::#v(#binding) => {
                        let mut obj = w.start_object();
                        obj.key(#property).string(#tag);
                        #members
                        obj.finish();
                    }
                }
            });
            quote! {
                match value {
                    #(#arms)*
                    #ty::Unknown(document) => w.document(document),
                }
            }
        }
    }
}

/// Statements writing `members` of `src` into `obj`: an optional member
/// where it is set, another always, its default included. (aws-sdk-rust
/// leaves out a number or boolean that is neither `@required` nor other
/// than its zero default; Smithy's compliance cases
/// `*ClientPopulatesDefaultValuesInInput` ask for it to be sent, which
/// smithy-rs lists as failing; this follows the cases, which the service
/// reads the same either way.)
///
/// Members are written in order of their JSON names, as aws-sdk-rust does, so
/// the bodies of both SDKs are byte for byte the same.
pub(crate) fn ser_members<'m>(
    cx: &Cx,
    members: impl Iterator<Item = &'m Member>,
    src: TokenStream,
) -> TokenStream {
    let mut members: Vec<&Member> = members.collect();
    members.sort_by(|a, b| a.json_name.cmp(&b.json_name));
    let stmts = members.into_iter().map(|m| {
        let key = &m.json_name;
        let write = ser_value(cx, &m.ty, quote!(obj.key(#key)), quote!(v), 0);
        read_field(m, &src, &format_ident!("v"), write)
    });
    quote!(#(#stmts)*)
}

/// A statement writing `v` (a reference) of type `ty` with the value writer `w`.
pub(crate) fn ser_value(
    cx: &Cx,
    ty: &Type,
    w: TokenStream,
    v: TokenStream,
    depth: usize,
) -> TokenStream {
    let rt = Rt::path();
    match ty {
        Type::String => quote!(#w.string(#v);),
        Type::Boolean => quote!(#w.boolean(*#v);),
        Type::Byte | Type::Short | Type::Integer => {
            quote!(#w.number(#rt::json::Number::NegInt(i64::from(*#v)));)
        }
        Type::Long => quote!(#w.number(#rt::json::Number::NegInt(*#v));),
        Type::Float => quote!(#w.number(#rt::json::Number::Float(f64::from(*#v)));),
        Type::Double => quote!(#w.number(#rt::json::Number::Float(*#v));),
        Type::Timestamp(f) => {
            let f = ts_format(*f);
            quote!(#w.date_time(#v, #f)?;)
        }
        Type::Blob => quote!(#w.string_unchecked(&#rt::base64::encode(#v));),
        // `check` keeps streams out of JSON documents (only a payload can be
        // one); should one get here, the call fails instead of the build.
        Type::Stream { .. } => {
            quote!(return Err("a streaming blob cannot be written into a JSON document".into());)
        }
        Type::Document => quote!(#w.document(#v);),
        Type::Unit => quote!(#w.start_object().finish();),
        Type::Optional(inner) => {
            let some = format_ident!("some_{}", depth);
            let write = ser_value(cx, inner, w.clone(), quote!(#some), depth + 1);
            quote! {
                match #v {
                    Some(#some) => { #write }
                    None => #w.null(),
                }
            }
        }
        Type::List(item) => {
            let arr = format_ident!("array_{}", depth);
            let it = format_ident!("item_{}", depth);
            let inner = ser_value(cx, item, quote!(#arr.value()), quote!(#it), depth + 1);
            quote! {
                let mut #arr = #w.start_array();
                for #it in #v {
                    #inner
                }
                #arr.finish();
            }
        }
        Type::Map(key, value) => {
            let map = format_ident!("map_{}", depth);
            let (k, it) = (
                format_ident!("key_{}", depth),
                format_ident!("value_{}", depth),
            );
            let key_text = match key.as_ref() {
                Type::String => quote!(#k),
                _ => quote!(#k.as_str()),
            };
            let inner = ser_value(
                cx,
                value,
                quote!(#map.key(#key_text)),
                quote!(#it),
                depth + 1,
            );
            quote! {
                let mut #map = #w.start_object();
                for (#k, #it) in #v {
                    #inner
                }
                #map.finish();
            }
        }
        Type::Named(id) => match cx.service.shapes.get(id) {
            Some(Shape::Union(s)) => {
                let f = fn_name("ser", s);
                quote!(crate::json_codec::#f(#w, #v)?;)
            }
            Some(Shape::Structure(s)) => {
                let f = fn_name("ser", s);
                let o = format_ident!("object_{}", depth);
                quote! {
                    let mut #o = #w.start_object();
                    crate::json_codec::#f(&mut #o, #v)?;
                    #o.finish();
                }
            }
            Some(Shape::IntEnum(_)) => {
                quote!(#w.number(#rt::json::Number::NegInt(i64::from(#v.as_i32())));)
            }
            _ => quote!(#w.string(#v.as_str());),
        },
    }
}

/// `pub(crate) fn de_x(value: &Value) -> Result<X, DeserializeError>` for a
/// structure or union.
pub(crate) fn emit_de_fn(cx: &Cx, s: &Structure, union: bool) -> TokenStream {
    let rt = Rt::path();
    let name = fn_name("de", s);
    let ty = cx.named_path(&s.id);
    let path = s.name.as_str();
    let body = if union {
        de_union(cx, s, &ty)
    } else {
        let members = de_members(cx, s, s.members.iter(), quote!(obj));
        let corrections = correct_errors(cx, s);
        let build = build_read(s, path, quote!(builder));
        // Without members the object is only checked to be one.
        let (mut_builder, obj) = if s.members.is_empty() {
            (quote!(), quote!())
        } else {
            (quote!(mut), quote!(let obj =))
        };
        quote! {
            #obj #rt::json::object(value, #path)?;
            let #mut_builder builder = #ty::builder();
            #members
            #corrections
            #build
        }
    };
    quote! {
        pub(crate) fn #name(
            value: &#rt::json::Value,
        ) -> ::std::result::Result<#ty, #rt::json::DeserializeError> {
            #body
        }
    }
}

/// The body of a union's reader, in the union's representation.
fn de_union(cx: &Cx, s: &Structure, ty: &TokenStream) -> TokenStream {
    let rt = Rt::path();
    let path = s.name.as_str();
    let read_member = |m: &Member, v: TokenStream| {
        let read = de_value(cx, &m.ty, v, &format!("{}.{}", s.name, m.name), 0);
        if m.boxed {
            quote!(#read.map(::std::boxed::Box::new))
        } else {
            read
        }
    };
    match &s.union_repr {
        UnionRepr::Tagged => {
            let arms = s.members.iter().map(|m| {
                let v = ident(&variant_name(m));
                let key = &m.json_name;
                let read = de_value(
                    cx,
                    &m.ty,
                    quote!(member),
                    &format!("{}.{}", s.name, m.name),
                    0,
                );
                let read = if m.boxed {
                    quote!(::std::boxed::Box::new(#read?))
                } else {
                    quote!(#read?)
                };
                quote!(#key => #ty::#v(#read),)
            });
            quote! {
                let obj = #rt::json::object(value, #path)?;
                let mut set = obj.iter().filter(|(key, member)| !member.is_null() && key.as_str() != "__type");
                let (Some((key, member)), None) = (set.next(), set.next()) else {
                    return Err(#rt::json::invalid(#path, "exactly one member of the union"));
                };
                Ok(match key.as_str() {
                    #(#arms)*
                    _ => #ty::Unknown,
                })
            }
        }
        UnionRepr::Untagged => {
            // Each variant in order; a structure only where every required
            // member is there (else a `B` would read as an `A` with its
            // required members zeroed).
            // A document variant reads anything: the variants after it are
            // never tried, and nothing is unknown.
            // So the other variants are tried first, and a document one
            // last.
            let mut members: Vec<&Member> = s
                .members
                .iter()
                .filter(|m| m.ty != Type::Document)
                .collect();
            let last = s.members.iter().find(|m| m.ty == Type::Document);
            members.extend(last);
            let last = last.map(|_| ());
            let tries = members.iter().map(|m| {
                let v = ident(&variant_name(m));
                let read = read_member(m, quote!(value));
                let required: Vec<&str> = match &m.ty {
                    Type::Named(id) => cx
                        .structure(id)
                        .map(|st| {
                            st.members
                                .iter()
                                .filter(|sm| sm.required && sm.binding == Binding::Body)
                                .map(|sm| sm.json_name.as_str())
                                .collect()
                        })
                        .unwrap_or_default(),
                    _ => Vec::new(),
                };
                let (pattern, attempt) = if m.ty == Type::Document {
                    return quote!(Ok(#ty::#v(#rt::json::document(value))));
                } else if required.is_empty() {
                    (quote!(Ok(v)), read)
                } else {
                    (
                        quote!(Some(Ok(v))),
                        quote!(#rt::json::has_members(value, &[#(#required),*]).then(|| #read)),
                    )
                };
                quote! {
                    if let #pattern = #attempt {
                        return Ok(#ty::#v(v));
                    }
                }
            });
            let unknown = last
                .is_none()
                .then(|| quote!(Ok(#ty::Unknown(#rt::json::document(value)))));
            quote! {
                #(#tries)*
                #unknown
            }
        }
        UnionRepr::Discriminated { property } => {
            let arms = s.members.iter().map(|m| {
                let v = ident(&variant_name(m));
                let tag = &m.json_name;
                let read = read_member(m, quote!(value));
                quote!(Some(#tag) => #ty::#v(#read?),)
            });
            quote! {
                let obj = #rt::json::object(value, #path)?;
                Ok(match #rt::json::member(obj, #property).and_then(#rt::json::Value::as_str) {
                    #(#arms)*
                    _ => #ty::Unknown(#rt::json::document(value)),
                })
            }
        }
    }
}

/// Statements setting `members` on `builder` from the JSON object `obj`
/// (a member that is missing or `null` is left unset).
pub(crate) fn de_members<'m>(
    cx: &Cx,
    s: &Structure,
    members: impl Iterator<Item = &'m Member>,
    obj: TokenStream,
) -> TokenStream {
    let rt = Rt::path();
    let stmts = members.map(|m| {
        let set = set_fn(m);
        let key = &m.json_name;
        let path = format!("{}.{}", s.name, m.name);
        let read = de_value(cx, &m.ty, quote!(v), &path, 0);
        quote! {
            if let Some(v) = #rt::json::member(#obj, #key) {
                builder = builder.#set(Some(#read?));
            }
        }
    });
    quote!(#(#stmts)*)
}

/// Smithy's client error correction, as aws-sdk-rust's `*_correct_errors`
/// do it: statements giving every `@required` member the response left
/// unset (without a `@default`, which `build()` fills in) its type's zero
/// value, so that reading a response never fails for a member the service
/// did not send. A `@clientOptional` one is left unset: the model says a
/// client cannot count on it. Run on `builder` once everything was read
/// (body, headers, payload).
pub(crate) fn correct_errors(cx: &Cx, s: &Structure) -> TokenStream {
    let stmts = s
        .members
        .iter()
        .filter(|m| m.required && !m.client_optional && m.default.is_none() && !m.ty.is_stream())
        .filter_map(|m| {
            let f = ident(&m.rust_name);
            // A boxed member closes a cycle of structures: filling it would
            // fill it again inside, without end. It stays unset (it is an
            // `Option`: it targets a structure).
            if m.boxed {
                return None;
            }
            let zero = zero_value(cx, &m.ty)?;
            Some(quote! {
                if builder.#f.is_none() {
                    builder.#f = #zero;
                }
            })
        });
    quote!(#(#stmts)*)
}

/// The `Result` of `builder.build()` for a structure read from a response,
/// after [`correct_errors`]: where the build can fail (a member the
/// structure cannot be without), the failure is a `DeserializeError` at
/// `path` (after correction only a generator bug could cause one).
pub(crate) fn build_read(s: &Structure, path: &str, builder: TokenStream) -> TokenStream {
    let rt = Rt::path();
    if fallible_build(s, Kind::Plain) {
        quote!(#builder.build().map_err(|_| #rt::json::invalid(#path, "every required member")))
    } else {
        quote!(Ok(#builder.build()))
    }
}

/// The `Option` Smithy's error correction gives a missing `@required`
/// member of type `ty`: empty, zero, false, the epoch, an enum's unknown
/// value `""`, a structure read from `{}` (itself corrected), a union's
/// `Unknown`, a `null` document.
fn zero_value(cx: &Cx, ty: &Type) -> Option<TokenStream> {
    let rt = Rt::path();
    let v = match ty {
        Type::String => quote!(::std::string::String::new()),
        Type::Boolean => quote!(false),
        Type::Byte | Type::Short | Type::Integer | Type::Long => quote!(0),
        Type::Float | Type::Double => quote!(0.0),
        Type::Timestamp(_) => quote!(#rt::DateTime::from_secs(0)),
        Type::Blob => quote!(#rt::Blob::new(::std::vec::Vec::new())),
        Type::Document => quote!(#rt::Document::Null),
        Type::List(_) => quote!(::std::vec::Vec::new()),
        Type::Map(..) => quote!(::std::collections::HashMap::new()),
        Type::Named(id) => {
            let t = cx.named_path(id);
            match cx.service.shapes.get(id) {
                Some(Shape::Enum(_)) => quote!(#t::from("")),
                Some(Shape::IntEnum(_)) => quote!(#t::from(0)),
                Some(Shape::Structure(st)) => {
                    let f = fn_name("de", st);
                    return Some(
                        quote!(crate::json_codec::#f(&#rt::json::Value::Object(::std::default::Default::default())).ok()),
                    );
                }
                Some(Shape::Union(u)) => match u.union_repr {
                    UnionRepr::Tagged => quote!(#t::Unknown),
                    _ => quote!(#t::Unknown(#rt::Document::Null)),
                },
                None => return None,
            }
        }
        Type::Stream { .. } | Type::Optional(_) | Type::Unit => return None,
    };
    Some(quote!(Some(#v)))
}

/// An expression of type `Result<T, DeserializeError>` reading `v` (a
/// `&Value`) as `ty`. With an empty `v`, a structure's or union's reader is
/// named as a function instead of called.
pub(crate) fn de_value(
    cx: &Cx,
    ty: &Type,
    v: TokenStream,
    path: &str,
    depth: usize,
) -> TokenStream {
    let rt = Rt::path();
    let json = quote!(#rt::json);
    match ty {
        Type::String => quote!(#json::string(#v, #path)),
        Type::Boolean => quote!(#json::boolean(#v, #path)),
        Type::Byte | Type::Short | Type::Integer | Type::Long => quote!(#json::integer(#v, #path)),
        Type::Float => quote!(#json::float(#v, #path).map(|f| f as f32)),
        Type::Double => quote!(#json::float(#v, #path)),
        Type::Timestamp(f) => {
            let f = ts_format(*f);
            quote!(#json::timestamp(#v, #path, #f))
        }
        Type::Blob => quote!(#json::blob(#v, #path)),
        // Kept out of JSON documents by `check` (see `ser_value`).
        Type::Stream { .. } => {
            quote!(Err(#json::invalid(#path, "no streaming blob inside a JSON document")))
        }
        Type::Document => quote!(Ok(#json::document(#v))),
        Type::Unit => quote!(#json::object(#v, #path).map(|_| ())),
        Type::Optional(inner) => {
            let read = de_value(cx, inner, v.clone(), path, depth);
            quote!(if #v.is_null() { Ok(None) } else { #read.map(Some) })
        }
        Type::List(item) => {
            let it = format_ident!("item_{}", depth);
            let item_path = format!("{path}[]");
            // A structure's reader is passed by name (a closure would be redundant).
            let read = if is_codec(cx, item) {
                de_value(cx, item, quote!(), &item_path, depth + 1)
            } else {
                let inner = de_value(cx, item, quote!(#it), &item_path, depth + 1);
                quote!(|#it| #inner)
            };
            // Nulls in a list that is not @sparse are skipped.
            let filter = (!matches!(item.as_ref(), Type::Optional(_)))
                .then(|| quote!(.filter(|#it| !#it.is_null())));
            quote! {
                #json::array(#v, #path).and_then(|items| {
                    items
                        .iter()
                        #filter
                        .map(#read)
                        .collect::<::std::result::Result<::std::vec::Vec<_>, _>>()
                })
            }
        }
        Type::Map(key, value) => {
            let (k, it) = (
                format_ident!("key_{}", depth),
                format_ident!("value_{}", depth),
            );
            let item_path = format!("{path}{{}}");
            // An enum key reads any text (an unknown one is kept as such).
            let read_key = match key.as_ref() {
                Type::String => quote!(#k.clone()),
                other => {
                    let t = cx.rust_type(other);
                    quote!(#t::from(#k.as_str()))
                }
            };
            let inner = de_value(cx, value, quote!(#it), &item_path, depth + 1);
            let filter = (!matches!(value.as_ref(), Type::Optional(_)))
                .then(|| quote!(.filter(|(_, #it)| !#it.is_null())));
            quote! {
                #json::object(#v, #path).and_then(|entries| {
                    entries
                        .iter()
                        #filter
                        .map(|(#k, #it)| #inner.map(|parsed| (#read_key, parsed)))
                        .collect::<::std::result::Result<::std::collections::HashMap<_, _>, _>>()
                })
            }
        }
        Type::Named(id) => match cx.service.shapes.get(id) {
            Some(Shape::Structure(s) | Shape::Union(s)) => {
                let f = fn_name("de", s);
                if v.is_empty() {
                    quote!(crate::json_codec::#f)
                } else {
                    quote!(crate::json_codec::#f(#v))
                }
            }
            Some(Shape::IntEnum(_)) => {
                let t = cx.named_path(id);
                quote!(#json::integer::<i32>(#v, #path).map(#t::from))
            }
            _ => {
                let t = cx.named_path(id);
                quote!(#json::string(#v, #path).map(|s| #t::from(s.as_str())))
            }
        },
    }
}

fn is_codec(cx: &Cx, ty: &Type) -> bool {
    matches!(ty, Type::Named(id) if cx.codec_shape(id).is_some())
}
