//! Every `smithy.api#pattern` of the AWS models in `../shared/models/aws`
//! (beside the workspace; absent, the test says so and passes): each is
//! accepted, or refused for one of the reasons listed here. (The quantified
//! `$` of chime-sdk-voice, `${2,64}`, is accepted as java.util.regex reads
//! it: see `read`.)

use sdkgen_pattern::{read, Engine, Syntax};
use std::collections::BTreeSet;
use std::path::Path;

/// Refused, with the reason in the error.
const REFUSED: &[(&str, &str)] = &[
    // A Java/PCRE inline flag; ECMA 262 has only the `(?s:..)` group form.
    ("^(?s)", "invalid group modifier"),
    // java.util.regex's class intersection (auto-scaling-plans).
    (
        r"^[\p{Print}&&[^|:/]]+$",
        "Annex B reads `\\p` as the letter p",
    ),
    // java.util.regex's `\A` and `\z` anchors (datasync).
    (
        r"^\A(25[0-5]|2[0-4]\d|[0-1]?\d?\d)(\.(25[0-5]|2[0-4]\d|[0-1]?\d?\d)){3}\z$",
        "Annex B reads `\\A` there as the letter A",
    ),
];

fn collect(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("smithy.api#pattern", serde_json::Value::String(p)) => {
                        out.insert(p.clone());
                    }
                    _ => collect(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

#[test]
fn every_pattern_of_the_aws_models() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/models/aws");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} is absent: no AWS patterns to check", dir.display());
        return;
    };
    let mut patterns = BTreeSet::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            collect(&serde_json::from_str(&text).unwrap(), &mut patterns);
        }
    }
    let mut failures = Vec::new();
    let (mut unicode, mut annex_b, mut java, mut automaton) = (0, 0, 0, 0);
    for p in &patterns {
        let expected = REFUSED.iter().find(|(r, _)| r == p);
        match (read(p), expected) {
            (Ok(r), None) => {
                match r.syntax {
                    Syntax::AnnexB => annex_b += 1,
                    _ => unicode += 1,
                }
                java += usize::from(!r.java_names.is_empty());
                automaton += usize::from(r.pattern.engine() == Some(Engine::Automaton));
            }
            (Ok(_), Some(_)) => failures.push(format!("{p:?} is accepted now: update REFUSED")),
            (Err(e), Some((_, why))) if e.to_string().contains(why) => {}
            (Err(e), _) => failures.push(format!("{p:?}: {e}")),
        }
    }
    eprintln!(
        "{} AWS patterns: {unicode} read with the `u` flag ({java} with java.util.regex names), \
         {annex_b} with Annex B syntax, {} refused; {automaton} on the automaton",
        patterns.len(),
        patterns.len() - unicode - annex_b
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
