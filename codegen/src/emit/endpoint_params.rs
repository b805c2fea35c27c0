//! The endpoint rule parameters an operation sets, read from its input:
//! `fn endpoint_params(input, params)`, which the runtime calls before
//! serialization (`OperationSpec::endpoint_params`). Static values are
//! constants; `contextParam` members and `operationContextParams` paths
//! are walked through the input's `Option` fields, lists and maps (an unset
//! step leaves the parameter unset, as JMESPath gives `null`; a projection
//! keeps the values that are set).

use super::common::{ident, Rt};
use super::cx::Cx;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// `endpoint_params: Some(endpoint_params)` or `None`, for the `SPEC`.
pub(crate) fn spec_field(op: &Operation) -> TokenStream {
    if op.endpoint_params.is_empty() {
        quote!(::std::option::Option::None)
    } else {
        quote!(::std::option::Option::Some(endpoint_params))
    }
}

/// `fn endpoint_params`, where the operation sets any.
pub(crate) fn emit_endpoint_params(cx: &Cx, op: &Operation) -> TokenStream {
    if op.endpoint_params.is_empty() {
        return TokenStream::new();
    }
    let rt = Rt::path();
    let input = ident(&op.input.rust_name);
    let sets = op.endpoint_params.iter().map(|p| {
        let name = &p.name;
        match p.walk(&op.input, &cx.service.shapes) {
            None => match &p.source {
                EndpointParamSource::Static(value) => static_value(name, value),
                _ => quote!(::std::compile_error!("a static endpoint parameter without a value");),
            },
            Some(Ok(walk)) => walk_code(name, &walk),
            // `check` reports this first.
            Some(Err(e)) => quote!(::std::compile_error!(#e);),
        }
    });
    let uses_input = op
        .endpoint_params
        .iter()
        .any(|p| !matches!(p.source, EndpointParamSource::Static(_)));
    let arg = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    quote! {
        /// Sets the endpoint rule parameters this operation sets.
        fn endpoint_params(#arg: &#input, params: &mut #rt::endpoint::Params) {
            #(#sets)*
        }
    }
}

/// `params.insert(name, <constant>)`.
fn static_value(name: &str, value: &serde_json::Value) -> TokenStream {
    match value {
        serde_json::Value::Bool(b) => quote!(params.insert(#name, #b);),
        serde_json::Value::String(s) => quote!(params.insert(#name, #s);),
        serde_json::Value::Array(items) => {
            let items = items.iter().filter_map(serde_json::Value::as_str);
            quote!(params.insert(#name, ::std::vec![#(::std::string::String::from(#items)),*]);)
        }
        // `check` reports this first.
        other => {
            let e = format!("static endpoint parameter `{name}` is {other}: not a string, boolean or list of strings");
            quote!(::std::compile_error!(#e);)
        }
    }
}

/// Code that walks `walk.steps` from `input` and sets `name` to what it
/// reaches.
fn walk_code(name: &str, walk: &ParamWalk<'_>) -> TokenStream {
    // A list leaf of a sparse list holds `Option`s.
    let sparse_leaf = matches!(
        walk.steps.last(),
        Some(WalkStep::Field(m)) if matches!(&m.ty, Type::List(e) if matches!(**e, Type::Optional(_)))
    );
    let projected_bool = walk.leaf == Leaf::Boolean
        && walk
            .steps
            .iter()
            .any(|s| matches!(s, WalkStep::Each { .. }));
    if projected_bool {
        // `check` reports this first.
        let e = format!("endpoint parameter `{name}` would be a list of booleans");
        return quote!(::std::compile_error!(#e););
    }
    let cx = Walk {
        leaf: walk.leaf,
        sparse_leaf,
        name,
    };
    cx.steps(&walk.steps, quote!(input), 0, false)
}

/// What every step of one parameter's walk needs.
struct Walk<'a> {
    leaf: Leaf,
    sparse_leaf: bool,
    name: &'a str,
}

impl Walk<'_> {
    /// The code for `rest` from the value `at` (a reference, or `input`);
    /// `in_list` once a projection started the list `values`.
    fn steps(
        &self,
        rest: &[WalkStep<'_>],
        at: TokenStream,
        depth: usize,
        in_list: bool,
    ) -> TokenStream {
        let name = self.name;
        let v = format_ident!("v{}", depth);
        match rest.split_first() {
            None => self.leaf_code(&at, in_list),
            Some((WalkStep::Field(m), more)) => {
                let f = ident(&m.rust_name);
                let inner = self.steps(more, quote!(#v), depth + 1, in_list);
                let get = match (m.optional, m.boxed) {
                    (true, true) => quote!(#at.#f.as_deref()),
                    (true, false) => quote!(#at.#f.as_ref()),
                    // A member a nested structure cannot be without.
                    (false, true) => return quote!({ let #v = &*#at.#f; #inner }),
                    (false, false) => return quote!({ let #v = &#at.#f; #inner }),
                };
                quote! {
                    if let ::std::option::Option::Some(#v) = #get {
                        #inner
                    }
                }
            }
            Some((WalkStep::Each { sparse }, more)) => {
                let inner = self.steps(more, quote!(#v), depth + 1, true);
                let each = if *sparse {
                    quote!(#at.iter().flatten())
                } else {
                    quote!(#at.iter())
                };
                let looped = quote! {
                    for #v in #each {
                        #inner
                    }
                };
                if in_list {
                    // A later projection flattens into the first one's list.
                    looped
                } else {
                    quote! {
                        let mut values: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                        #looped
                        params.insert(#name, values);
                    }
                }
            }
            Some((WalkStep::Keys, _)) => {
                if in_list {
                    quote!(values.extend(#at.keys().cloned());)
                } else {
                    quote! {
                        let mut keys: ::std::vec::Vec<::std::string::String> = #at.keys().cloned().collect();
                        keys.sort();
                        params.insert(#name, keys);
                    }
                }
            }
        }
    }

    /// Sets (or, in a projection, appends) the leaf value at `at`.
    fn leaf_code(&self, at: &TokenStream, in_list: bool) -> TokenStream {
        let name = self.name;
        let strings = match (self.leaf, self.sparse_leaf) {
            (Leaf::StringList { enums: false }, false) => quote!(#at.iter().cloned()),
            (Leaf::StringList { enums: false }, true) => quote!(#at.iter().flatten().cloned()),
            (Leaf::StringList { enums: true }, false) => {
                quote!(#at.iter().map(|e| e.as_str().to_owned()))
            }
            (Leaf::StringList { enums: true }, true) => {
                quote!(#at.iter().flatten().map(|e| e.as_str().to_owned()))
            }
            (Leaf::Keys, _) => quote!(#at.keys().cloned()),
            (Leaf::String | Leaf::Enum, _) => {
                return if in_list {
                    quote!(values.push(#at.as_str().to_owned());)
                } else {
                    quote!(params.insert(#name, #at.as_str());)
                };
            }
            (Leaf::Boolean, _) => return quote!(params.insert(#name, *#at);),
        };
        if in_list {
            quote!(values.extend(#strings);)
        } else {
            quote!(params.insert(#name, #strings.collect::<::std::vec::Vec<_>>());)
        }
    }
}
