use super::*;

struct Case {
    pattern: &'static str,
    syntax: Syntax,
    matching: &'static [&'static str],
    not_matching: &'static [&'static str],
}

const fn case(
    pattern: &'static str,
    syntax: Syntax,
    matching: &'static [&'static str],
    not_matching: &'static [&'static str],
) -> Case {
    Case {
        pattern,
        syntax,
        matching,
        not_matching,
    }
}

use Syntax::{AnnexB, Unicode};

/// ECMA 262 semantics, pattern by pattern: the patterns of AWS models that
/// the `regex` crate refused, and the places where ECMA 262 differs from
/// other dialects.
const CASES: &[Case] = &[
    // A search, not implicitly anchored.
    case(r"\S", Unicode, &[" a ", "a"], &["", "   ", "\t\n"]),
    // Look-ahead (AWS: a name that does not start with a dot).
    case(
        r"^(?!\.)[\w\.]*\w$",
        Unicode,
        &["a", "a.b", "abc_1.x"],
        &[".a", "a.", "", "é"],
    ),
    // Look-ahead and negative look-ahead (AWS: S3-style bucket names).
    case(
        r"^(?=^.{3,63}$)(?!^(\d+\.)+\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])$)$",
        Unicode,
        &["abc", "my-bucket", "a.b.c", "logs.example-1"],
        &[
            "ab",
            "192.168.0.1",
            "-abc",
            "abc-",
            "My-Bucket",
            "a..b",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ],
    ),
    // Look-behind.
    case(
        r"^[0-9a-z\.\-]*(?<!\.)$",
        Unicode,
        &["", "a.b", "a-"],
        &["a.", "."],
    ),
    // A back-reference.
    case(r"^(\w)\1$", Unicode, &["aa", "77"], &["ab", "a", "aaa"]),
    // General categories.
    case(
        r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
        Unicode,
        &[
            "",
            "Team Room",
            "é ü 日本 ٣ Ⅻ",
            "a:b/c=d+e-f@g_h.",
            "a\u{3000}b",
        ],
        &["a!", "tab\there", "a\u{1F600}"],
    ),
    case(
        r"^([\p{L}\p{N}_.:\/=+\-@()']+[\p{L}\p{Z}\p{N}_.:\/=+\-@()']*)$",
        Unicode,
        &["key:value (1)", "O'Brien", "x"],
        &["", " leading", "a!"],
    ),
    case(
        r"^\P{C}+$",
        Unicode,
        &["abc", "日本", "a b", "\u{1F600}"],
        // Cc, Co, Cn (unassigned), Cf (zero-width space); `+` needs one.
        &["a\u{0}", "\u{E000}", "\u{378}", "a\u{200B}", ""],
    ),
    case(r"^\P{C}*$", Unicode, &["", "abc"], &["\n"]),
    case(r"^\p{ASCII}+$", Unicode, &["abc~\u{7F}"], &["é"]),
    // `Lower` is ECMA 262's alias of `Lowercase` (java.util.regex would
    // read a-z only): the ECMA 262 meaning wins.
    case(r"^\p{Lower}$", Unicode, &["a", "é", "ß"], &["A", "1"]),
    // Surrogate pairs written as two escapes are one code point: the XML
    // character range, with U+10000 to U+10FFFF.
    case(
        r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t\r\n]*$",
        Unicode,
        &["", "abc", "\u{1F600}", "a\tb\r\n", "\u{10FFFF}", "\u{FFFD}"],
        &["\u{1}", "\u{FFFE}", "\u{FFFF}", "a\u{0}"],
    ),
    // The same range mistyped in an AWS model: `\uD800\uDBFF` is no pair, so
    // it is two lone surrogates and `\uDBFF-\uDC00` a range of surrogates,
    // which no string holds: characters beyond U+FFFF are rejected, as Java
    // and JavaScript (`u`) reject them.
    case(
        r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t\r\n]*$",
        Unicode,
        &["", "abc", "\u{FFFD}", "a\tb"],
        &["\u{1F600}", "\u{10000}", "a\u{10FFFF}", "\u{1}"],
    ),
    // Lone surrogates only (the regress defect worked around: it read
    // `DBFF` as four letters, so this class held D, B and F..U+DC00).
    case(
        r"^[\uD800\uDBFF-\uDC00]*$",
        Unicode,
        &[""],
        &["abc", "D", "F", "\u{1F600}"],
    ),
    case(r"^\uD83D\uDE00$", Unicode, &["\u{1F600}"], &["\u{1F601}"]),
    // A quantified lone surrogate matches zero times (the second regress
    // defect worked around).
    case(r"^a\uD800*$", Unicode, &["a"], &["", "b"]),
    case(r"^a\u{DC00}{0,2}b$", Unicode, &["ab"], &["a"]),
    case(r"^(?:x|\uDBFF)?$", Unicode, &["", "x"], &["y"]),
    case(r"^\u{1F600}$", Unicode, &["\u{1F600}"], &["u"]),
    case("^\u{1F600}*$", Unicode, &["", "\u{1F600}\u{1F600}"], &["a"]),
    // `\b` with a literal `{` after it: no quantifier.
    case(r"a\b{", AnnexB, &["a{"], &["ab{"]),
    // `.`: any code point but the four line terminators (U+0085 is none).
    case(
        r"^.$",
        Unicode,
        &["a", "\u{1F600}", "\u{85}", "\t"],
        &["\n", "\r", "\u{2028}", "\u{2029}", "", "ab"],
    ),
    // `\d` and `\w` are ASCII only, with or without `u`.
    case(r"^\d+$", Unicode, &["0123456789"], &["٣", "１", "²"]),
    case(r"^\w+$", Unicode, &["a_Z9"], &["é", "ß", "a-b"]),
    case(r"^\W$", Unicode, &["é", "-"], &["a", "_"]),
    // `\s`: ECMA 262 WhiteSpace and LineTerminator, U+FEFF included and
    // U+0085 not.
    case(
        r"^\s$",
        Unicode,
        &[
            "\t", "\u{B}", "\u{C}", " ", "\u{A0}", "\u{FEFF}", "\u{1680}", "\u{2000}", "\u{200A}",
            "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\n", "\r",
        ],
        &["\u{85}", "\u{200B}", "\u{180E}", "a"],
    ),
    case(r"^\S$", Unicode, &["\u{85}", "a"], &["\u{FEFF}", " "]),
    // Annex B: a class escape before `-` in a class is a union with `-`.
    case(r"^[\w-.]+$", AnnexB, &["a-b.c_1", "-"], &["a,b", "é", ""]),
    case(r"^[a-z\d-_]+$", AnnexB, &["a-1_"], &["A"]),
    // Annex B: identity escapes of punctuation outside a class.
    case(r"^\_\-\ \@$", AnnexB, &["_- @"], &["_-@"]),
    // Annex B still matches code points, not UTF-16 code units.
    case(r"^.\-$", AnnexB, &["\u{1F600}-"], &["a"]),
    // java.util.regex names ECMA 262 lacks, read as Java reads them.
    case(
        r"^[\p{all}]*$",
        Unicode,
        &["", "anything\n\u{1F600}", "\u{0}"],
        &[],
    ),
    case(r"^\P{all}$", Unicode, &[], &["a", ""]),
    case(r"^[^\P{all}]$", Unicode, &["a"], &[""]),
    case(
        r"^\p{Print}+$",
        Unicode,
        &["Hello, world! ~", " "],
        &["é", "\t", "a\u{7F}"],
    ),
    case(
        r"^[^\p{C}\p{IsWhitespace}]+$",
        Unicode,
        &["abc", "日本"],
        &["a b", "a\u{3000}b", "a\u{0}", "a\u{85}"],
    ),
    case(
        r"^(\p{LD}|\p{Punct}| )+$",
        Unicode,
        &["Hello, World 42!", "日本 ٣"],
        &["a\tb", "a\u{2014}", "Ⅻ", "_\u{B2}"],
    ),
    case(r"^[\P{Punct}]+$", Unicode, &["abc", "é"], &["a.b"]),
    case(r"^\P{LD}+$", Unicode, &["-_ "], &["a", "٣"]),
];

#[test]
fn ecma_262_semantics() {
    let mut failures = Vec::new();
    for c in CASES {
        let (p, syntax) = match read(c.pattern) {
            Ok(r) => (r.pattern, r.syntax),
            Err(e) => {
                failures.push(format!("{}: refused: {e}", c.pattern));
                continue;
            }
        };
        if syntax != c.syntax {
            failures.push(format!("{}: read as {syntax:?}", c.pattern));
        }
        for v in c.matching {
            if !p.is_match(v) {
                failures.push(format!("{}: does not match {v:?}", c.pattern));
            }
        }
        for v in c.not_matching {
            if p.is_match(v) {
                failures.push(format!("{}: matches {v:?}", c.pattern));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A quantified anchor (AWS: `^[-_a-zA-Z0-9]*${2,64}$`), refused by ECMA
/// 262 in every reading, read as java.util.regex reads it and noted.
#[test]
fn quantified_anchors_are_read_as_java_reads_them() {
    let r = read(r"^[-_a-zA-Z0-9]*${2,64}$").unwrap();
    let notes: Vec<_> = r
        .java_names
        .iter()
        .map(|j| (j.escape.as_str(), j.spelling.as_str()))
        .collect();
    assert_eq!(notes, [("${2,64}", "$")]);
    for (value, ok) in [("abc-1", true), ("", true), ("a b", false), ("é", false)] {
        assert_eq!(r.pattern.is_match(value), ok, "{value:?}");
    }
    // Zero repetitions allowed: the anchor holds anywhere, and goes.
    let r = read(r"a^*b").unwrap();
    assert_eq!(r.java_names[0].spelling, "");
    assert!(r.pattern.is_match("xaby"));
    // Inside a class and escaped, nothing is rewritten.
    assert!(read(r"[$]{2}").unwrap().java_names.is_empty());
    assert!(read(r"\${2}").unwrap().java_names.is_empty());
    // A pattern refused for another reason stays refused.
    assert!(read(r"${2}(").is_err());
}

#[test]
fn java_names_are_reported() {
    let r = read(r"^[^\p{C}\p{IsWhitespace}]+\p{all}$").unwrap();
    let names: Vec<_> = r.java_names.iter().map(|j| j.escape.as_str()).collect();
    assert_eq!(names, [r"\p{IsWhitespace}", r"\p{all}"]);
    assert_eq!(r.java_names[1].meaning, "any character");
    assert_eq!(r.java_names[1].spelling, r"[\x00-\u{10FFFF}]");
    assert_eq!(r.java_names[0].spelling, r"\p{White_Space}");
    assert!(read(r"\p{L}").unwrap().java_names.is_empty());
}

/// Refused, each for its reason.
#[test]
fn refusals() {
    let refused = [
        // Java's class intersection: in ECMA 262 a class, then a lone `]`.
        (r"^[\p{Print}&&[^|:/]]+$", "with the `u` flag"),
        (r"^\p{javaLowerCase}$", r"`javaLowerCase` is no Unicode property of ECMA 262"),
        (r"^\p{Foo}\P{Bar}$", r"`Foo` is no Unicode property of ECMA 262, nor a java.util.regex one with an exact ECMA 262 spelling; `\P{Bar}`"),
        // The complement of a union has no spelling inside a class.
        (r"^[\P{LD}]$", r"`\P{LD}` (in java.util.regex: not a letter or decimal digit, \p{L} or \p{Nd}) has no ECMA 262 spelling inside a class"),
        (r"^[\p{Print}-z]$", r"has no ECMA 262 spelling beside a `-` in a class"),
        // Escaped letters Annex B reads as letters.
        (r"^\Qa.b\E$", r"Annex B reads `\Q` there as the letter Q"),
        (r"^abc\z", r"`\z`"),
        (r"^\pL+$", r"Annex B reads `\p` as the letter p"),
        (r"^[\w-\B]$", r"`\B`"),
        (r"^\u{41}-\d{$", r"Annex B reads `\u{` as the letter u"),
        (r"^\k<x>$", r"`\k`"),
        // Octal escapes and references to no group.
        (r"^(a)\2$", r"Annex B reads `\2` as an octal escape"),
        (r"^\-\01$", r"Annex B reads `\01` as an octal escape"),
        (r"^\-[\1]$", r"Annex B reads `\1` as an octal escape"),
        // Surrogates without the `u` flag are code units.
        (r"^\-\uD83D\uDE00$", "UTF-16 surrogate"),
        // A quantified word boundary (regress would take it).
        (r"^a\b*$", r"`\b` is an assertion, which no quantifier may repeat"),
        (r"\B{2}", r"`\B` is an assertion"),
        (r"\b{1,}", r"`\b` is an assertion"),
        // A character beyond U+FFFF without the `u` flag is two code units.
        ("^\\-\u{1F600}*$", "Annex B reads `\u{1F600}` (U+1F600) as two UTF-16 code units"),
        ("^\\-[\\\u{1F600}]$", "(U+1F600) as two UTF-16 code units"),
        // Invalid in every reading.
        (r"[z-a]", "range values reversed, start char code is greater than end char code, with the `u` flag and without it"),
        (r"(", "unbalanced parenthesis, with the `u` flag and without it"),
        ("a\\", "with the `u` flag and without it"),
        (r"a**", "with the `u` flag and without it"),
        (r"^(a)\2$", "the pattern has 1 group, so"),
    ];
    let mut failures = Vec::new();
    for (pattern, message) in refused {
        match read(pattern) {
            Ok(r) => failures.push(format!("{pattern}: accepted as {:?}", r.syntax)),
            Err(e) if !e.to_string().contains(message) => {
                failures.push(format!("{pattern}: {e} (expected {message:?})"))
            }
            Err(e) => assert!(!e.hint().is_empty()),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn never_matches_nothing() {
    let p = Pattern::never();
    assert!(!p.is_match(""));
    assert!(!p.is_match("a"));
    assert_eq!(p.engine(), None);
}

/// Every name of the Java table is one ECMA 262 lacks (so the table never
/// overrides ECMA 262), its spellings compile, and they match what Java's
/// definition matches, the complement exactly the other code points.
#[test]
fn java_table() {
    let sample = (0..0x3100u32)
        .chain((0x3100..=0x10_FFFF).step_by(97))
        .filter_map(char::from_u32);
    let sample: Vec<char> = sample.collect();
    let letter_or_digit = |c: char| match c {
        // Spot checks beside the ASCII ones: \p{L} and \p{Nd} in, `_`,
        // superscripts (No), Roman numerals (Nl), marks and spaces out.
        'é' | '日' | '٣' | 'ß' => Some(true),
        '_' | '²' | 'Ⅻ' | '\u{301}' | ' ' => Some(false),
        c if c.is_ascii() => Some(c.is_ascii_alphanumeric()),
        _ => None,
    };
    for p in JAVA_PROPERTIES {
        assert!(!ecma_property(p.name), "ECMA 262 defines {}", p.name);
        let class = Pattern::new(&format!("^[{}]$", p.class)).unwrap();
        let complement = p
            .complement
            .map(|c| Pattern::new(&format!("^[{c}]$")).unwrap());
        let java = |c: char| -> Option<bool> {
            Some(match p.name {
                "all" => true,
                "L1" => c <= '\u{FF}',
                "LD" => return letter_or_digit(c),
                "Alnum" => c.is_ascii_alphanumeric(),
                "Blank" => c == ' ' || c == '\t',
                "Cntrl" => c.is_ascii_control(),
                "Digit" => c.is_ascii_digit(),
                "Graph" => c.is_ascii_graphic(),
                "Print" => (' '..='~').contains(&c),
                "Punct" => c.is_ascii_punctuation(),
                "Space" => matches!(c, ' ' | '\t' | '\n' | '\u{B}' | '\u{C}' | '\r'),
                "XDigit" => c.is_ascii_hexdigit(),
                "IsWhite_Space" => c.is_whitespace(),
                other => panic!("no reference for {other}"),
            })
        };
        for &c in &sample {
            let s = c.to_string();
            let got = class.is_match(&s);
            if let Some(expected) = java(c) {
                assert_eq!(got, expected, "\\p{{{}}} on U+{:04X}", p.name, c as u32);
            }
            if let Some(complement) = &complement {
                assert_ne!(
                    complement.is_match(&s),
                    got,
                    "complement of {} on U+{:04X}",
                    p.name,
                    c as u32
                );
            }
        }
    }
    for name in ["IsWhitespace", "IsWHITE_SPACE", "IsWhite_Space"] {
        assert_eq!(java_property(name).map(|p| p.name), Some("IsWhite_Space"));
    }
    for name in ["iswhitespace", "Whitespace", "ALL", "print"] {
        assert!(java_property(name).is_none(), "{name}");
    }
}

/// The cheap path, pattern by pattern: the `regex` crate spelling, or `None`
/// where the pattern stays on `regress`.
#[test]
fn translation_table() {
    let table: &[(&str, Option<&str>)] = &[
        (
            r"^[-_a-zA-Z0-9]*$",
            Some(r"^[\x{2D}\x{5F}\x{61}-\x{7A}\x{41}-\x{5A}\x{30}-\x{39}]*$"),
        ),
        (
            r"\S",
            Some(
                r"[^\x{9}-\x{D}\x{20}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]",
            ),
        ),
        (r"^.+$", Some(r"^[^\x{A}\x{D}\x{2028}\x{2029}]+$")),
        (r"\d\D", Some(r"[0-9][^0-9]")),
        (r"^\w{1,64}?$", Some(r"^[0-9A-Za-z_]{1,64}?$")),
        (r"^[\d\W]{2,}$", Some(r"^[0-9[^0-9A-Za-z_]]{2,}$")),
        (r"^(a|bc)+(?:x|)$", Some(r"^(?:a|bc)+(?:x|)$")),
        (
            r"^[^\t\n\x41\cJ\0\b]$",
            Some(r"^[^\x{9}\x{A}\x{41}\x{A}\x{0}\x{8}]$"),
        ),
        (
            r"^\.\*\+\?\(\)\[\]\{\}\|\/\\\^\$$",
            Some(
                r"^\x{2E}\x{2A}\x{2B}\x{3F}\x{28}\x{29}\x{5B}\x{5D}\x{7B}\x{7D}\x{7C}\x{2F}\x{5C}\x{5E}\x{24}$",
            ),
        ),
        // A class holding `regex` class operators as ECMA 262 literals.
        (
            r"^[&&~~[a-]$",
            Some(r"^[\x{26}\x{26}\x{7E}\x{7E}\x{5B}\x{61}\x{2D}]$"),
        ),
        (r"^[--0]$", Some(r"^[\x{2D}-\x{30}]$")),
        (r"^[é-ü]日$", Some(r"^[\x{E9}-\x{FC}]\x{65E5}$")),
        (r"^a{3}b{2,}c{0,5}$", Some(r"^a{3}b{2,}c{0,5}$")),
        // Annex B.
        (r"^[\w-.]+$", Some(r"^[0-9A-Za-z_\x{2D}\x{2E}]+$")),
        (r"^[.-\d]$", Some(r"^[\x{2E}\x{2D}0-9]$")),
        (r"^\_\-\@$", Some(r"^\x{5F}\x{2D}\x{40}$")),
        // Left to regress.
        (r"^(?!\.)\w+$", None),
        (r"^\w+(?<!\.)$", None),
        (r"^(?=a)a$", None),
        (r"^(\w)\1$", None),
        (r"^(?<n>a)$", None),
        (r"\bword\b", None),
        (r"\Bx", None),
        (r"^\p{L}+$", None),
        (r"^\u0041$", None),
        (r"^\u{41}$", None),
        (r"^[\uD800\uDC00-\uDBFF\uDFFF]$", None),
        (r"^[]$", None),
        (r"^[^]$", None),
        (r"^a{,3}$", None),
        (r"^\]$", Some(r"^\x{5D}$")),
        (r"^]$", None),
        (r"^a}$", None),
        (r"^a{2,1}$", None),
    ];
    let mut failures = Vec::new();
    for (ecma, expected) in table {
        let got = translate::translate(ecma);
        if got.as_deref() != *expected {
            failures.push(format!("{ecma}: {got:?}, expected {expected:?}"));
        }
        if let Some(t) = got {
            if let Err(e) = regex::Regex::new(&t) {
                failures.push(format!("{ecma}: {t} does not compile: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Characters where the readings of `.`, `\d`, `\w` and `\s` part ways.
const PROBES: &[&str] = &[
    "",
    "a",
    "Z",
    "_",
    "0",
    "9",
    "٣",
    "１",
    "é",
    "ß",
    "-",
    ".",
    " ",
    "\t",
    "\n",
    "\r",
    "\u{B}",
    "\u{C}",
    "\u{85}",
    "\u{A0}",
    "\u{1680}",
    "\u{180E}",
    "\u{2000}",
    "\u{200A}",
    "\u{200B}",
    "\u{2028}",
    "\u{2029}",
    "\u{202F}",
    "\u{205F}",
    "\u{3000}",
    "\u{FEFF}",
    "\u{0}",
    "\u{8}",
    "\u{7F}",
    "\u{1F600}",
    "\u{10FFFF}",
    "[",
    "]",
    "&",
    "~",
    "\\",
    "/",
    "@",
    "ab",
    "a b",
    "a-b",
    "a.b",
    "a..b",
    "abc.def",
    "-abc",
    "abc-",
    "A1_",
    "hello world",
    "x\u{1F600}y",
];

/// Wherever the cheap path is taken, it gives the answer `regress` gives,
/// on every probe and every value of the semantics table.
#[test]
fn automaton_agrees_with_regress() {
    let mut translated = 0;
    let mut failures = Vec::new();
    let mut patterns: Vec<&str> = CASES.iter().map(|c| c.pattern).collect();
    patterns.extend([
        r"^.$",
        r"^\d$",
        r"^\D$",
        r"^\w$",
        r"^\W$",
        r"^\s$",
        r"^\S$",
        r"^[\s\S]$",
        r"^[^\s]$",
        r"^[\d\W]$",
        r"^[^\w\s]$",
        r"^[\w-.]$",
        r"^[.-\w]$",
        r"^[\cJ\0\b\t\v\f]$",
        r"\.",
        r"^[&&~~[]$",
        r"^(a|)+$",
        r"^(?:a|b)*?c?$",
        r"^.{2,3}$",
    ]);
    for p in patterns {
        let reading = read(p).unwrap();
        let pattern = reading.pattern;
        if pattern.engine() != Some(Engine::Automaton) {
            continue;
        }
        translated += 1;
        let backtracking = match reading.syntax {
            Syntax::Unicode => regress::Regex::with_flags(p, "u"),
            Syntax::AnnexB => regress::Regex::with_flags(p, ""),
        }
        .unwrap();
        // What generated code compiles: the translation alone.
        let generated = Pattern::from_translation(pattern.translation().unwrap()).unwrap();
        let case = CASES.iter().find(|c| c.pattern == p);
        let values = case
            .into_iter()
            .flat_map(|c| c.matching.iter().chain(c.not_matching))
            .chain(PROBES);
        for v in values {
            let (dfa, bt) = (pattern.is_match(v), backtracking.find(v).is_some());
            if dfa != bt || generated.is_match(v) != dfa {
                failures.push(format!("{p} on {v:?}: automaton {dfa}, regress {bt}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        translated >= 20,
        "only {translated} patterns took the cheap path"
    );
}

#[test]
fn engines() {
    for p in [r"^[-_a-zA-Z0-9]*$", r"\S", r"^[\w-.]+$"] {
        let pattern = Pattern::new(p).unwrap();
        assert_eq!(pattern.engine(), Some(Engine::Automaton), "{p}");
        assert!(pattern.translation().is_some());
    }
    for p in [r"^(?!\.)\w$", r"^\P{C}+$", r"^[\p{all}]*$", r"^\u0041$"] {
        let pattern = Pattern::new(p).unwrap();
        assert_eq!(pattern.engine(), Some(Engine::Backtracking), "{p}");
        assert_eq!(pattern.translation(), None);
    }
    assert!(Pattern::from_translation("(").is_none());
}

/// Exact code point sets of the cheap path's spellings, against `regress`,
/// over the whole sample the Java table is checked on.
#[test]
fn class_escapes_agree_with_regress() {
    let sample: Vec<char> = (0..0x3100u32)
        .chain((0x3100..=0x10_FFFF).step_by(97))
        .filter_map(char::from_u32)
        .collect();
    for p in [r"^.$", r"^\d$", r"^\D$", r"^\w$", r"^\W$", r"^\s$", r"^\S$"] {
        let dfa = Pattern::new(p).unwrap();
        assert_eq!(dfa.engine(), Some(Engine::Automaton));
        let bt = regress::Regex::with_flags(p, "u").unwrap();
        for &c in &sample {
            let s = c.to_string();
            assert_eq!(
                dfa.is_match(&s),
                bt.find(&s).is_some(),
                "{p} on U+{:04X}",
                c as u32
            );
        }
    }
}
