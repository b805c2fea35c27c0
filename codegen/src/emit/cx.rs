//! The emitters' context: the service, and what is derived from it once
//! (which shapes need JSON codecs, compiled patterns), with the Rust types of
//! the model's types.

use super::common::{body_types, ident, Rt};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::{BTreeMap, BTreeSet};

/// What the emitters share: the service, and which shapes need a JSON
/// serializer or deserializer (so nothing unused is emitted).
pub(crate) struct Cx<'a> {
    pub(crate) service: &'a Service,
    pub(crate) ser: BTreeSet<ShapeId>,
    pub(crate) de: BTreeSet<ShapeId>,
    /// Each distinct `@pattern` of an input string member, with its
    /// translation for the lazy DFA where it has one: read once, since a
    /// pattern such as `.{0,1023}` takes milliseconds to compile and one
    /// model can place it on a hundred members.
    pub(crate) patterns: BTreeMap<String, Option<String>>,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(service: &'a Service) -> Self {
        let mut cx = Cx {
            service,
            ser: BTreeSet::new(),
            de: BTreeSet::new(),
            patterns: BTreeMap::new(),
        };
        for op in &service.operations {
            for m in &op.input.members {
                if let (Some(p), Type::String) = (&m.constraints.pattern, &m.ty) {
                    if !cx.patterns.contains_key(p) {
                        // `check` accepted the pattern by this same rule.
                        let translation = sdkgen_pattern::read(p)
                            .ok()
                            .and_then(|r| r.pattern.translation().map(str::to_owned));
                        cx.patterns.insert(p.clone(), translation);
                    }
                }
            }
            let mut ser = BTreeSet::new();
            cx.reach(body_types(&op.input), &mut ser);
            cx.ser.extend(ser);
            let mut de = BTreeSet::new();
            cx.reach(body_types(&op.output), &mut de);
            for e in &op.errors {
                if let Some(Shape::Structure(s)) = service.shapes.get(e) {
                    cx.reach(s.members.iter().map(|m| &m.ty), &mut de);
                }
            }
            cx.de.extend(de);
        }
        cx
    }

    fn reach<'t>(&self, types: impl Iterator<Item = &'t Type>, out: &mut BTreeSet<ShapeId>) {
        for ty in types {
            self.reach_one(ty, out);
        }
    }

    fn reach_one(&self, ty: &Type, out: &mut BTreeSet<ShapeId>) {
        match ty {
            Type::List(t) | Type::Map(t) | Type::Optional(t) => self.reach_one(t, out),
            Type::Named(id) if out.insert(id.clone()) => {
                if let Some(s) = self.codec_shape(id) {
                    for m in &s.members {
                        self.reach_one(&m.ty, out);
                    }
                }
            }
            _ => {}
        }
    }

    /// Whether a member (sensitive itself, or not) carries a sensitive value
    /// anywhere inside it.
    pub(crate) fn is_sensitive(&self, ty: &Type, member_sensitive: bool) -> bool {
        fn walk(cx: &Cx, ty: &Type, seen: &mut BTreeSet<ShapeId>) -> bool {
            match ty {
                Type::List(t) | Type::Map(t) | Type::Optional(t) => walk(cx, t, seen),
                Type::Named(id) if seen.insert(id.clone()) => cx.codec_shape(id).is_some_and(|s| {
                    s.members
                        .iter()
                        .any(|m| m.sensitive || walk(cx, &m.ty, seen))
                }),
                _ => false,
            }
        }
        member_sensitive || walk(self, ty, &mut BTreeSet::new())
    }

    /// A structure or union: the shapes with JSON codec functions.
    pub(crate) fn codec_shape(&self, id: &str) -> Option<&'a Structure> {
        match self.service.shapes.get(id) {
            Some(Shape::Structure(s) | Shape::Union(s)) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn structure(&self, id: &str) -> Option<&'a Structure> {
        match self.service.shapes.get(id) {
            Some(Shape::Structure(s)) => Some(s),
            _ => None,
        }
    }

    /// The Rust path of a named shape.
    pub(crate) fn named_path(&self, id: &str) -> TokenStream {
        match self.service.shapes.get(id) {
            Some(Shape::Structure(s)) if s.error.is_some() => {
                let n = ident(&s.rust_name);
                quote!(crate::types::error::#n)
            }
            Some(Shape::Structure(s) | Shape::Union(s)) => {
                let n = ident(&s.rust_name);
                quote!(crate::types::#n)
            }
            Some(Shape::Enum(e)) => {
                let n = ident(&e.rust_name);
                quote!(crate::types::#n)
            }
            Some(Shape::IntEnum(e)) => {
                let n = ident(&e.rust_name);
                quote!(crate::types::#n)
            }
            None => quote!(()),
        }
    }

    /// The Rust type of a member type.
    pub(crate) fn rust_type(&self, ty: &Type) -> TokenStream {
        let rt = Rt::path();
        match ty {
            Type::String => quote!(::std::string::String),
            Type::Boolean => quote!(bool),
            Type::Byte => quote!(i8),
            Type::Short => quote!(i16),
            Type::Integer => quote!(i32),
            Type::Long => quote!(i64),
            Type::Float => quote!(f32),
            Type::Double => quote!(f64),
            Type::Timestamp(_) => quote!(#rt::DateTime),
            Type::Blob => quote!(#rt::Blob),
            Type::Document => quote!(#rt::Document),
            Type::List(t) => {
                let t = self.rust_type(t);
                quote!(::std::vec::Vec<#t>)
            }
            Type::Map(t) => {
                let t = self.rust_type(t);
                quote!(::std::collections::HashMap<::std::string::String, #t>)
            }
            Type::Named(id) => self.named_path(id),
            Type::Optional(t) => {
                let t = self.rust_type(t);
                quote!(::std::option::Option<#t>)
            }
            Type::Unit => quote!(()),
            Type::Stream { .. } => quote!(#rt::ByteStream),
        }
    }

    /// The Rust type a member is stored as: its type, boxed where the member
    /// closes a cycle of structures.
    pub(crate) fn member_type(&self, m: &Member) -> TokenStream {
        let t = self.rust_type(&m.ty);
        if m.boxed {
            quote!(::std::boxed::Box<#t>)
        } else {
            t
        }
    }
}
