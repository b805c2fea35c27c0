//! The client: the service metadata it is built from, `Client` with one
//! method per operation, each operation's fluent builder (`send()`,
//! `customize()`, setters) and the `client::customize` module.

use super::builders::setter_params;
use super::common::{
    builder_name, doc, error_name, fluent_name, get_fn, ident, member_doc, module_body, set_fn, Rt,
};
use super::cx::Cx;
use crate::ir::*;
use proc_macro2::TokenStream;
use quote::quote;

/// `static SERVICE`: what the runtime needs to know about the service
/// (SDK id, signing name, default endpoint).
pub(crate) fn emit_service_metadata(service: &Service) -> TokenStream {
    let rt = Rt::absolute();
    let sdk_id = &service.sdk_id;
    let signing_name = match &service.signing_name {
        Some(name) => quote!(::std::option::Option::Some(#name)),
        None => quote!(::std::option::Option::None),
    };
    let endpoint = match &service.endpoint {
        Endpoint::Global {
            url,
            signing_region,
        } => {
            quote!(#rt::client::DefaultEndpoint::Global { url: #url, signing_region: #signing_region })
        }
        Endpoint::Regional { prefix } => {
            quote!(#rt::client::DefaultEndpoint::Regional { prefix: #prefix })
        }
    };
    let rules = match &service.endpoint_rules {
        Some(r) => {
            let text = super::endpoint_tests::raw_str(&super::endpoint_tests::pretty(&r.rule_set));
            quote!(::std::option::Option::Some(#rt::client::Rules::new(#text)))
        }
        None => quote!(::std::option::Option::None),
    };
    // As aws-sdk-rust forms it: lower case, no spaces; and only characters
    // a user agent token may hold.
    let user_agent_id: String = sdk_id
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(*c))
        .collect();
    let api_keys = service.api_keys().into_iter().enumerate().map(|(i, key)| {
        let id = super::operation::api_key_id(i);
        let name = &key.name;
        let location = match key.location {
            ApiKeyLocation::Header => quote!(Header),
            ApiKeyLocation::Query => quote!(Query),
            ApiKeyLocation::Cookie => quote!(Cookie),
        };
        let scheme = match &key.scheme {
            Some(s) => quote!(::std::option::Option::Some(#s)),
            None => quote!(::std::option::Option::None),
        };
        quote! {
            #rt::client::auth::ApiKey {
                id: #rt::client::auth::AuthSchemeId::new(#id),
                name: #name,
                location: #rt::client::auth::ApiKeyLocation::#location,
                scheme: #scheme,
            }
        }
    });
    quote! {
        /// What the runtime needs to know about the service.
        static SERVICE: #rt::client::ServiceMetadata = #rt::client::ServiceMetadata {
            sdk_id: #sdk_id,
            user_agent_id: #user_agent_id,
            signing_name: #signing_name,
            api_keys: &[#(#api_keys),*],
            endpoint: #endpoint,
            rules: #rules,
            crate_version: env!("CARGO_PKG_VERSION"),
        };
    }
}

/// The runtime's `config`, `error` and `primitives` modules, re-exported;
/// where the service has endpoint rules, `config::endpoint` also holds
/// `DefaultResolver`, the rules as a resolver, as in aws-sdk-rust.
pub(crate) fn emit_config_module(service: &Service) -> TokenStream {
    let rt = Rt::absolute();
    if service.endpoint_rules.is_none() {
        return quote!(pub use #rt::modules::{config, error, primitives};);
    }
    let r = Rt::path();
    let resolver = module_body(quote! {
        pub use #rt::modules::config::endpoint::*;

        /// The service's endpoint rules (`smithy.rules#endpointRuleSet`) as
        /// a resolver: where a client sends requests unless its
        /// configuration names another resolver. It is given every
        /// parameter's value in the [`Params`].
        #[derive(Clone, Debug)]
        pub struct DefaultResolver(#r::endpoint::ServiceResolver);

        impl DefaultResolver {
            /// The resolver of the service's rules.
            pub fn new() -> Self {
                Self(#r::endpoint::ServiceResolver::new(crate::SERVICE.rules.as_ref()))
            }

            /// The same rules on other AWS partitions than the embedded
            /// ones (see [`Partitions::from_json`]).
            pub fn with_partitions(self, partitions: Partitions) -> Self {
                Self(self.0.with_partitions(partitions))
            }
        }

        impl ::std::default::Default for DefaultResolver {
            fn default() -> Self {
                Self::new()
            }
        }

        impl ResolveEndpoint for DefaultResolver {
            fn resolve_endpoint<'a>(&'a self, params: &'a Params) -> EndpointFuture<'a> {
                self.0.resolve_endpoint(params)
            }
        }
    });
    quote! {
        pub use #rt::modules::{error, primitives};

        /// Configuration of a client (the runtime's `config` module), with
        /// the service's endpoint resolver.
        pub mod config {
            pub use #rt::modules::config::*;

            /// Endpoint resolution: the runtime's types and the service's
            /// [`DefaultResolver`](endpoint::DefaultResolver).
            pub mod endpoint {
                #resolver
            }
        }
    }
}

/// `Client`, its constructors and one method per operation, and the
/// `client` module where aws-sdk-rust has it. They stand at the crate root.
pub(crate) fn emit_client(cx: &Cx) -> TokenStream {
    let rt = Rt::absolute();
    let service_doc = doc(&cx.service.docs, "The service.");
    let methods = cx.service.operations.iter().map(|op| {
        let f = ident(&op.rust_name);
        let module = ident(&op.rust_name);
        let fluent = fluent_name(op);
        let docs = doc(&op.docs, &format!("Calls `{}`.", op.name));
        quote! {
            #docs
            pub fn #f(&self) -> crate::operation::#module::builders::#fluent {
                crate::operation::#module::builders::#fluent::new(self.handle.clone())
            }
        }
    });
    quote! {
        #service_doc
        ///
        /// One `Client` is cheap to clone and shares its configuration.
        #[derive(Clone, Debug)]
        pub struct Client {
            handle: ::std::sync::Arc<#rt::client::Handle>,
        }

        impl Client {
            /// A client configured from shared AWS configuration (region,
            /// credentials, retries, timeouts, HTTP client), as loaded by
            /// `aws_config::load_defaults`.
            pub fn new(sdk_config: &#rt::SdkConfig) -> Self {
                Self::from_conf(crate::config::Config::from(sdk_config))
            }

            /// A client from this crate's own configuration.
            pub fn from_conf(config: crate::config::Config) -> Self {
                Self { handle: ::std::sync::Arc::new(#rt::client::Handle::new(config, &crate::SERVICE)) }
            }

            /// The client's configuration.
            pub fn config(&self) -> &crate::config::Config {
                self.handle.config()
            }

            #(#methods)*
        }

        /// The client, where aws-sdk-rust also has it.
        pub mod client {
            pub use crate::Client;

            /// Customizing one call (`customize()` on a fluent builder).
            pub mod customize {
                pub use #rt::client::CustomizableOperation;
            }
        }
    }
}

/// The fluent builder of an operation (`client.op().member(..).send()`),
/// and `send_with` on its input builder. It stands in the operation's
/// `builders` module.
pub(crate) fn emit_fluent_builder(cx: &Cx, op: &Operation) -> TokenStream {
    let rt = Rt::path();
    let input = ident(&op.input.rust_name);
    let output = ident(&op.output.rust_name);
    let error = error_name(op);
    let fluent = fluent_name(op);
    let input_builder = builder_name(&op.input);
    let fluent_doc = format!(
        " Sends a `{}` request: set members, then call `send()`.",
        op.name
    );
    // A stream can be sent once: a builder holding one cannot be cloned.
    let derive_clone = if op.input.has_stream() {
        quote!()
    } else {
        quote!(Clone,)
    };
    let setters = op.input.members.iter().map(|m| fluent_setters(cx, m));
    quote! {
        #[doc = #fluent_doc]
        #[derive(#derive_clone Debug)]
        pub struct #fluent {
            handle: ::std::sync::Arc<#rt::client::Handle>,
            inner: #input_builder,
        }

        impl #fluent {
            pub(crate) fn new(handle: ::std::sync::Arc<#rt::client::Handle>) -> Self {
                Self { handle, inner: ::std::default::Default::default() }
            }

            /// The input built so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.inner
            }

            /// Validates the input (unless turned off), then sends it
            /// through the configured pipeline: signing, retries and
            /// timeouts.
            pub async fn send(self) -> ::std::result::Result<
                super::#output,
                #rt::SdkError<super::#error, #rt::HttpResponse>,
            > {
                self.handle.send(&super::SPEC, self.inner.build()).await
            }

            /// This call with interceptors or request changes of its
            /// own; `send()` it when done.
            pub fn customize(self) -> #rt::client::CustomizableOperation<super::#input, super::#output, super::#error> {
                #rt::client::CustomizableOperation::new(self.handle, &super::SPEC, self.inner.build())
            }

            #(#setters)*
        }

        impl #input_builder {
            /// Builds the input and sends it with `client`.
            pub async fn send_with(self, client: &crate::Client) -> ::std::result::Result<
                super::#output,
                #rt::SdkError<super::#error, #rt::HttpResponse>,
            > {
                client.handle.send(&super::SPEC, self.build()).await
            }
        }
    }
}

/// `x`, `set_x` and `get_x` of the fluent builder, passed on to the input
/// builder. Each states the member's docs and constraints (as the input
/// builder's setters do), so that a caller reads them where they call.
fn fluent_setters(cx: &Cx, m: &Member) -> TokenStream {
    let f = ident(&m.rust_name);
    let set = set_fn(m);
    let get = get_fn(m);
    let t = cx.rust_type(&m.ty);
    let docs = member_doc(m);
    let (params, args) = setter_params(cx, &m.ty);
    quote! {
        #docs
        pub fn #f(mut self, #params) -> Self {
            self.inner = self.inner.#f(#args);
            self
        }
        #docs
        pub fn #set(mut self, input: ::std::option::Option<#t>) -> Self {
            self.inner = self.inner.#set(input);
            self
        }
        #docs
        pub fn #get(&self) -> &::std::option::Option<#t> {
            self.inner.#get()
        }
    }
}
