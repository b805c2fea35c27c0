//! Smithy `@pattern` values read as ECMA 262 regular expressions.
//!
//! Smithy defines a pattern as an ECMA 262 regular expression, tested as a
//! search (not implicitly anchored). [`read`] is the one rule by which
//! `sdkgen` accepts a pattern (or reports it as a located error) and by which
//! the generated code's runtime compiles it, so the two cannot disagree. The
//! rule is decided by `regress`, an ECMA 262 engine; values are matched by
//! code point. A pattern is read:
//!
//! 1. **with the `u` flag** (Unicode mode: `\p{..}`, `\u{..}`, `\uD800\uDC00`
//!    as the surrogate pair meaning U+10000), when it is valid there;
//! 2. with **java.util.regex's property names** where ECMA 262 has none of
//!    that name: AWS models are checked by Smithy's Java tooling, which
//!    compiles patterns with `java.util.regex`, so `\p{all}` (any character),
//!    `\p{Print}` (U+0020 to U+007E) and the like occur in real models. Such
//!    a name is read as Java reads it when that reading has an exact ECMA 262
//!    spelling ([`JAVA_PROPERTIES`]); the generator warns about each one.
//!    It is never read the Annex B way, where `\p{all}` is the letters
//!    `p{al}` and would reject nearly every real value; an unknown name is an
//!    error;
//! 3. else **without the `u` flag**, with the syntax of ECMA 262 Annex B
//!    (`[\w-.]`, `\-` or `\_` outside a class, a literal `{`), but only when
//!    that reading gives no escape a meaning other dialects disagree with: no
//!    escaped letter Annex B reads as the letter itself (`\z`, `\A`, `\h`,
//!    `\p`, `\k`, `\u` without four hex digits), no octal escape (`\01`, or
//!    `\N` naming no group) and no surrogate escape (a UTF-16 code unit on
//!    its own, which a string of code points does not have). Annex B syntax
//!    is valid ECMA 262 (what a JavaScript engine compiles without the
//!    flag), so it gets no warning.
//!
//! Anything else is an [`Error`]. A value is always matched by code point,
//! also in the Annex B reading.
//!
//! Two engines match values, with the same meaning. A pattern whose ECMA 262
//! meaning the `regex` crate's syntax can say exactly (`translate.rs` lists
//! what that takes: no look-around, back-references, `\p{..}` or `\u`
//! escapes, among others) runs on its lazy DFA, in time linear in the value;
//! the others on `regress`, a backtracking engine, whose time some patterns
//! make exponential in the value. The generator writes the translation into
//! the generated code ([`Pattern::from_translation`]), so an SDK none of
//! whose patterns needs `regress` does not link it.
//!
//! Two defects of `regress` 0.12 are worked around here: a high surrogate
//! escape followed by a `\u` escape that is not a low surrogate
//! (`\uD800\uDBFF`) made it drop the second `\u` and read `DBFF` as four
//! letters; and a quantified lone surrogate never matched, not even zero
//! times. Surrogate escapes are rewritten as `\u{..}` code points (a pair as
//! the one code point it encodes, a lone one outside a class as a class of
//! it) before `regress` sees them. One leniency is closed: `regress` lets a
//! quantifier repeat `\b` or `\B`, which ECMA 262 forbids.

use std::fmt::{self, Write as _};

mod translate;

/// A compiled `@pattern`: what checks values.
#[derive(Clone, Debug)]
pub struct Pattern {
    matcher: Matcher,
}

#[derive(Clone, Debug)]
enum Matcher {
    Automaton(regex::Regex),
    Backtracking(regress::Regex),
    Never,
}

/// Which engine matches a pattern's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Engine {
    /// The `regex` crate's lazy DFA, in time linear in the value: for the
    /// patterns whose ECMA 262 meaning its syntax says exactly.
    Automaton,
    /// `regress`, a backtracking engine: look-around, back-references,
    /// `\p{..}`, `\u` escapes and the rest.
    Backtracking,
}

/// How a pattern was read, and the compiled pattern: what [`read`] returns.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Reading {
    /// The syntax it was read with.
    pub syntax: Syntax,
    /// The property escapes read as java.util.regex reads them, in order
    /// (each worth a warning).
    pub java_names: Vec<JavaName>,
    /// The compiled pattern.
    pub pattern: Pattern,
}

/// Which syntax of ECMA 262 a pattern was read with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Syntax {
    /// With the `u` flag (java.util.regex's property names ECMA 262 lacks
    /// included, see [`Reading::java_names`]).
    Unicode,
    /// Invalid with the `u` flag; read with the syntax of ECMA 262 Annex B.
    AnnexB,
}

/// A `\p{..}` or `\P{..}` escape read with java.util.regex's meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct JavaName {
    /// The escape as written, e.g. `\p{all}`.
    pub escape: String,
    /// What the property matches in java.util.regex, e.g. `any character`.
    pub meaning: &'static str,
    /// The ECMA 262 spelling it was read as, e.g. `[\x00-\u{10FFFF}]`.
    pub spelling: String,
}

/// A pattern none of the readings accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: String,
    unknown_property: bool,
}

impl Error {
    /// How to fix it, in a sentence.
    pub fn hint(&self) -> &'static str {
        if self.unknown_property {
            "use a property ECMA 262 defines (`\\p{L}`, `\\p{Nd}`, `\\p{White_Space}`, `\\p{Script=Latin}`, ...) or a character class"
        } else {
            "Smithy patterns are ECMA 262 regular expressions, read with the `u` flag, else with Annex B syntax; escapes other dialects read differently (`\\z`, `\\A`, `\\h`, `\\1` without its group) and Java-only syntax (`&&` in a class) have no ECMA 262 reading"
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// Reads `source` by the rule in the crate documentation: the one function
/// by which the generator accepts a pattern and the runtime compiles it.
pub fn read(source: &str) -> Result<Reading, Error> {
    let error = match read_as_written(source) {
        Ok(reading) => return Ok(reading),
        Err(e) => e,
    };
    // java.util.regex quantifies anchors (`${2,64}` stands in an AWS model),
    // which ECMA 262 refuses in every reading: where the pattern reads with
    // them written as Java means them, take that, noted like a Java name.
    let (rewritten, notes) = unquantify_anchors(source);
    if notes.is_empty() {
        return Err(error);
    }
    let mut reading = read_as_written(&rewritten).map_err(|_| error)?;
    reading.java_names.extend(notes);
    Ok(reading)
}

/// `source` with each quantified anchor (`^` or `$` followed by `*`, `+`,
/// `?` or `{n,m}`, outside a class and not escaped) written as
/// java.util.regex reads it: an assertion repeated at least once is the
/// assertion, one that may be repeated zero times holds anywhere and goes.
/// With a note a rewrite.
fn unquantify_anchors(source: &str) -> (String, Vec<JavaName>) {
    let chars: Vec<char> = source.chars().collect();
    let (mut out, mut notes) = (String::new(), Vec::new());
    let (mut i, mut in_class) = (0, false);
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                out.extend(chars[i..chars.len().min(i + 2)].iter());
                i += 2;
                continue;
            }
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '^' | '$' if !in_class => {
                if let Some((min, len)) = quantifier_at(&chars, i + 1) {
                    let kept = if min == 0 {
                        String::new()
                    } else {
                        c.to_string()
                    };
                    notes.push(JavaName {
                        escape: chars[i..i + 1 + len].iter().collect(),
                        meaning: if min == 0 {
                            "an anchor that may repeat zero times, which holds anywhere"
                        } else {
                            "an anchor repeated, which is the anchor"
                        },
                        spelling: kept.clone(),
                    });
                    out.push_str(&kept);
                    i += 1 + len;
                    continue;
                }
            }
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    (out, notes)
}

/// The minimum count and length of a quantifier (with a lazy `?`) starting
/// at `at`, if one does.
fn quantifier_at(chars: &[char], at: usize) -> Option<(u32, usize)> {
    let (min, mut len) = match chars.get(at)? {
        '*' | '?' => (0, 1),
        '+' => (1, 1),
        '{' => {
            let close = chars[at..].iter().position(|&c| c == '}')?;
            let body: String = chars[at + 1..at + close].iter().collect();
            let (lo, hi) = body.split_once(',').unwrap_or((&body, ""));
            let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
            if lo.is_empty() || !digits(lo) || !digits(hi) {
                return None;
            }
            (lo.parse().ok()?, close + 1)
        }
        _ => return None,
    };
    if chars.get(at + len) == Some(&'?') {
        len += 1;
    }
    Some((min, len))
}

/// [`read`] without the java.util.regex anchor rewriting.
fn read_as_written(source: &str) -> Result<Reading, Error> {
    let scan = Scan::new(source);
    if let Some(why) = scan.invalid {
        return Err(Error {
            message: format!("not ECMA 262 in any reading: {why}"),
            unknown_property: false,
        });
    }
    let unicode_error = match regress::Regex::with_flags(&scan.unicode, "u") {
        Ok(regex) => {
            // The cheap path reads the source as written: not with Java's
            // names, which it would not translate anyway.
            let matcher = match scan.java.is_empty() {
                true => Matcher::new(source, regex),
                false => Matcher::Backtracking(regex),
            };
            return Ok(Reading {
                syntax: Syntax::Unicode,
                java_names: scan.java,
                pattern: Pattern { matcher },
            });
        }
        Err(e) => e,
    };
    if !scan.unknown.is_empty() {
        return Err(Error {
            message: scan.unknown.join("; "),
            unknown_property: true,
        });
    }
    let unicode_error = engine_error(&unicode_error);
    let error = |message: String| Error {
        message,
        unknown_property: false,
    };
    if let Some(why) = scan.annex_b_refused {
        return Err(error(format!(
            "with the `u` flag: {unicode_error}; without it: not read, since {why}"
        )));
    }
    match regress::Regex::with_flags(source, "") {
        Ok(regex) => Ok(Reading {
            syntax: Syntax::AnnexB,
            java_names: Vec::new(),
            pattern: Pattern {
                matcher: Matcher::new(source, regex),
            },
        }),
        Err(e) if engine_error(&e) == unicode_error => Err(error(format!(
            "{unicode_error}, with the `u` flag and without it"
        ))),
        Err(e) => Err(error(format!(
            "with the `u` flag: {unicode_error}; without it: {}",
            engine_error(&e)
        ))),
    }
}

impl Pattern {
    /// Compiles `source` by the rule in the crate documentation ([`read`]).
    pub fn new(source: &str) -> Result<Self, Error> {
        read(source).map(|r| r.pattern)
    }

    /// A pattern from the [`translation`](Self::translation) of an accepted
    /// one, on the automaton alone, `None` if it does not compile.
    ///
    /// Generated code compiles the patterns the generator translated this
    /// way, so `regress` (and its Unicode tables) is linked only into SDKs
    /// with a pattern that needs it.
    pub fn from_translation(translation: &str) -> Option<Self> {
        let regex = regex::Regex::new(translation).ok()?;
        Some(Self {
            matcher: Matcher::Automaton(regex),
        })
    }

    /// A pattern that matches no value.
    pub fn never() -> Self {
        Self {
            matcher: Matcher::Never,
        }
    }

    /// Whether the pattern matches somewhere in `value` (a search, as Smithy
    /// specifies: anchors are the pattern's own).
    pub fn is_match(&self, value: &str) -> bool {
        match &self.matcher {
            Matcher::Automaton(regex) => regex.is_match(value),
            Matcher::Backtracking(regex) => regex.find(value).is_some(),
            Matcher::Never => false,
        }
    }

    /// The engine that matches values (`None` for [`Pattern::never`]).
    pub fn engine(&self) -> Option<Engine> {
        match self.matcher {
            Matcher::Automaton(_) => Some(Engine::Automaton),
            Matcher::Backtracking(_) => Some(Engine::Backtracking),
            Matcher::Never => None,
        }
    }

    /// The `regex` crate spelling the automaton runs, for a pattern on it.
    pub fn translation(&self) -> Option<&str> {
        match &self.matcher {
            Matcher::Automaton(regex) => Some(regex.as_str()),
            _ => None,
        }
    }
}

impl Matcher {
    /// The lazy DFA where the translation is known to mean the same as the
    /// pattern `regress` compiled, else `regress`.
    fn new(source: &str, backtracking: regress::Regex) -> Self {
        translate::translate(source)
            .and_then(|t| regex::Regex::new(&t).ok())
            .map_or(Self::Backtracking(backtracking), Self::Automaton)
    }
}

/// A property name of java.util.regex that ECMA 262 does not define, with
/// its exact ECMA 262 spelling.
#[derive(Debug)]
pub struct JavaProperty {
    /// The name inside `\p{..}`, as Java spells it (case matters, as in
    /// Java, except after `Is`).
    pub name: &'static str,
    /// What it matches, for messages.
    pub meaning: &'static str,
    /// Class contents (without brackets) matching the same code points.
    pub class: &'static str,
    /// Class contents matching every other code point, where a class of
    /// Unicode mode can say it (a `\P{..}` inside a class needs it).
    pub complement: Option<&'static str>,
}

/// The java.util.regex property names read with Java's meaning: those of
/// `java.util.regex.Pattern` (its `CharPredicates.forProperty` table, and
/// `Is` with a binary property) that ECMA 262 lacks and that have an exact
/// ECMA 262 spelling. The POSIX names are US-ASCII only, as in Java without
/// `UNICODE_CHARACTER_CLASS`. `\p{Lower}`, `\p{Upper}`, `\p{Alpha}` and
/// `\p{ASCII}` are not here: ECMA 262 defines them (`Lower` is its alias of
/// `Lowercase`), and ECMA 262's meaning wins.
pub const JAVA_PROPERTIES: &[JavaProperty] = &[
    JavaProperty {
        name: "all",
        meaning: "any character",
        class: r"\x00-\u{10FFFF}",
        complement: Some(""),
    },
    JavaProperty {
        name: "L1",
        meaning: "a Latin-1 character, U+0000 to U+00FF",
        class: r"\x00-\xFF",
        complement: Some(r"\u{100}-\u{10FFFF}"),
    },
    JavaProperty {
        name: "LD",
        meaning: r"a letter or decimal digit, \p{L} or \p{Nd}",
        class: r"\p{L}\p{Nd}",
        complement: None,
    },
    JavaProperty {
        name: "Alnum",
        meaning: "an ASCII letter or digit",
        class: r"0-9A-Za-z",
        complement: Some(r"\x00-\x2F\x3A-\x40\x5B-\x60\x7B-\u{10FFFF}"),
    },
    JavaProperty {
        name: "Blank",
        meaning: "a space or a tab",
        class: r"\t ",
        complement: Some(r"\x00-\x08\x0A-\x1F\x21-\u{10FFFF}"),
    },
    JavaProperty {
        name: "Cntrl",
        meaning: "an ASCII control character, U+0000 to U+001F or U+007F",
        class: r"\x00-\x1F\x7F",
        complement: Some(r"\x20-\x7E\x80-\u{10FFFF}"),
    },
    JavaProperty {
        name: "Digit",
        meaning: "an ASCII digit",
        class: r"0-9",
        complement: Some(r"\x00-\x2F\x3A-\u{10FFFF}"),
    },
    JavaProperty {
        name: "Graph",
        meaning: "a visible ASCII character, U+0021 to U+007E",
        class: r"\x21-\x7E",
        complement: Some(r"\x00-\x20\x7F-\u{10FFFF}"),
    },
    JavaProperty {
        name: "Print",
        meaning: "a printable ASCII character, U+0020 to U+007E",
        class: r"\x20-\x7E",
        complement: Some(r"\x00-\x1F\x7F-\u{10FFFF}"),
    },
    JavaProperty {
        name: "Punct",
        meaning: "an ASCII punctuation character",
        class: r"\x21-\x2F\x3A-\x40\x5B-\x60\x7B-\x7E",
        complement: Some(r"\x00-\x20\x30-\x39\x41-\x5A\x61-\x7A\x7F-\u{10FFFF}"),
    },
    JavaProperty {
        name: "Space",
        meaning: "an ASCII white space character (tab, line feed, vertical tab, form feed, carriage return, space)",
        class: r"\t-\r ",
        complement: Some(r"\x00-\x08\x0E-\x1F\x21-\u{10FFFF}"),
    },
    JavaProperty {
        name: "XDigit",
        meaning: "an ASCII hexadecimal digit",
        class: r"0-9A-Fa-f",
        complement: Some(r"\x00-\x2F\x3A-\x40\x47-\x60\x67-\u{10FFFF}"),
    },
    JavaProperty {
        name: "IsWhite_Space",
        meaning: r"a white space character, \p{White_Space}",
        class: r"\p{White_Space}",
        complement: Some(r"\P{White_Space}"),
    },
];

/// The Java entry for `name`: exact, or after `Is` without regard to case or
/// an underscore, as Java matches binary properties (`IsWhitespace`).
fn java_property(name: &str) -> Option<&'static JavaProperty> {
    let binary = |n: &str| {
        n.strip_prefix("Is")
            .map(|rest| rest.to_ascii_uppercase().replace('_', ""))
    };
    JAVA_PROPERTIES.iter().find(|p| {
        p.name == name
            || (p.name.starts_with("Is") && binary(p.name).is_some_and(|b| binary(name) == Some(b)))
    })
}

/// An engine message as a clause: `Invalid atom character` -> `invalid atom
/// character`.
fn engine_error(e: &regress::Error) -> String {
    let text = e.to_string();
    let text = text.trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "invalid".to_owned(),
    }
}

/// Whether ECMA 262 (as `regress` implements it) defines `\p{name}`.
fn ecma_property(name: &str) -> bool {
    regress::Regex::with_flags(&format!("\\p{{{name}}}"), "u").is_ok()
}

/// One pass over a pattern: the source for the Unicode reading, and what
/// decides the others.
struct Scan {
    /// The pattern with surrogate escapes as code points and Java property
    /// names spelled in ECMA 262.
    unicode: String,
    java: Vec<JavaName>,
    /// Property escapes neither ECMA 262 nor the Java table reads.
    unknown: Vec<String>,
    /// Why the Annex B reading is not taken (the first reason found).
    annex_b_refused: Option<String>,
    /// Why no reading is valid ECMA 262 though `regress` would take it.
    invalid: Option<String>,
}

impl Scan {
    fn new(source: &str) -> Self {
        let cs: Vec<char> = source.chars().collect();
        let mut scan = Self {
            unicode: String::with_capacity(source.len()),
            java: Vec::new(),
            unknown: Vec::new(),
            annex_b_refused: None,
            invalid: None,
        };
        let mut in_class = false;
        let mut groups = 0usize;
        let mut references = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            let c = cs[i];
            match c {
                '\\' => {
                    i = scan.escape(&cs, i, in_class, &mut references);
                    continue;
                }
                // ECMA 262 classes do not nest (without the `v` flag), and
                // a `]` right after `[` or `[^` closes the class.
                '[' if !in_class => in_class = true,
                ']' if in_class => in_class = false,
                '(' if !in_class => match (cs.get(i + 1), cs.get(i + 2), cs.get(i + 3)) {
                    (Some('?'), Some('<'), Some(n)) if *n != '=' && *n != '!' => groups += 1,
                    (Some('?'), _, _) => {}
                    _ => groups += 1,
                },
                c if c > '\u{FFFF}' => scan.beyond_bmp(c),
                _ => {}
            }
            scan.unicode.push(c);
            i += 1;
        }
        if let Some(n) = references.iter().find(|&&n| n > groups) {
            scan.refuse(format!(
                "the pattern has {groups} group{}, so Annex B reads `\\{n}` as an octal escape",
                if groups == 1 { "" } else { "s" }
            ));
        }
        scan
    }

    fn refuse(&mut self, why: String) {
        self.annex_b_refused.get_or_insert(why);
    }

    /// Reads the escape at `cs[i]` (a backslash), writes it for the Unicode
    /// reading and returns the index after it.
    fn escape(
        &mut self,
        cs: &[char],
        i: usize,
        in_class: bool,
        references: &mut Vec<usize>,
    ) -> usize {
        let Some(&e) = cs.get(i + 1) else {
            // A trailing backslash: invalid in every reading.
            self.unicode.push('\\');
            return i + 1;
        };
        let hex = |at: usize, n: usize| -> Option<u32> {
            let digits = cs.get(at..at + n)?;
            if !digits.iter().all(char::is_ascii_hexdigit) {
                return None;
            }
            u32::from_str_radix(&digits.iter().collect::<String>(), 16).ok()
        };
        let copy = |scan: &mut Self, n: usize| {
            scan.unicode.extend(&cs[i..(i + n).min(cs.len())]);
            i + n
        };
        match e {
            'u' => {
                let Some(unit) = hex(i + 2, 4) else {
                    if cs.get(i + 2) != Some(&'{') {
                        self.refuse(
                            "Annex B reads `\\u` without four hex digits as the letter u"
                                .to_owned(),
                        );
                        return copy(self, 2);
                    }
                    self.refuse("Annex B reads `\\u{` as the letter u and a repetition".to_owned());
                    let len = cs[i + 3..]
                        .iter()
                        .take_while(|c| c.is_ascii_hexdigit())
                        .count();
                    let code =
                        u32::from_str_radix(&cs[i + 3..i + 3 + len].iter().collect::<String>(), 16);
                    match code {
                        Ok(c)
                            if (0xD800..=0xDFFF).contains(&c)
                                && cs.get(i + 3 + len) == Some(&'}') =>
                        {
                            self.lone_surrogate(c, in_class);
                            return i + 4 + len;
                        }
                        _ => return copy(self, 2),
                    }
                };
                if !(0xD800..=0xDFFF).contains(&unit) {
                    return copy(self, 6);
                }
                self.refuse(format!(
                    "`\\u{unit:04X}` is a UTF-16 surrogate, which Annex B matches as a code unit and a string of code points does not have"
                ));
                let low = (0xD800..=0xDBFF).contains(&unit)
                    && cs.get(i + 6) == Some(&'\\')
                    && cs.get(i + 7) == Some(&'u');
                let low = low
                    .then(|| hex(i + 8, 4))
                    .flatten()
                    .filter(|l| (0xDC00..=0xDFFF).contains(l));
                if let Some(low) = low {
                    let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    let _ = write!(self.unicode, "\\u{{{c:X}}}");
                    i + 12
                } else {
                    self.lone_surrogate(unit, in_class);
                    i + 6
                }
            }
            'p' | 'P' => {
                self.refuse(format!(
                    "Annex B reads `\\{e}` as the letter {e}, not as a property"
                ));
                let close = (cs.get(i + 2) == Some(&'{'))
                    .then(|| cs[i + 3..].iter().position(|&c| c == '}'))
                    .flatten();
                let Some(len) = close else {
                    return copy(self, 2);
                };
                let end = i + 4 + len;
                let written: String = cs[i..end].iter().collect();
                let name: String = cs[i + 3..end - 1].iter().collect();
                if ecma_property(&name) {
                    return copy(self, end - i);
                }
                let Some(java) = java_property(&name) else {
                    self.unknown.push(format!(
                        "`{written}`: `{name}` is no Unicode property of ECMA 262, nor a java.util.regex one with an exact ECMA 262 spelling"
                    ));
                    return copy(self, end - i);
                };
                // In a class the spelling must not become a range end.
                let beside_dash = (i > 0 && cs[i - 1] == '-')
                    || (cs.get(end) == Some(&'-') && cs.get(end + 1) != Some(&']'));
                let spelled = match (in_class, e == 'P') {
                    (false, false) => Some(format!("[{}]", java.class)),
                    (false, true) => Some(format!("[^{}]", java.class)),
                    (true, _) if beside_dash => None,
                    (true, false) => Some(java.class.to_owned()),
                    (true, true) => java.complement.map(str::to_owned),
                };
                match spelled {
                    Some(spelled) => {
                        self.unicode.push_str(&spelled);
                        self.java.push(JavaName {
                            escape: written,
                            meaning: java.meaning,
                            spelling: spelled,
                        });
                        end
                    }
                    None => {
                        self.unknown.push(format!(
                            "`{written}` (in java.util.regex: {}{}) has no ECMA 262 spelling {}",
                            if e == 'P' { "not " } else { "" },
                            java.meaning,
                            if beside_dash {
                                "beside a `-` in a class"
                            } else {
                                "inside a class"
                            },
                        ));
                        copy(self, end - i)
                    }
                }
            }
            'c' if cs.get(i + 2).is_some_and(char::is_ascii_alphabetic) => copy(self, 3),
            'x' if hex(i + 2, 2).is_some() => copy(self, 4),
            'b' | 'B' if !in_class => {
                // `regress` lets a quantifier repeat a word boundary;
                // ECMA 262 does not, in either reading.
                let next = cs.get(i + 2).copied();
                let braced = next == Some('{')
                    && cs.get(i + 3).is_some_and(char::is_ascii_digit)
                    && cs[i + 3..]
                        .iter()
                        .find(|c| !c.is_ascii_digit() && **c != ',')
                        == Some(&'}');
                if matches!(next, Some('*' | '+' | '?')) || braced {
                    self.invalid.get_or_insert(format!(
                        "`\\{e}` is an assertion, which no quantifier may repeat"
                    ));
                }
                copy(self, 2)
            }
            'd' | 'D' | 'w' | 'W' | 's' | 'S' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' => copy(self, 2),
            'a'..='z' | 'A'..='Z' => {
                self.refuse(format!(
                    "Annex B reads `\\{e}` there as the letter {e}, unlike other dialects"
                ));
                copy(self, 2)
            }
            '0' if !cs.get(i + 2).is_some_and(char::is_ascii_digit) => copy(self, 2),
            '0'..='9' => {
                let len = cs[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                let digits: String = cs[i + 1..i + 1 + len].iter().collect();
                if e == '0' || in_class {
                    self.refuse(format!("Annex B reads `\\{digits}` as an octal escape"));
                } else {
                    references.push(digits.parse().unwrap_or(usize::MAX));
                }
                copy(self, 1 + len)
            }
            c => {
                if c > '\u{FFFF}' {
                    self.beyond_bmp(c);
                }
                copy(self, 2)
            }
        }
    }

    /// A lone surrogate: a code point no string holds. Outside a class it is
    /// written as a class of it: `regress` 0.12 never matched a quantified
    /// lone surrogate atom, not even zero times (`a\u{D800}*` against `a`).
    fn lone_surrogate(&mut self, code: u32, in_class: bool) {
        let _ = match in_class {
            true => write!(self.unicode, "\\u{{{code:X}}}"),
            false => write!(self.unicode, "[\\u{{{code:X}}}]"),
        };
    }

    /// A character beyond U+FFFF written in the pattern: two UTF-16 code
    /// units without the `u` flag (`😀*` repeats the second), which a match
    /// by code point cannot mirror.
    fn beyond_bmp(&mut self, c: char) {
        self.refuse(format!(
            "Annex B reads `{c}` (U+{:X}) as two UTF-16 code units",
            c as u32
        ));
    }
}

#[cfg(test)]
mod tests;
