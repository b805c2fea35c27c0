//! `sdkgen diff`: one model pair per rule, each change classified as the
//! rule says; the two Chime models from ../shared; the command's exit codes.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn base() -> Value {
    json!({"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                   "traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {"name": "ex"}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}, "output": {"target": "ex#OpOutput"},
                  "errors": [{"target": "ex#Boom"}],
                  "traits": {"smithy.api#http": {"method": "POST", "uri": "/things/{Id}", "code": 200}}},
        "ex#OpInput": {"type": "structure", "members": {
            "Id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}},
            "Name": {"target": "ex#Name"},
            "Count": {"target": "ex#Count", "traits": {"smithy.api#httpQuery": "count"}},
            "Kind": {"target": "ex#Kind"}}},
        "ex#OpOutput": {"type": "structure", "members": {"Thing": {"target": "ex#Thing"}}},
        "ex#Thing": {"type": "structure", "members": {"Size": {"target": "smithy.api#Integer"}}},
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

/// The changes from the base model to `change(base)`.
fn changes(name: &str, change: impl FnOnce(&mut Value)) -> Vec<sdkgen::diff::Change> {
    let old = base();
    let mut new = base();
    change(&mut new);
    let settings = sdkgen::Settings::default();
    let old = sdkgen::load(&[write(&format!("{name}-old"), &old)], &settings).unwrap();
    let new = sdkgen::load(&[write(&format!("{name}-new"), &new)], &settings).unwrap();
    sdkgen::diff::diff(&old, &new)
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
    let found = changes(name, change);
    assert_eq!(found.len(), 1, "{name}: {found:#?}");
    let c = &found[0];
    assert_eq!(
        (c.rule, c.path.as_str(), c.breaking, c.wire),
        (rule, path, breaking, wire),
        "{name}: {c:#?}"
    );
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
        false,
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
    // The 2025 model keeps 62 of the 2022 model's 190 operations, unchanged.
    assert_eq!(
        sdkgen::diff::summary(&found),
        "128 changes: 128 breaking, 0 compatible; 128 change the wire"
    );
    assert!(found.iter().all(|c| c.rule == "removed-operation"));
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
