//! Constraint validation of an operation's input: `validate()`, which
//! checks required members, lengths, patterns, ranges and non-empty labels
//! and reports every violation by member.

use super::common::{ident, Rt};
use super::cx::{Cx, PatternCheck};
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// `impl Input { pub fn validate(&self) }` for an operation's input.
pub(crate) fn emit_validate(cx: &Cx, s: &Structure) -> TokenStream {
    let rt = Rt::path();
    let input = ident(&s.rust_name);
    let checks = validations(cx, s);
    let mut_v = if checks.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    quote! {
        impl #input {
            /// Checks every constraint of the model (required members,
            /// lengths, patterns, non-empty labels) and reports every
            /// violation, naming the member. Values are never echoed.
            pub fn validate(&self) -> ::std::result::Result<(), #rt::validation::ValidationError> {
                let #mut_v v = #rt::validation::Validator::new();
                #checks
                v.finish()
            }
        }
    }
}

/// `validate()` body statements for an input structure's members.
fn validations(cx: &Cx, s: &Structure) -> TokenStream {
    // A streaming payload is always there (empty unless set) and has
    // nothing to check before it is read.
    let checks = s.members.iter().filter(|m| !m.ty.is_stream()).map(|m| {
        let f = ident(&m.rust_name);
        let path = format!("{}.{}", s.rust_name, m.name);
        let required = m
            .required
            .then(|| quote!(v.required(#path, self.#f.as_ref());));
        let mut inner = Vec::new();
        if m.binding == Binding::Label && m.ty == Type::String {
            inner.push(quote!(v.label(#path, value);));
        }
        inner.extend(length_check(m, &path));
        inner.extend(pattern_check(cx, m, &path));
        inner.extend(range_check(m, &path));
        let inner = (!inner.is_empty()).then(|| {
            quote! {
                if let Some(value) = &self.#f {
                    #(#inner)*
                }
            }
        });
        quote!(#required #inner)
    });
    quote!(#(#checks)*)
}

/// The `@length` check of a string, blob, list or map (none on another
/// type, so that no empty `if let` is left behind).
fn length_check(m: &Member, path: &str) -> Option<TokenStream> {
    let (min, max) = m.constraints.length?;
    let (min, max) = (opt_u64(min), opt_u64(max));
    match &m.ty {
        Type::String => Some(quote!(v.str_length(#path, value, #min, #max);)),
        Type::Blob => Some(quote!(v.length(#path, value.as_ref().len(), #min, #max);)),
        Type::List(_) | Type::Map(..) => Some(quote!(v.length(#path, value.len(), #min, #max);)),
        _ => None,
    }
}

/// The `@pattern` check of a string, compiled once on first use.
fn pattern_check(cx: &Cx, m: &Member, path: &str) -> Option<TokenStream> {
    let rt = Rt::path();
    let (Some(p), Type::String) = (&m.constraints.pattern, &m.ty) else {
        return None;
    };
    // A pattern the lazy DFA can run is compiled from its translation, so
    // that an SDK without any other pattern does not link `regress`.
    let compile = match cx.pattern_check(p) {
        PatternCheck::Translated(t) => quote!(#rt::validation::compile_translation(#t)),
        PatternCheck::Backtracking => quote!(#rt::validation::compile_pattern(#p)),
        PatternCheck::Unchecked => return None,
    };
    Some(quote! {
        static PATTERN: ::std::sync::LazyLock<#rt::validation::Pattern> =
            ::std::sync::LazyLock::new(|| #compile);
        v.pattern(#path, value, &PATTERN, #p);
    })
}

/// The `@range` check of a number.
fn range_check(m: &Member, path: &str) -> Option<TokenStream> {
    let (min, max) = m.constraints.range?;
    let num = match &m.ty {
        Type::Byte | Type::Short | Type::Integer => quote!(i64::from(*value)),
        Type::Float => quote!(f64::from(*value)),
        // Already the checker's type: a conversion would be clippy's
        // `useless_conversion` in generated code.
        Type::Long | Type::Double => quote!(*value),
        _ => return None,
    };
    let is_int = !matches!(m.ty, Type::Float | Type::Double);
    // An integer meets a fractional bound at the next whole number inward
    // (`min: 1.5` is 2); beyond `i64`, the cast saturates.
    let bound = |b: Option<f64>, round: fn(f64) -> f64| match b {
        None => quote!(None),
        Some(b) if is_int => {
            let b = round(b) as i64;
            quote!(Some(#b))
        }
        Some(b) => quote!(Some(#b)),
    };
    let (min, max) = (bound(min, f64::ceil), bound(max, f64::floor));
    Some(quote!(v.range(#path, #num, #min, #max);))
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}
