//! What both mutators share: byte-driven choices, hostile names and
//! values, and walks over a `serde_json::Value`.

use arbitrary::Unstructured;
use serde_json::{json, Map, Value};

/// Deterministic choices read from the fuzz input. Once the bytes run out
/// every choice is the first one (arbitrary's rule), so a short input makes
/// few, simple mutations.
pub struct Dice<'a> {
    u: Unstructured<'a>,
}

impl<'a> Dice<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Dice {
            u: Unstructured::new(data),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.u.is_empty()
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        self.u.int_in_range(0..=n - 1).unwrap_or(0)
    }

    /// True with probability `num / den` (false once the bytes run out).
    pub fn chance(&mut self, num: u8, den: u8) -> bool {
        self.u.ratio(num, den).unwrap_or(false)
    }

    pub fn pick<'t, T>(&mut self, items: &'t [T]) -> Option<&'t T> {
        if items.is_empty() {
            return None;
        }
        let i = self.below(items.len());
        items.get(i)
    }

    pub fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        self.pick(items).copied().unwrap_or("")
    }

    pub fn pick_owned(&mut self, items: &[String]) -> Option<String> {
        self.pick(items).cloned()
    }

    /// Any short string taken from the input (any Unicode).
    pub fn raw_string(&mut self) -> String {
        let len = self.below(12);
        let mut s = String::new();
        for _ in 0..len {
            let c: char = self.u.arbitrary().unwrap_or('a');
            s.push(c);
        }
        s
    }

    pub fn u64(&mut self) -> u64 {
        self.u.arbitrary().unwrap_or(0)
    }
}

/// Names that trip identifier rules: separators, leading digits, keywords,
/// names of generated items, prelude types, Unicode, the empty string.
pub const NASTY_NAMES: &[&str] = &[
    "",
    " ",
    "-",
    "_",
    "__",
    "a-b",
    "Dash-Name",
    "with space",
    "9lives",
    "0",
    "3rdParty",
    "type",
    "Type",
    "self",
    "Self",
    "crate",
    "super",
    "r#type",
    "fn",
    "async",
    "gen",
    "match",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Some",
    "None",
    "Ok",
    "Err",
    "Unknown",
    "build",
    "builder",
    "send",
    "meta",
    "set_meta",
    "customize",
    "validate",
    "as_input",
    "into_paginator",
    "new",
    "from_conf",
    "Error",
    "Client",
    "Config",
    "Builder",
    "config",
    "client",
    "types",
    "operation",
    "error",
    "deps",
    "é",
    "日本語",
    "ünïcödé",
    "🦀",
    "Ω",
    "ß",
    "İstanbul",
    "zero\u{200b}width",
    "nul\u{0}byte",
    "\"quoted\"",
    "back\\slash",
    "new\nline",
    "*/",
    "{",
    "}",
    "#",
    "$",
    "a.b",
    "x::y",
    "a/b",
    "CreateRoom",
    "createRoom",
    "create_room",
    "CREATE_ROOM",
    "Room",
    "room",
    "CreateRoomInput",
    "CreateRoomOutput",
    "CreateRoomError",
    "CreateRoomFluentBuilder",
    "RoomBuilder",
    "BadRequestException",
    "ErrorCode",
    "Name",
    "name",
    "set_name",
    "get_name",
    "Message",
    "message",
    "Code",
    "AccountId",
    "account_id",
    "A",
    "a",
    "_1",
    "Value0",
    "MODEL_FINGERPRINT",
];

/// A hostile name: one of [`NASTY_NAMES`], raw input text, or one of those
/// joined to `base` (so a name stays close to the one it replaces).
pub fn nasty_name(d: &mut Dice, base: &str) -> String {
    match d.below(8) {
        0 => d.raw_string(),
        1 => format!("{base}{}", d.pick_str(NASTY_NAMES)),
        2 => format!("{}{base}", d.pick_str(NASTY_NAMES)),
        3 => base.to_lowercase(),
        4 => "x".repeat(1 + d.below(300)),
        _ => d.pick_str(NASTY_NAMES).to_owned(),
    }
}

/// A JSON value of any kind, biased to edges: out-of-range numbers, wrong
/// types, odd strings.
pub fn nasty_value(d: &mut Dice) -> Value {
    match d.below(40) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(false),
        3 => json!(0),
        4 => json!(-1),
        5 => json!(1),
        6 => json!(127),
        7 => json!(128),
        8 => json!(255),
        9 => json!(300),
        10 => json!(-129),
        11 => json!(32768),
        12 => json!(65536),
        13 => json!(2147483648u64),
        14 => json!(-2147483649i64),
        15 => json!(i64::MAX),
        16 => json!(u64::MAX),
        17 => json!(i64::MIN),
        18 => json!(1.5),
        19 => json!(-0.0),
        20 => json!(1e308),
        21 => json!(3.5e38),
        22 => json!(""),
        23 => json!("abc"),
        24 => json!("300"),
        25 => json!("NaN"),
        26 => json!("Infinity"),
        27 => json!("2021-13-45T99:99:99Z"),
        28 => json!("1970-01-01T00:00:00Z"),
        29 => json!("AAAA"),
        30 => json!("!!!not base64"),
        31 => json!([]),
        32 => json!([1, "a", null]),
        33 => json!({}),
        34 => json!({"a": 1, "": [], "type": "string"}),
        35 => Value::String(nasty_name(d, "v")),
        36 => json!(d.u64()),
        // A negative number, never overflowing (`i64::MIN.abs()` would).
        37 => json!(-((d.u64() >> 1) as i64)),
        38 => json!(f64::from_bits(d.u64()).clamp(-1e300, 1e300)),
        _ => json!("\"}\n*/ ]] \\"),
    }
}

/// Visits every value in the tree, depth first, with its JSON pointer.
pub fn pointers(v: &Value) -> Vec<String> {
    fn walk(v: &Value, at: String, out: &mut Vec<String>) {
        match v {
            Value::Object(o) => {
                for (k, c) in o {
                    walk(c, format!("{at}/{}", escape(k)), out);
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    walk(c, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
    }
    let mut out = Vec::new();
    walk(v, String::new(), &mut out);
    out
}

pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Replaces every string equal to `from` anywhere in the tree (values only).
pub fn replace_strings(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::String(s) if s == from => *s = to.to_owned(),
        Value::Array(a) => a.iter_mut().for_each(|c| replace_strings(c, from, to)),
        Value::Object(o) => o.values_mut().for_each(|c| replace_strings(c, from, to)),
        _ => {}
    }
}

/// Replaces `from` inside every string in the tree (values only).
pub fn replace_in_strings(v: &mut Value, from: &str, to: &str) {
    match v {
        Value::String(s) if s.contains(from) => *s = s.replace(from, to),
        Value::Array(a) => a.iter_mut().for_each(|c| replace_in_strings(c, from, to)),
        Value::Object(o) => o.values_mut().for_each(|c| replace_in_strings(c, from, to)),
        _ => {}
    }
}

/// Renames key `from` to `to` in `map`, keeping its place.
pub fn rename_key(map: &mut Map<String, Value>, from: &str, to: &str) {
    if from == to || !map.contains_key(from) {
        return;
    }
    let old = std::mem::take(map);
    for (k, v) in old {
        if k == from {
            map.insert(to.to_owned(), v);
        } else if k != to {
            map.insert(k, v);
        } else if !map.contains_key(to) {
            // `to` existed before: the renamed entry wins the place.
            map.insert(k, v);
        }
    }
}

/// Generic mutation anywhere in the tree: replace a node by a hostile
/// value, delete it, or duplicate it beside itself.
pub fn mutate_anywhere(root: &mut Value, d: &mut Dice) {
    let all = pointers(root);
    let Some(at) = d.pick_owned(&all) else {
        return;
    };
    if at.is_empty() {
        return;
    }
    let (parent_at, last) = at.rsplit_once('/').unwrap_or(("", &at));
    let last = last.replace("~1", "/").replace("~0", "~");
    match d.below(4) {
        0 => {
            // Delete.
            match root.pointer_mut(parent_at) {
                Some(Value::Object(o)) => {
                    o.shift_remove(&last);
                }
                Some(Value::Array(a)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < a.len() {
                            a.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
        1 => {
            // Duplicate in an array, or under a hostile key in an object.
            let copy = root.pointer(&at).cloned().unwrap_or(Value::Null);
            let key = nasty_name(d, &last);
            match root.pointer_mut(parent_at) {
                Some(Value::Object(o)) => {
                    o.insert(key, copy);
                }
                Some(Value::Array(a)) => a.push(copy),
                _ => {}
            }
        }
        _ => {
            let v = nasty_value(d);
            if let Some(slot) = root.pointer_mut(&at) {
                *slot = v;
            }
        }
    }
}

/// Object keys of the map at `pointer` (empty when there is none).
pub fn keys_at(root: &Value, pointer: &str) -> Vec<String> {
    root.pointer(pointer)
        .and_then(Value::as_object)
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

/// One mutation of a model.
pub type Mutation = fn(&mut Value, &mut Dice);

/// Whether `FUZZ_SKIP_MUTATIONS` (names, `,` between) turns mutation
/// `name` off.
pub fn skipped(name: &str) -> bool {
    static SKIP: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    SKIP.get_or_init(|| {
        std::env::var("FUZZ_SKIP_MUTATIONS")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .iter()
    .any(|s| s == name)
}
