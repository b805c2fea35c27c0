//! Paginators: `into_paginator()` on the fluent builder of a paginated
//! operation, the paginator it returns (pages, page size) and its items
//! (`items()`, whose `send()` streams the entries of every page), as
//! aws-sdk-rust has them, also under `operation::<op>::paginator`.

use super::common::{builder_name, error_name, fluent_name, ident, paginator_name, set_fn, Rt};
use super::cx::Cx;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn member<'s>(s: &'s Structure, name: &str) -> Option<&'s Member> {
    s.members.iter().find(|m| m.name == name)
}

/// `into_paginator()` on the fluent builder and the paginator it returns
/// (for the `builders` module), and the `paginator` module that names them
/// where aws-sdk-rust has them; nothing for an operation without
/// `@paginated` tokens.
pub(crate) fn emit_paginator(cx: &Cx, op: &Operation) -> (TokenStream, TokenStream) {
    let Some(p) = &op.pagination else {
        return (quote!(), quote!());
    };
    // Paging resends the input; a stream can be sent once (`check` warns).
    if op.input.has_stream() {
        return (quote!(), quote!());
    }
    let rt = Rt::path();
    let (Some(in_tok), Some(out_tok)) = (
        member(&op.input, &p.input_token),
        member(&op.output, &p.output_token),
    ) else {
        return (quote!(), quote!());
    };
    let fluent = fluent_name(op);
    let paginator = paginator_name(op);
    let input_builder = builder_name(&op.input);
    let input = ident(&op.input.rust_name);
    let output = ident(&op.output.rust_name);
    let error = error_name(op);
    let in_field = ident(&in_tok.rust_name);
    let out_field = ident(&out_tok.rust_name);
    let page_size = p
        .page_size
        .as_ref()
        .and_then(|n| member(&op.input, n))
        .map(|m| page_size(cx, m));
    let (items, items_struct) = p
        .items
        .as_ref()
        .and_then(|n| member(&op.output, n))
        .map(|m| items(cx, op, m))
        .unwrap_or_default();
    let items_name = items_name(op);
    let reexport = if items.is_empty() {
        quote!(#paginator)
    } else {
        quote!(#paginator, #items_name)
    };
    let module = quote! {
        /// The paginators of this operation (`into_paginator()` on its
        /// fluent builder).
        pub mod paginator {
            pub use super::builders::{#reexport};
        }
    };
    // An empty string or map is no token: the last page.
    let non_empty = match out_tok.ty {
        Type::String | Type::Map(..) | Type::List(_) => quote!(.filter(|t| !t.is_empty())),
        _ => quote!(),
    };
    // A token the output cannot be without is always there (perhaps
    // empty).
    let next_token = if out_tok.optional {
        quote!(output.#out_field.clone()#non_empty)
    } else {
        quote!(Some(output.#out_field.clone())#non_empty)
    };
    let doc_line = format!(
        " Pages through `{}`: each call gets the next page with the previous page's `{}`.",
        op.name, out_tok.name
    );
    let builders = quote! {
        impl #fluent {
            /// Pages through the results instead of sending one request.
            pub fn into_paginator(self) -> #paginator {
                #paginator { handle: self.handle, inner: self.inner }
            }
        }

        #[doc = #doc_line]
        #[derive(Clone, Debug)]
        pub struct #paginator {
            handle: ::std::sync::Arc<#rt::client::Handle>,
            inner: #input_builder,
        }

        impl #paginator {
            #page_size

            /// A stream of pages; an error ends it.
            pub fn send(self) -> #rt::client::Pages<super::#output, super::#error> {
                self.handle.paginate(
                    &super::SPEC,
                    self.inner.build(),
                    #rt::client::PageSpec {
                        set_token: |input: &mut super::#input, token| input.#in_field = token,
                        next_token: |output: &super::#output| #next_token,
                    },
                )
            }

            #items
        }

        #items_struct
    };
    (builders, module)
}

fn items_name(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}Items", paginator_name(op))
}

/// `page_size(limit)`: sets the input member `m` that limits a page.
fn page_size(cx: &Cx, m: &Member) -> TokenStream {
    let set = set_fn(m);
    let t = cx.rust_type(&m.ty);
    let d = format!(" Sets the page size (`{}`).", m.name);
    quote! {
        #[doc = #d]
        pub fn page_size(mut self, limit: #t) -> Self {
            self.inner = self.inner.#set(Some(limit));
            self
        }
    }
}

/// `items()` on the paginator, and the struct it returns, whose `send()`
/// is a stream of the entries of output member `m` (a list or a map)
/// across every page.
fn items(cx: &Cx, op: &Operation, m: &Member) -> (TokenStream, TokenStream) {
    let rt = Rt::path();
    let output = ident(&op.output.rust_name);
    let error = error_name(op);
    let paginator = paginator_name(op);
    let items = items_name(op);
    let f = ident(&m.rust_name);
    let (item, d) = match &m.ty {
        Type::List(t) => (
            cx.rust_type(t),
            format!(" A stream of the `{}` of every page.", m.name),
        ),
        Type::Map(k, t) => {
            let k = cx.rust_type(k);
            let t = cx.rust_type(t);
            (
                quote!((#k, #t)),
                format!(" A stream of the `{}` entries of every page.", m.name),
            )
        }
        _ => return (quote!(), quote!()),
    };
    let entries = if m.optional {
        quote!(page.#f.unwrap_or_default())
    } else {
        quote!(page.#f)
    };
    let struct_doc = format!(
        " The `{}` of every page of `{}`: `send()` streams them.",
        m.name, op.name
    );
    let method = quote! {
        /// The entries of every page instead of the pages (`send()` on
        /// what this returns streams them).
        pub fn items(self) -> #items {
            #items(self)
        }
    };
    let item_struct = quote! {
        #[doc = #struct_doc]
        #[derive(Clone, Debug)]
        pub struct #items(#paginator);

        impl #items {
            #[doc = #d]
            pub fn send(self) -> #rt::PaginationStream<
                ::std::result::Result<#item, #rt::SdkError<super::#error, #rt::HttpResponse>>,
            > {
                #rt::TryFlatMap::new(self.0.send())
                    .flat_map(|page: super::#output| #entries)
            }
        }
    };
    (method, item_struct)
}
