//! Strings that match a `@pattern` and fit a `@length`, for the values a
//! fake makes up.
//!
//! Written here because the crate that samples regular expressions
//! (`rand_regex`) draws random strings and cannot aim at a length: a fake
//! wants the same answer on every run, and one inside `@length`. This walks
//! the pattern's syntax tree (`regex-syntax`, the `regex` crate's parser)
//! choosing repetition counts, and keeps the first candidate the model's
//! own checker ([`Pattern`], the rule the client validates with) accepts.
//! Patterns the `regex` crate cannot say (look-around, back-references)
//! have no translation to walk: [`sample`] returns `None` and the caller
//! keeps its own text.

use crate::validation::Pattern;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Characters preferred in a class, in order: readable ones first.
const PREFERRED: &str = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.";

/// Counts tried for each unbounded repetition, in order.
const COUNTS: &[u32] = &[1, 0, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 100, 128, 256];

/// A string that `pattern` matches and whose length in characters is
/// within `min..=max`; `seed` varies the characters chosen, so that two
/// values made with different seeds differ where the pattern lets them.
pub(crate) fn sample(
    pattern: &Pattern,
    min: Option<u64>,
    max: Option<u64>,
    seed: u64,
) -> Option<String> {
    let hir = regex_syntax::Parser::new()
        .parse(pattern.translation()?)
        .ok()?;
    let fits = |s: &str| {
        let n = s.chars().count() as u64;
        min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m) && pattern.is_match(s)
    };
    for &count in COUNTS {
        let mut out = String::new();
        let mut pos = seed as usize;
        walk(&hir, count, &mut pos, &mut out);
        if fits(&out) {
            return Some(out);
        }
        // An unanchored pattern matches inside a longer text: pad to the
        // minimum length.
        if let Some(min) = min {
            let n = out.chars().count() as u64;
            if n < min {
                let padded: String = out
                    .chars()
                    .chain(std::iter::repeat_n('x', (min - n) as usize))
                    .collect();
                if fits(&padded) {
                    return Some(padded);
                }
            }
        }
    }
    None
}

/// Appends a string `hir` matches, each unbounded repetition repeated
/// `count` times (within its bounds); `pos` picks among a class's
/// characters and moves on with each one.
fn walk(hir: &Hir, count: u32, pos: &mut usize, out: &mut String) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(lit) => out.push_str(&String::from_utf8_lossy(&lit.0)),
        HirKind::Class(class) => {
            if let Some(c) = pick(class, *pos) {
                out.push(c);
            }
            *pos += 1;
        }
        HirKind::Repetition(rep) => {
            let n = match rep.max {
                Some(max) => count.clamp(rep.min, max.max(rep.min)),
                None => count.max(rep.min),
            };
            for _ in 0..n {
                walk(&rep.sub, count, pos, out);
            }
        }
        HirKind::Capture(cap) => walk(&cap.sub, count, pos, out),
        HirKind::Concat(items) => items.iter().for_each(|h| walk(h, count, pos, out)),
        HirKind::Alternation(alts) => {
            if let Some(first) = alts.first() {
                walk(first, count, pos, out);
            }
        }
    }
}

/// A character of `class`: the `pos`-th (cyclically) of the preferred ones
/// it holds, else its first.
fn pick(class: &Class, pos: usize) -> Option<char> {
    let holds: Vec<char> = match class {
        Class::Unicode(u) => PREFERRED
            .chars()
            .filter(|c| u.ranges().iter().any(|r| r.start() <= *c && *c <= r.end()))
            .collect(),
        Class::Bytes(b) => PREFERRED
            .chars()
            .filter(|c| {
                let c = *c as u32;
                b.ranges()
                    .iter()
                    .any(|r| u32::from(r.start()) <= c && c <= u32::from(r.end()))
            })
            .collect(),
    };
    if !holds.is_empty() {
        return holds.get(pos % holds.len()).copied();
    }
    match class {
        Class::Unicode(u) => u.ranges().first().map(|r| r.start()),
        Class::Bytes(b) => b.ranges().first().map(|r| char::from(r.start())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(source: &str, min: Option<u64>, max: Option<u64>) -> String {
        let pattern = Pattern::new(source).unwrap();
        let s = sample(&pattern, min, max, 0).unwrap_or_else(|| panic!("{source}"));
        assert!(pattern.is_match(&s), "{source}: {s:?}");
        let n = s.chars().count() as u64;
        assert!(min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m));
        s
    }

    #[test]
    fn samples_match_their_pattern_and_length() {
        check(r"^[-_a-zA-Z0-9]*$", Some(2), Some(64));
        let uuid = check(
            r"^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$",
            None,
            None,
        );
        assert_eq!(uuid.len(), 36);
        check(r"^arn:aws:iam::\d{12}:role/[\w+=,.@-]+$", None, Some(2048));
        check(r"\S", Some(1), None);
        check(r"^[0-9]+$", Some(10), Some(12));
        check(r"^(a|bb)+$", Some(3), None);
    }

    #[test]
    fn seeds_vary_the_characters() {
        let p = Pattern::new("^[a-z]{6}$").unwrap();
        assert_ne!(sample(&p, None, None, 0), sample(&p, None, None, 1));
    }

    #[test]
    fn what_cannot_be_walked_is_none() {
        // Look-around: no translation.
        let p = Pattern::new(r"^(?!x)\w+$").unwrap();
        assert_eq!(sample(&p, None, None, 0), None);
        // A length the pattern excludes.
        let p = Pattern::new("^a{2}$").unwrap();
        assert_eq!(sample(&p, Some(5), None, 0), None);
    }
}
