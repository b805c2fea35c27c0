//! `sdkgen diff`: one model pair per rule, each change classified as the
//! rule says; the two Chime models from ../shared; the command's exit codes.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn base() -> Value {
    json!({"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                   "traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {"name": "ex"},
                              "aws.api#service": {"sdkId": "Ex", "endpointPrefix": "ex"}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}, "output": {"target": "ex#OpOutput"},
                  "errors": [{"target": "ex#Boom"}],
                  "traits": {"smithy.api#http": {"method": "POST", "uri": "/things/{Id}", "code": 200}}},
        "ex#OpInput": {"type": "structure", "members": {
            "Id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "Name": {"target": "ex#Name"},
            "Count": {"target": "ex#Count", "traits": {"smithy.api#httpQuery": "count"}},
            "Kind": {"target": "ex#Kind"}}},
        "ex#OpOutput": {"type": "structure", "members": {"Thing": {"target": "ex#Thing"}}},
        "ex#Thing": {"type": "structure", "members": {
            "Size": {"target": "smithy.api#Integer"},
            "At": {"target": "smithy.api#Timestamp"},
            "Tags": {"target": "ex#Tags"},
            "Level": {"target": "ex#Level"}}},
        "ex#Tags": {"type": "list", "member": {"target": "smithy.api#String"}},
        "ex#Level": {"type": "intEnum", "members": {
            "Low": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
            "High": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 2}}}},
        "ex#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 10}, "smithy.api#pattern": "^[a-z]+$"}},
        "ex#Count": {"type": "integer", "traits": {"smithy.api#range": {"min": 1, "max": 100}}},
        "ex#Kind": {"type": "enum", "members": {
            "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}},
            "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "b"}}}},
        "ex#Boom": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "client", "smithy.api#httpError": 400}},
        "ex#Bang": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "server", "smithy.api#httpError": 500}}
    }})
}

fn write(name: &str, model: &Value) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("diff-{name}.json"));
    std::fs::write(&path, model.to_string()).unwrap();
    path
}

/// The changes from the model `old` to the model `new`.
fn changes_between(name: &str, old: &Value, new: &Value) -> Vec<sdkgen::diff::Change> {
    let settings = sdkgen::Settings::default();
    let old = sdkgen::load(&[write(&format!("{name}-old"), old)], &settings).unwrap();
    let new = sdkgen::load(&[write(&format!("{name}-new"), new)], &settings).unwrap();
    sdkgen::diff::diff(&old, &new)
}

/// The model `edit(base)`.
fn edited(edit: impl FnOnce(&mut Value)) -> Value {
    let mut m = base();
    edit(&mut m);
    m
}

/// The changes from the base model to `change(base)`.
fn changes(name: &str, change: impl FnOnce(&mut Value)) -> Vec<sdkgen::diff::Change> {
    changes_between(name, &base(), &edited(change))
}

/// The changes from `setup(base)` to `change(setup(base))`: for a change
/// to something the base model does not have.
fn changes_from(
    name: &str,
    setup: impl Fn(&mut Value),
    change: impl FnOnce(&mut Value),
) -> Vec<sdkgen::diff::Change> {
    let old = edited(&setup);
    let mut new = old.clone();
    change(&mut new);
    changes_between(name, &old, &new)
}

/// The changes from the base model's IR to `change(its IR)`: for IR fields
/// no model change reaches today (they derive from names).
fn ir_changes(
    name: &str,
    change: impl FnOnce(&mut sdkgen::ir::Service),
) -> Vec<sdkgen::diff::Change> {
    let path = write(name, &base());
    let settings = sdkgen::Settings::default();
    let old = sdkgen::load(std::slice::from_ref(&path), &settings).unwrap();
    let mut new = old.clone();
    change(&mut new);
    sdkgen::diff::diff(&old, &new)
}

/// The structure `id` of an IR.
fn structure_mut<'a>(s: &'a mut sdkgen::ir::Service, id: &str) -> &'a mut sdkgen::ir::Structure {
    match s.shapes.get_mut(id) {
        Some(sdkgen::ir::Shape::Structure(x)) => x,
        other => panic!("{id}: {other:?}"),
    }
}

/// A change as a test expects it: rule, path, breaking, wire.
type Expected<'a> = (&'a str, &'a str, bool, bool);

fn summary(c: &sdkgen::diff::Change) -> (&str, &str, bool, bool) {
    (c.rule, c.path.as_str(), c.breaking, c.wire)
}

/// `found` is exactly one change, the expected one.
fn assert_one(name: &str, found: &[sdkgen::diff::Change], expected: Expected) {
    assert_eq!(found.len(), 1, "{name}: {found:#?}");
    assert_eq!(summary(&found[0]), expected, "{name}: {found:#?}");
}

/// `found` has the expected change (and others).
fn assert_has(name: &str, found: &[sdkgen::diff::Change], expected: Expected) {
    assert!(
        found.iter().any(|c| summary(c) == expected),
        "{name}: no {expected:?} in {found:#?}"
    );
}

/// Exactly one change, with this rule, path and classification.
fn expect_one(
    name: &str,
    change: impl FnOnce(&mut Value),
    rule: &str,
    path: &str,
    breaking: bool,
    wire: bool,
) {
    assert_one(name, &changes(name, change), (rule, path, breaking, wire));
}

/// A trait (or anything) `on` added to the base model and removed again:
/// one change each way, with this rule and path, breaking as `breaking`
/// says for (added, removed).
fn expect_toggle(
    name: &str,
    on: impl Fn(&mut Value),
    (rule, path): (&str, &str),
    breaking: (bool, bool),
    wire: bool,
) {
    let (off, on) = (base(), edited(on));
    let added = changes_between(&format!("{name}-on"), &off, &on);
    assert_one(name, &added, (rule, path, breaking.0, wire));
    let removed = changes_between(&format!("{name}-off"), &on, &off);
    assert_one(name, &removed, (rule, path, breaking.1, wire));
}

fn shapes(m: &mut Value) -> &mut serde_json::Map<String, Value> {
    m["shapes"].as_object_mut().unwrap()
}

#[test]
fn identical_models_have_no_changes() {
    assert!(changes("same", |_| {}).is_empty());
}

#[test]
fn operations_added_and_removed() {
    let add = |m: &mut Value| {
        shapes(m).insert("ex#Other".into(), json!({"type": "operation", "traits": {"smithy.api#http": {"method": "GET", "uri": "/other"}}}));
        m["shapes"]["ex#Svc"]["operations"]
            .as_array_mut()
            .unwrap()
            .push(json!({"target": "ex#Other"}));
    };
    expect_one("added-operation", add, "added-operation", "", false, true);
    let found = changes("removed-operation", |m| {
        m["shapes"]["ex#Svc"]["operations"] = json!([]);
    });
    assert!(
        found
            .iter()
            .any(|c| c.rule == "removed-operation" && c.scope == "Op" && c.breaking),
        "{found:#?}"
    );
}

#[test]
fn http_binding_changes_are_wire_breaking() {
    expect_one(
        "method",
        |m| m["shapes"]["ex#Op"]["traits"]["smithy.api#http"]["method"] = json!("PUT"),
        "changed-http-binding",
        "http",
        true,
        true,
    );
    expect_one(
        "uri",
        |m| m["shapes"]["ex#Op"]["traits"]["smithy.api#http"]["uri"] = json!("/items/{Id}"),
        "changed-http-binding",
        "http",
        true,
        true,
    );
    expect_one(
        "code",
        |m| m["shapes"]["ex#Op"]["traits"]["smithy.api#http"]["code"] = json!(201),
        "changed-http-binding",
        "http",
        true,
        true,
    );
}

#[test]
fn auth_changes_change_the_wire_and_break_when_a_scheme_is_dropped() {
    let with_bearer = |m: &mut Value| {
        m["shapes"]["ex#Svc"]["traits"]["smithy.api#httpBearerAuth"] = json!({});
    };
    // [sigv4] -> [sigv4, bearer]: a new option, no configuration breaks.
    expect_one(
        "auth-added",
        with_bearer,
        "changed-auth",
        "auth",
        false,
        true,
    );
    // [sigv4] -> [bearer]: credentials alone no longer do.
    expect_one(
        "auth-replaced",
        |m| {
            with_bearer(m);
            m["shapes"]["ex#Op"]["traits"]["smithy.api#auth"] =
                json!(["smithy.api#httpBearerAuth"]);
        },
        "changed-auth",
        "auth",
        true,
        true,
    );
    // [sigv4] -> [sigv4, anonymous]: still sent whatever is configured.
    expect_one(
        "auth-optional",
        |m| m["shapes"]["ex#Op"]["traits"]["smithy.api#optionalAuth"] = json!({}),
        "changed-auth",
        "auth",
        false,
        true,
    );
}

#[test]
fn errors_added_and_removed() {
    expect_one(
        "added-error",
        |m| {
            m["shapes"]["ex#Op"]["errors"]
                .as_array_mut()
                .unwrap()
                .push(json!({"target": "ex#Bang"}))
        },
        "added-error",
        "errors.Bang",
        false,
        false,
    );
    expect_one(
        "removed-error",
        |m| m["shapes"]["ex#Op"]["errors"] = json!([]),
        "removed-error",
        "errors.Boom",
        true,
        false,
    );
}

#[test]
fn members_added_and_removed() {
    expect_one(
        "removed-member",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]
                .as_object_mut()
                .unwrap()
                .remove("Kind");
        },
        "removed-member",
        "input.Kind",
        true,
        true,
    );
    expect_one(
        "added-optional",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["Note"] = json!({"target": "smithy.api#String"});
        },
        "added-member",
        "input.Note",
        false,
        true,
    );
    expect_one(
        "added-required",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["Note"] =
                json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
        },
        "added-member",
        "input.Note",
        true,
        true,
    );
    expect_one(
        "added-required-with-default",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["Note"] = json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#default": "x"}});
        },
        "added-member",
        "input.Note",
        false,
        true,
    );
    expect_one(
        "added-output-required",
        |m| {
            m["shapes"]["ex#OpOutput"]["members"]["Extra"] =
                json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
        },
        "added-member",
        "output.Extra",
        // The output's `build()` now fails without it.
        true,
        true,
    );
}

#[test]
fn required_changes() {
    expect_one(
        "optional-to-required",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["Kind"]["traits"] =
                json!({"smithy.api#required": {}});
        },
        "changed-required",
        "input.Kind",
        true,
        false,
    );
    // Required only in an output is no burden on callers.
    expect_one(
        "output-optional-to-required",
        |m| {
            m["shapes"]["ex#OpOutput"]["members"]["Thing"]["traits"] =
                json!({"smithy.api#required": {}});
        },
        "changed-required",
        "output.Thing",
        false,
        false,
    );
    // Outside an input a required scalar is no `Option`: its getter
    // changes (`Option<i32>` to `i32`), and the builder's `build()`.
    expect_toggle(
        "nested-required",
        |m| {
            m["shapes"]["ex#Thing"]["members"]["Size"]["traits"] =
                json!({"smithy.api#required": {}})
        },
        ("changed-required", "Thing.Size"),
        (true, true),
        false,
    );
    // `@clientOptional` beside `@required` makes it an `Option` again.
    let found = changes_from(
        "client-optional",
        |m| {
            m["shapes"]["ex#Thing"]["members"]["Size"]["traits"] =
                json!({"smithy.api#required": {}})
        },
        |m| {
            m["shapes"]["ex#Thing"]["members"]["Size"]["traits"] =
                json!({"smithy.api#required": {}, "smithy.api#clientOptional": {}})
        },
    );
    assert_one(
        "client-optional",
        &found,
        ("changed-optional", "Thing.Size", true, false),
    );
}

#[test]
fn type_and_binding_changes() {
    expect_one(
        "type",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["Kind"]["target"] = json!("smithy.api#String");
        },
        "changed-type",
        "input.Kind",
        true,
        true,
    );
    expect_one(
        "query-name",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["Count"]["traits"]["smithy.api#httpQuery"] =
                json!("n");
        },
        "changed-binding",
        "input.Count",
        true,
        true,
    );
    expect_one(
        "json-name",
        |m| {
            m["shapes"]["ex#Thing"]["members"]["Size"]["traits"] =
                json!({"smithy.api#jsonName": "size"});
        },
        "changed-binding",
        "Thing.Size",
        true,
        true,
    );
    expect_one(
        "sensitive",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["Kind"]["traits"] =
                json!({"smithy.api#sensitive": {}});
        },
        "changed-sensitive",
        "input.Kind",
        false,
        false,
    );
}

#[test]
fn tightened_constraints_break_and_loosened_ones_do_not() {
    fn name(m: &mut Value) -> &mut Value {
        &mut m["shapes"]["ex#Name"]["traits"]
    }
    expect_one(
        "max-smaller",
        |m| name(m)["smithy.api#length"]["max"] = json!(5),
        "changed-constraint",
        "input.Name",
        true,
        false,
    );
    expect_one(
        "max-larger",
        |m| name(m)["smithy.api#length"]["max"] = json!(50),
        "changed-constraint",
        "input.Name",
        false,
        false,
    );
    expect_one(
        "min-larger",
        |m| name(m)["smithy.api#length"]["min"] = json!(3),
        "changed-constraint",
        "input.Name",
        true,
        false,
    );
    expect_one(
        "pattern-changed",
        |m| name(m)["smithy.api#pattern"] = json!("^[a-z0-9]+$"),
        "changed-constraint",
        "input.Name",
        true,
        false,
    );
    expect_one(
        "pattern-removed",
        |m| {
            name(m)
                .as_object_mut()
                .unwrap()
                .remove("smithy.api#pattern");
        },
        "changed-constraint",
        "input.Name",
        false,
        false,
    );
    expect_one(
        "range-min-up",
        |m| m["shapes"]["ex#Count"]["traits"]["smithy.api#range"]["min"] = json!(5),
        "changed-constraint",
        "input.Count",
        true,
        false,
    );
    expect_one(
        "range-max-up",
        |m| m["shapes"]["ex#Count"]["traits"]["smithy.api#range"]["max"] = json!(500),
        "changed-constraint",
        "input.Count",
        false,
        false,
    );
    // A new pattern tightens; dropping it loosens.
    expect_toggle(
        "pattern-added",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["Id"]["traits"]["smithy.api#pattern"] =
                json!("^[0-9]+$")
        },
        ("changed-constraint", "input.Id"),
        (true, false),
        false,
    );
}

#[test]
fn enum_values_added_and_removed() {
    expect_one(
        "enum-added",
        |m| {
            m["shapes"]["ex#Kind"]["members"]["C"] =
                json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "c"}});
        },
        "enum-value",
        "Kind",
        false,
        false,
    );
    expect_one(
        "enum-removed",
        |m| {
            m["shapes"]["ex#Kind"]["members"]
                .as_object_mut()
                .unwrap()
                .remove("B");
        },
        "enum-value",
        "Kind",
        true,
        true,
    );
}

#[test]
fn service_changes_are_wire_breaking() {
    fn service(m: &mut Value) -> &mut Value {
        &mut m["shapes"]["ex#Svc"]["traits"]
    }
    expect_one(
        "sdk-id",
        |m| service(m)["aws.api#service"]["sdkId"] = json!("Example"),
        "changed-sdk-id",
        "sdk id",
        true,
        true,
    );
    expect_one(
        "signing-name",
        |m| service(m)["aws.auth#sigv4"]["name"] = json!("example"),
        "changed-signing-name",
        "signing name",
        true,
        true,
    );
    expect_one(
        "endpoint",
        |m| service(m)["aws.api#service"]["endpointPrefix"] = json!("example"),
        "changed-endpoint",
        "endpoint",
        true,
        true,
    );
    expect_one(
        "endpoint-rules",
        |m| {
            service(m)["smithy.rules#endpointRuleSet"] =
                json!({"version": "1.0", "parameters": {}, "rules": []})
        },
        "changed-endpoint-rules",
        "endpointRuleSet",
        true,
        true,
    );
}

/// The same model on another protocol: the change is named (beside
/// whatever the new protocol makes of the bindings).
#[test]
fn a_changed_protocol_is_wire_breaking() {
    let found = changes("protocol", |m| {
        let traits = m["shapes"]["ex#Svc"]["traits"].as_object_mut().unwrap();
        traits.remove("aws.protocols#restJson1");
        traits.insert("aws.protocols#awsJson1_1".into(), json!({}));
    });
    assert_has(
        "protocol",
        &found,
        ("changed-protocol", "protocol", true, true),
    );
    let text = found
        .iter()
        .find(|c| c.rule == "changed-protocol")
        .map(|c| c.what.clone());
    assert_eq!(
        text.as_deref(),
        Some("protocol changed from restJson1 to awsJson1_1")
    );
}

#[test]
fn operation_traits() {
    fn op(m: &mut Value) -> &mut Value {
        &mut m["shapes"]["ex#Op"]["traits"]
    }
    expect_one(
        "host-prefix",
        |m| op(m)["smithy.api#endpoint"] = json!({"hostPrefix": "data."}),
        "changed-host-prefix",
        "http",
        true,
        true,
    );
    // Old clients send no Content-MD5 where it is now required.
    expect_toggle(
        "checksum",
        |m| op(m)["smithy.api#httpChecksumRequired"] = json!({}),
        ("changed-checksum", "checksum"),
        (true, false),
        true,
    );
    // Old clients may send gzip where it is no longer read.
    expect_toggle(
        "gzip",
        |m| op(m)["smithy.api#requestCompression"] = json!({"encodings": ["gzip"]}),
        ("changed-compression", "compression"),
        (false, true),
        true,
    );
    // Old clients may send UNSIGNED-PAYLOAD where the body must be signed.
    expect_toggle(
        "unsigned",
        |m| op(m)["aws.auth#unsignedPayload"] = json!({}),
        ("changed-payload-signing", "signing"),
        (false, true),
        true,
    );
}

/// The base model with the members a paginator needs.
fn paged(m: &mut Value) {
    m["shapes"]["ex#OpInput"]["members"]["NextToken"] = json!({"target": "smithy.api#String"});
    m["shapes"]["ex#OpInput"]["members"]["Cursor"] = json!({"target": "smithy.api#String"});
    m["shapes"]["ex#OpInput"]["members"]["MaxResults"] = json!({"target": "smithy.api#Integer"});
    m["shapes"]["ex#OpOutput"]["members"]["NextToken"] = json!({"target": "smithy.api#String"});
    m["shapes"]["ex#OpOutput"]["members"]["Items"] = json!({"target": "ex#Tags"});
}

/// [`paged`], and the operation paginated.
fn paginated(m: &mut Value) {
    paged(m);
    m["shapes"]["ex#Op"]["traits"]["smithy.api#paginated"] = json!({
        "inputToken": "NextToken", "outputToken": "NextToken", "items": "Items", "pageSize": "MaxResults"});
}

#[test]
fn pagination_changes() {
    fn paging(m: &mut Value) -> &mut Value {
        &mut m["shapes"]["ex#Op"]["traits"]["smithy.api#paginated"]
    }
    let added = changes_between("paginator-added", &edited(paged), &edited(paginated));
    assert_one(
        "paginator-added",
        &added,
        ("paginator", "pagination", false, false),
    );
    let removed = changes_between("paginator-removed", &edited(paginated), &edited(paged));
    assert_one(
        "paginator-removed",
        &removed,
        ("paginator", "pagination", true, false),
    );
    // The token goes in another member.
    let token = changes_from("input-token", paginated, |m| {
        paging(m)["inputToken"] = json!("Cursor")
    });
    assert_one(
        "input-token",
        &token,
        ("changed-pagination", "pagination", true, true),
    );
    // `items()` disappears; no request changes.
    let items = changes_from("items-removed", paginated, |m| {
        paging(m).as_object_mut().unwrap().remove("items");
    });
    assert_one(
        "items-removed",
        &items,
        ("changed-pagination", "pagination", true, false),
    );
    // A new `page_size()`.
    let size = changes_from(
        "page-size-added",
        |m| {
            paginated(m);
            paging(m).as_object_mut().unwrap().remove("pageSize");
        },
        |m| paging(m)["pageSize"] = json!("MaxResults"),
    );
    assert_one(
        "page-size-added",
        &size,
        ("changed-pagination", "pagination", false, false),
    );
}

#[test]
fn error_changes() {
    fn boom(m: &mut Value) -> &mut Value {
        &mut m["shapes"]["ex#Boom"]["traits"]
    }
    // Responses without a code are recognized by their status.
    expect_one(
        "error-status",
        |m| boom(m)["smithy.api#httpError"] = json!(404),
        "changed-error-status",
        "Boom",
        true,
        true,
    );
    expect_one(
        "retryable",
        |m| boom(m)["smithy.api#retryable"] = json!({}),
        "changed-retry",
        "Boom",
        false,
        true,
    );
    expect_one(
        "fault",
        |m| boom(m)["smithy.api#error"] = json!("server"),
        "changed-fault",
        "Boom",
        false,
        false,
    );
    // Codes derive from the shape name, so only the IR changes them.
    fn codes(s: &mut sdkgen::ir::Service) -> &mut Vec<String> {
        &mut structure_mut(s, "ex#Boom").error.as_mut().unwrap().codes
    }
    let added = ir_changes("code-added", |s| codes(s).push("Kaboom".into()));
    assert_one(
        "code-added",
        &added,
        ("changed-error-code", "Boom", false, true),
    );
    let removed = ir_changes("code-removed", |s| codes(s).clear());
    assert_one(
        "code-removed",
        &removed,
        ("changed-error-code", "Boom", true, true),
    );
    // No longer an error: another kind of Rust item.
    let plain = ir_changes("no-longer-error", |s| {
        structure_mut(s, "ex#Boom").error = None
    });
    assert_one(
        "no-longer-error",
        &plain,
        ("changed-type", "Boom", true, true),
    );
}

#[test]
fn member_type_details() {
    fn thing(m: &mut Value) -> &mut Value {
        &mut m["shapes"]["ex#Thing"]["members"]
    }
    // Still a `DateTime`, but other text on the wire.
    expect_one(
        "timestamp-format",
        |m| thing(m)["At"]["traits"] = json!({"smithy.api#timestampFormat": "date-time"}),
        "changed-timestamp-format",
        "Thing.At",
        true,
        true,
    );
    // `Vec<String>` to `Vec<Option<String>>`.
    expect_one(
        "sparse",
        |m| m["shapes"]["ex#Tags"]["traits"] = json!({"smithy.api#sparse": {}}),
        "changed-type",
        "Thing.Tags",
        true,
        true,
    );
    expect_one(
        "list-element",
        |m| m["shapes"]["ex#Tags"]["member"]["target"] = json!("smithy.api#Integer"),
        "changed-type",
        "Thing.Tags",
        true,
        true,
    );
    // A stream of unknown length is refused once the length is required.
    let streaming = |m: &mut Value| {
        m["shapes"]["ex#OpInput"]["members"] = json!({
            "Id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "Body": {"target": "ex#Data", "traits": {"smithy.api#httpPayload": {}}}});
        m["shapes"]["ex#Data"] = json!({"type": "blob", "traits": {"smithy.api#streaming": {}}});
    };
    let found = changes_from("requires-length", streaming, |m| {
        m["shapes"]["ex#Data"]["traits"]["smithy.api#requiresLength"] = json!({});
    });
    assert_one(
        "requires-length",
        &found,
        ("changed-requires-length", "input.Body", true, false),
    );
}

#[test]
fn member_trait_changes() {
    fn input(m: &mut Value) -> &mut Value {
        &mut m["shapes"]["ex#OpInput"]["members"]
    }
    // Filled in when unset: compatible; no longer filled in: breaking.
    expect_toggle(
        "idempotency-token",
        |m| input(m)["Name"]["traits"] = json!({"smithy.api#idempotencyToken": {}}),
        ("changed-idempotency-token", "input.Name"),
        (false, true),
        true,
    );
    // Sent, and read back, for an unset member.
    expect_toggle(
        "default",
        |m| m["shapes"]["ex#Thing"]["members"]["Size"]["traits"] = json!({"smithy.api#default": 0}),
        ("changed-default", "Thing.Size"),
        (true, true),
        true,
    );
    let found = changes_from(
        "default-value",
        |m| m["shapes"]["ex#Thing"]["members"]["Size"]["traits"] = json!({"smithy.api#default": 0}),
        |m| m["shapes"]["ex#Thing"]["members"]["Size"]["traits"] = json!({"smithy.api#default": 5}),
    );
    assert_one(
        "default-value",
        &found,
        ("changed-default", "Thing.Size", true, true),
    );
    // A header's media type makes it base64 on the wire.
    let found = changes_from(
        "media-type",
        |m| {
            input(m)["Meta"] = json!({"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": "x-meta"}})
        },
        |m| {
            m["shapes"]["ex#Json"] =
                json!({"type": "string", "traits": {"smithy.api#mediaType": "application/json"}});
            input(m)["Meta"]["target"] = json!("ex#Json");
        },
    );
    assert_one(
        "media-type",
        &found,
        ("changed-media-type", "input.Meta", true, true),
    );
    // On a body member it changes nothing.
    let found = changes("body-media-type", |m| {
        m["shapes"]["ex#Name"]["traits"]["smithy.api#mediaType"] = json!("text/plain");
    });
    assert!(found.is_empty(), "{found:#?}");
    // A cycle boxes the field: `Option<Box<Child>>`.
    let found = changes_from(
        "boxed",
        |m| {
            m["shapes"]["ex#Thing"]["members"]["Child"] = json!({"target": "ex#Child"});
            m["shapes"]["ex#Child"] =
                json!({"type": "structure", "members": {"Leaf": {"target": "smithy.api#Integer"}}});
        },
        |m| m["shapes"]["ex#Child"]["members"]["Parent"] = json!({"target": "ex#Thing"}),
    );
    assert_has(
        "boxed",
        &found,
        ("changed-boxing", "Thing.Child", true, false),
    );
}

#[test]
fn rust_names() {
    // `SetName` beside `Name` is `set_name_value` (`set_name` is `name`'s
    // setter); without `Name` it is `set_name`.
    let found = changes_from(
        "field-renamed",
        |m| {
            m["shapes"]["ex#OpInput"]["members"]["SetName"] = json!({"target": "smithy.api#String"})
        },
        |m| {
            m["shapes"]["ex#OpInput"]["members"]
                .as_object_mut()
                .unwrap()
                .remove("Name");
        },
    );
    assert_has(
        "field-renamed",
        &found,
        ("renamed-rust-item", "input.SetName", true, false),
    );
    // Type and method names derive from model names: only the IR renames them.
    let found = ir_changes("type-renamed", |s| {
        structure_mut(s, "ex#Thing").rust_name = "Item".into()
    });
    assert_one(
        "type-renamed",
        &found,
        ("renamed-rust-item", "Thing", true, false),
    );
    let found = ir_changes("enum-renamed", |s| {
        if let Some(sdkgen::ir::Shape::Enum(k)) = s.shapes.get_mut("ex#Kind") {
            k.rust_name = "Sort".into();
        }
    });
    assert_one(
        "enum-renamed",
        &found,
        ("renamed-rust-item", "Kind", true, false),
    );
    let found = ir_changes("method-renamed", |s| {
        s.operations[0].rust_name = "do_op".into()
    });
    assert_one(
        "method-renamed",
        &found,
        ("renamed-rust-item", "", true, false),
    );
}

#[test]
fn enum_renames() {
    fn kind(m: &mut Value) -> &mut serde_json::Map<String, Value> {
        m["shapes"]["ex#Kind"]["members"].as_object_mut().unwrap()
    }
    // Same value `b`, variant `Bee` instead of `B`.
    expect_one(
        "variant-renamed",
        |m| {
            let b = kind(m).remove("B").unwrap();
            kind(m).insert("Bee".into(), b);
        },
        "renamed-rust-item",
        "Kind",
        true,
        false,
    );
    // Same variant `B`, value `bee` instead of `b`.
    expect_one(
        "value-renamed",
        |m| kind(m)["B"]["traits"]["smithy.api#enumValue"] = json!("bee"),
        "changed-enum-value",
        "Kind",
        true,
        true,
    );
    fn level(m: &mut Value) -> &mut serde_json::Map<String, Value> {
        m["shapes"]["ex#Level"]["members"].as_object_mut().unwrap()
    }
    expect_one(
        "int-variant-renamed",
        |m| {
            let low = level(m).remove("Low").unwrap();
            level(m).insert("Lowest".into(), low);
        },
        "renamed-rust-item",
        "Level",
        true,
        false,
    );
    expect_one(
        "int-value-changed",
        |m| level(m)["High"]["traits"]["smithy.api#enumValue"] = json!(3),
        "changed-enum-value",
        "Level",
        true,
        true,
    );
    expect_one(
        "int-value-added",
        |m| {
            level(m).insert(
                "Max".into(),
                json!({"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 9}}),
            );
        },
        "enum-value",
        "Level",
        false,
        false,
    );
}

#[test]
fn shape_kind_change() {
    expect_one(
        "kind",
        |m| m["shapes"]["ex#Thing"]["type"] = json!("union"),
        "changed-type",
        "Thing",
        true,
        true,
    );
}

#[test]
fn text_and_json_reports() {
    let found = changes("report", |m| {
        m["shapes"]["ex#Op"]["errors"] = json!([]);
        m["shapes"]["ex#OpInput"]["members"]["Note"] = json!({"target": "smithy.api#String"});
    });
    let text = sdkgen::diff::render_text(&found);
    assert_eq!(text, "Op\n  BREAKING           errors.Boom: error removed\n  compatible (wire)  input.Note: member added\n2 changes: 1 breaking, 1 compatible; 1 change the wire\n");
    let json: Value = serde_json::from_str(&sdkgen::diff::render_json(&found)).unwrap();
    assert_eq!(
        json["summary"],
        json!({"total": 2, "breaking": 1, "compatible": 1, "wire": 1})
    );
    assert_eq!(json["changes"][0]["rule"], "removed-error");
}

fn shared(path: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

#[test]
fn legacy_chime_model_against_the_official_one() {
    let (Some(old), Some(new)) = (
        shared("models/legacy/chime-smithy-rs-2022-03.json"),
        shared("models/chime-2018-05-01.json"),
    ) else {
        return;
    };
    let settings = sdkgen::Settings::default();
    let found = sdkgen::diff::diff(
        &sdkgen::load(&[old], &settings).unwrap(),
        &sdkgen::load(&[new], &settings).unwrap(),
    );
    // The 2025 model keeps 62 of the 2022 model's 190 operations, unchanged,
    // moves from the regional endpoint to the global one and states an
    // endpoint rule set.
    assert_eq!(
        sdkgen::diff::summary(&found),
        "130 changes: 130 breaking, 0 compatible; 130 change the wire"
    );
    let (endpoint, rest): (Vec<_>, Vec<_>) = found.iter().partition(|c| c.scope == "(service)");
    assert_eq!(endpoint[0].what, "default endpoint changed from regional `chime` to global `https://chime.us-east-1.amazonaws.com` (signed for us-east-1)");
    assert!(rest.iter().all(|c| c.rule == "removed-operation"));
    assert!(found.iter().any(|c| c.scope == "CreateMeeting"));
    assert!(!found.iter().any(|c| c.scope == "CreateRoom"));
}

#[test]
fn exit_codes() {
    let run = |args: &[&Path]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_sdkgen"))
            .arg("diff")
            .args(args)
            .output()
            .unwrap()
    };
    let same = write("exit-same", &base());
    let mut breaking = base();
    breaking["shapes"]["ex#Op"]["errors"] = json!([]);
    let breaking = write("exit-breaking", &breaking);
    let bad = write("exit-bad", &json!({"shapes": 3}));
    assert_eq!(run(&[&same, &same]).status.code(), Some(0));
    assert_eq!(run(&[&same, &breaking]).status.code(), Some(1));
    let out = run(&[&same, &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("error:"));
}
