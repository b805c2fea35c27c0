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
    /// Each distinct `@pattern` of a top-level input string member, and
    /// how it is checked: read once, since a pattern such as `.{0,1023}`
    /// takes milliseconds to compile and one model can place it on a
    /// hundred members.
    pub(crate) patterns: BTreeMap<String, PatternCheck>,
}

/// How the generated code checks a `@pattern`.
#[derive(Clone, Debug)]
pub(crate) enum PatternCheck {
    /// On the `regex` crate's lazy DFA, from this translation.
    Translated(String),
    /// On `regress`, compiled from the pattern at run time.
    Backtracking,
    /// Not at all: the pattern has no ECMA 262 reading (`check` warned);
    /// the service checks it.
    Unchecked,
}

impl<'a> Cx<'a> {
    /// How `pattern` is checked (read again where it was not read for an
    /// input member).
    pub(crate) fn pattern_check(&self, pattern: &str) -> PatternCheck {
        self.patterns
            .get(pattern)
            .cloned()
            .unwrap_or_else(|| read_pattern(pattern))
    }
}

fn read_pattern(pattern: &str) -> PatternCheck {
    // `check` read the pattern by this same rule.
    match sdkgen_pattern::read(pattern) {
        Ok(r) => match r.pattern.translation() {
            Some(t) => PatternCheck::Translated(t.to_owned()),
            None => PatternCheck::Backtracking,
        },
        Err(_) => PatternCheck::Unchecked,
    }
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
                        cx.patterns.insert(p.clone(), read_pattern(p));
                    }
                }
            }
            let mut ser = BTreeSet::new();
            cx.reach(body_types(&op.input), &mut ser, false);
            cx.ser.extend(ser);
            let mut de = BTreeSet::new();
            cx.reach(body_types(&op.output), &mut de, true);
            for e in &op.errors {
                if let Some(Shape::Structure(s)) = service.shapes.get(e) {
                    cx.reach(s.members.iter().map(|m| &m.ty), &mut de, true);
                }
            }
            cx.de.extend(de);
        }
        cx
    }

    /// Adds to `out` the shapes `types` reach whose codecs are needed, for
    /// reading when `de`, else for writing.
    fn reach<'t>(
        &self,
        types: impl Iterator<Item = &'t Type>,
        out: &mut BTreeSet<ShapeId>,
        de: bool,
    ) {
        for ty in types {
            self.reach_one(ty, out, de);
        }
    }

    fn reach_one(&self, ty: &Type, out: &mut BTreeSet<ShapeId>, de: bool) {
        match ty {
            Type::Map(k, t) => {
                self.reach_one(k, out, de);
                self.reach_one(t, out, de);
            }
            Type::List(t) | Type::Optional(t) => self.reach_one(t, out, de),
            Type::Named(id) if out.insert(id.clone()) => match self.service.shapes.get(id) {
                // A discriminated union writes its variants' members
                // itself (the discriminator first), so it needs the
                // members' codecs, not the variants' own.
                Some(Shape::Union(u))
                    if matches!(u.union_repr, UnionRepr::Discriminated { .. }) && !de =>
                {
                    for m in &u.members {
                        match &m.ty {
                            Type::Named(v) if self.structure(v).is_some() => {
                                for vm in self.structure(v).into_iter().flat_map(|s| &s.members) {
                                    self.reach_one(&vm.ty, out, de);
                                }
                            }
                            other => self.reach_one(other, out, de),
                        }
                    }
                }
                Some(Shape::Structure(s) | Shape::Union(s)) => {
                    for m in &s.members {
                        self.reach_one(&m.ty, out, de);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }

    /// Whether a member (sensitive itself, or not) carries a sensitive value
    /// anywhere inside it.
    pub(crate) fn is_sensitive(&self, ty: &Type, member_sensitive: bool) -> bool {
        fn walk(cx: &Cx, ty: &Type, seen: &mut BTreeSet<ShapeId>) -> bool {
            match ty {
                Type::List(t) | Type::Map(_, t) | Type::Optional(t) => walk(cx, t, seen),
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
            Type::Map(k, t) => {
                let k = self.rust_type(k);
                let t = self.rust_type(t);
                quote!(::std::collections::HashMap<#k, #t>)
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

/// An estimate of a generated type's size in bytes, as rustc lays it out on
/// a 64-bit target (strings and vectors 24 bytes, maps 48, an `Option` free
/// where the type has a niche), for the one place the generator needs it:
/// whether an error enum's variants differ as much as clippy's
/// `large_enum_variant` objects to. An estimate: it errs on the large side.
pub(crate) struct Sizes<'c, 'a> {
    cx: &'c Cx<'a>,
}

/// Size, alignment, and whether an `Option` of it is free (a niche).
type Layout = (usize, usize, bool);

impl<'c, 'a> Sizes<'c, 'a> {
    pub(crate) fn new(cx: &'c Cx<'a>) -> Self {
        Self { cx }
    }

    /// The size of `Option<ty>`, a member's field.
    pub(crate) fn field(&self, ty: &Type, boxed: bool, depth: usize) -> Layout {
        if boxed {
            return (8, 8, true);
        }
        let (size, align, niche) = self.layout(ty, depth);
        if niche {
            (size, align, false)
        } else {
            (round_up(size + align, align), align, false)
        }
    }

    /// The size of a structure's fields (plus its error metadata, 96
    /// bytes: code, message and extras).
    pub(crate) fn structure(&self, s: &Structure, depth: usize) -> Layout {
        let mut size = if s.error.is_some() { 96 } else { 0 };
        let mut niche = s.error.is_some();
        for m in &s.members {
            let (field, align, _) = self.field(&m.ty, m.boxed, depth + 1);
            size = round_up(size, align) + field;
            niche |= matches!(
                m.ty,
                Type::String | Type::Blob | Type::List(_) | Type::Map(..)
            );
        }
        (round_up(size, 8).max(1), 8, niche)
    }

    fn layout(&self, ty: &Type, depth: usize) -> Layout {
        // Deep nesting is boxed somewhere: stop counting there.
        if depth > 8 {
            return (8, 8, true);
        }
        match ty {
            Type::Boolean | Type::Byte => (1, 1, false),
            Type::Short => (2, 2, false),
            Type::Integer | Type::Float => (4, 4, false),
            Type::Long | Type::Double => (8, 8, false),
            Type::String | Type::Blob | Type::List(_) => (24, 8, true),
            Type::Map(..) => (48, 8, true),
            Type::Timestamp(_) => (16, 8, false),
            Type::Document => (56, 8, true),
            Type::Stream { .. } => (64, 8, true),
            Type::Optional(inner) => self.field(inner, false, depth),
            Type::Unit => (0, 1, false),
            Type::Named(id) => match self.cx.service.shapes.get(id) {
                Some(Shape::Enum(_)) => (24, 8, true),
                Some(Shape::IntEnum(_)) => (8, 4, false),
                Some(Shape::Structure(s)) => self.structure(s, depth),
                Some(Shape::Union(u)) => {
                    // An OpenAPI union's `Unknown` holds a document.
                    let unknown = match u.union_repr {
                        UnionRepr::Tagged => 0,
                        _ => self.layout(&Type::Document, depth + 1).0,
                    };
                    let widest = u
                        .members
                        .iter()
                        .map(|m| self.field(&m.ty, m.boxed, depth + 1).0)
                        .max()
                        .unwrap_or(0)
                        .max(unknown);
                    (round_up(widest + 8, 8), 8, false)
                }
                None => (8, 8, true),
            },
        }
    }
}

fn round_up(n: usize, align: usize) -> usize {
    n.div_ceil(align.max(1)) * align.max(1)
}
