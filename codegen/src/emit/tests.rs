//! The back end from hand-built IR, with no model file at all.
use super::*;

fn member(name: &str, ty: Type, binding: Binding) -> Member {
    Member {
        required: true,
        ..Member::new(name, ty, binding)
    }
}

fn structure(name: &str, members: Vec<Member>) -> Structure {
    Structure {
        id: format!("ex#{name}"),
        name: name.into(),
        rust_name: name.into(),
        builder_name: String::new(),
        docs: Docs::default(),
        members,
        error: None,
        union_repr: UnionRepr::Tagged,
    }
}

#[test]
fn emits_an_operation_from_hand_built_ir() {
    let mut key = member("Type", Type::String, Binding::Query("type".into()));
    key.constraints.pattern = Some("^[a-z]+$".into());
    let service = Service {
        id: "ex#Svc".into(),
        sdk_id: "Ex".into(),
        version: String::new(),
        protocol: Protocol::RestJson1,
        query_compatible: false,
        signing_name: Some("ex".into()),
        auth: vec![AuthScheme::SigV4],
        endpoint: Endpoint::Regional {
            prefix: "ex".into(),
        },
        endpoint_rules: None,
        docs: Docs::default(),
        operations: vec![Operation {
            id: "ex#GetThing".into(),
            name: "GetThing".into(),
            rust_name: "get_thing".into(),
            names: Default::default(),
            docs: Docs::new("Gets a thing."),
            method: "GET".into(),
            uri: vec![
                UriSegment::Literal("/things/".into()),
                UriSegment::Label {
                    member: "Id".into(),
                    greedy: false,
                },
            ],
            uri_query: vec![],
            code: 200,
            input: structure(
                "GetThingInput",
                vec![member("Id", Type::String, Binding::Label), key],
            ),
            output: structure(
                "GetThingOutput",
                vec![member("Count", Type::Integer, Binding::Body)],
            ),
            errors: vec![],
            pagination: None,
            host_prefix: None,
            protocol_tests: vec![],
            checksum_required: false,
            gzip: false,
            unsigned_payload: false,
            auth: vec![AuthScheme::HttpBearer, AuthScheme::Anonymous],
            endpoint_params: Vec::new(),
            customizations: Default::default(),
        }],
        shapes: Default::default(),
    };
    let mut service = service;
    let mut diags = crate::diag::Diagnostics::default();
    crate::normalize::normalize(&mut service, &mut diags);
    let cx = Cx::new(&service);
    let text: String = parts(&service)
        .into_iter()
        .map(|part| {
            let file: syn::File = syn::parse2(emit_part(&cx, part)).expect("valid Rust");
            prettyplease::unparse(&file)
        })
        .collect();
    for expected in [
        "pub mod get_thing",
        "pub struct GetThingInput",
        "pub r#type: ::std::option::Option<::std::string::String>",
        "http::push_query(",
        "\"type\",",
        "encode_label(&text, false)",
        "DefaultEndpoint::Regional",
        "pub fn get_thing(",
        "v.pattern(\"GetThingInput.Type\"",
        "auth: &[rt::client::auth::HTTP_BEARER, rt::client::auth::NO_AUTH]",
        "signing_name: ::std::option::Option::Some(\"ex\")",
        // A module imports the facade once and names it short; the crate
        // root, a user's lib.rs, names it by absolute path.
        "pub mod get_thing {\n        use ::sdkgen_runtime::__private as rt;",
        "impl rt::client::OperationInput for GetThingInput",
        "static SERVICE: ::sdkgen_runtime::__private::client::ServiceMetadata",
        "handle: ::std::sync::Arc<::sdkgen_runtime::__private::client::Handle>,",
    ] {
        assert!(text.contains(expected), "missing `{expected}` in:\n{text}");
    }
    assert!(!text.contains("deps::"), "{text}");
    // Fluent setters state the member's constraints.
    let fluent = &text[text
        .find("impl GetThingFluentBuilder")
        .expect("a fluent builder")..];
    assert!(
        fluent.contains("/// Required. Must match `^[a-z]+$`.\n                pub fn r#type("),
        "{fluent}"
    );
    // `types` and `json_codec` name nothing of the runtime here: no import.
    assert!(text.contains("pub mod types {\n    /// Errors"), "{text}");
}

#[test]
fn a_module_imports_the_facade_where_its_own_items_name_it() {
    use quote::quote;
    let imports = |items: TokenStream| {
        common::module_body(items)
            .to_string()
            .starts_with("use :: sdkgen_runtime :: __private as rt")
    };
    assert!(imports(quote!(
        pub struct A(rt::DateTime);
    )));
    assert!(imports(
        quote!(impl A { fn f() { let _ = rt::json::parse(b""); } })
    ));
    // Not the facade: a field, a path through another module, a nested
    // module (which imports for itself), a struct field named `rt`.
    assert!(!imports(quote!(
        fn f(x: &X) -> u8 {
            x.rt
        }
    )));
    assert!(!imports(quote!(
        type T = other::rt::X;
    )));
    assert!(!imports(quote!(
        pub mod builders {
            use super::rt::X;
            fn f() -> rt::X {
                todo!()
            }
        }
    )));
    assert!(!imports(quote!(
        pub struct A {
            rt: u8,
        }
        fn f() -> A {
            A { rt: 1 }
        }
    )));
}
