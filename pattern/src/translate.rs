//! The cheap path: a pattern whose ECMA 262 meaning the `regex` crate can
//! say exactly, spelled in the `regex` crate's syntax, so that it runs on a
//! lazy DFA in time linear in the value instead of on a backtracking engine
//! (where an AWS hostname pattern takes 1.8 s to reject an 89-character
//! value, and cleanrooms' `^[a-zA-Z0-9_](([a-zA-Z0-9_]+)*([a-zA-Z0-9_]+))?$`
//! doubles its time with each character).
//!
//! The translation is conservative: it takes a pattern `regress` has already
//! accepted (so it is valid ECMA 262 in the reading chosen) and returns
//! `None` on anything not listed here, which then runs on `regress`:
//!
//! - alternation, groups (`(..)` and `(?:..)`, both written `(?:..)`: a
//!   search needs no captures), the quantifiers `* + ? {n} {n,} {n,m}`, lazy
//!   or not, and `^`, `$` (no `m` flag: start and end of the value);
//! - `.` as `[^\n\r\u2028\u2029]`; `\d`, `\w`, `\s` and their complements
//!   with ECMA 262's sets (ASCII digits, ASCII word characters, ECMA 262
//!   WhiteSpace and LineTerminator), never the `regex` crate's Unicode ones;
//! - characters, ranges and classes, negated or not, with the escapes
//!   `\t \n \v \f \r \0 \cX \xHH`, `\b` in a class (U+0008), and identity
//!   escapes of any character that is not an ASCII letter or digit;
//! - Annex B's class escape beside `-` in a class (`[\w-.]`: the union of
//!   `\w`, `-` and `.`).
//!
//! Not translated: look-around, back-references, named groups, `\b`, `\B`
//! outside a class, `\p{..}`, `\u` escapes (surrogates among them), `[]`
//! and `[^]`, a literal `{`, `}` or `]` outside a class (Annex B), and
//! anything the `regex` crate then fails to compile (its size limit).
//!
//! Every literal is written `\x{..}` unless it is an ASCII letter or digit,
//! so no character of the output is a `regex` metacharacter by accident
//! (`&&`, `--`, `~~` and `[` are operators in its classes).

use std::fmt::Write as _;

const DIGIT: &str = "0-9";
const WORD: &str = "0-9A-Za-z_";
/// ECMA 262 WhiteSpace (TAB, VT, FF, ZWNBSP, the Zs category) and
/// LineTerminator (LF, CR, LS, PS).
const SPACE: &str = r"\x{9}-\x{D}\x{20}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
/// Everything but LineTerminator.
const DOT: &str = r"[^\x{A}\x{D}\x{2028}\x{2029}]";

/// The `regex` crate spelling of an ECMA 262 pattern `regress` accepted, or
/// `None` where the translation is not known to mean the same.
pub(crate) fn translate(source: &str) -> Option<String> {
    let mut t = Translator {
        cs: source.chars().collect(),
        i: 0,
        out: String::with_capacity(source.len() * 2),
    };
    t.disjunction()?;
    (t.i == t.cs.len()).then_some(t.out)
}

/// One class item.
enum Atom {
    Char(char),
    /// A class escape: its contents, and whether it is the complement.
    Set(&'static str, bool),
}

struct Translator {
    cs: Vec<char>,
    i: usize,
    out: String,
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.cs.get(self.i).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.cs.get(self.i + n).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn disjunction(&mut self) -> Option<()> {
        loop {
            while !matches!(self.peek(), None | Some('|') | Some(')')) {
                self.term()?;
            }
            if !self.eat('|') {
                return Some(());
            }
            self.out.push('|');
        }
    }

    fn term(&mut self) -> Option<()> {
        match self.next()? {
            c @ ('^' | '$') => {
                self.out.push(c);
                // A quantified assertion is no ECMA 262 term.
                return (!matches!(self.peek(), Some('*' | '+' | '?' | '{'))).then_some(());
            }
            '(' => {
                if self.eat('?') && !self.eat(':') {
                    return None;
                }
                self.out.push_str("(?:");
                self.disjunction()?;
                if !self.eat(')') {
                    return None;
                }
                self.out.push(')');
            }
            '.' => self.out.push_str(DOT),
            '[' => self.class()?,
            '\\' => match self.escape(false)? {
                Atom::Char(c) => self.literal(c),
                Atom::Set(set, negated) => {
                    let _ = write!(self.out, "[{}{set}]", if negated { "^" } else { "" });
                }
            },
            '*' | '+' | '?' | '{' | '}' | ']' | ')' | '|' => return None,
            c => self.literal(c),
        }
        self.quantifier()
    }

    fn quantifier(&mut self) -> Option<()> {
        match self.peek() {
            Some(c @ ('*' | '+' | '?')) => {
                self.i += 1;
                self.out.push(c);
            }
            Some('{') => {
                self.i += 1;
                let min = self.number()?;
                let max = if self.eat(',') {
                    if self.peek() == Some('}') {
                        None
                    } else {
                        Some(self.number()?)
                    }
                } else {
                    Some(min)
                };
                if !self.eat('}') || max.is_some_and(|m| m < min) {
                    return None;
                }
                let _ = match max {
                    Some(m) if m == min => write!(self.out, "{{{min}}}"),
                    Some(m) => write!(self.out, "{{{min},{m}}}"),
                    None => write!(self.out, "{{{min},}}"),
                };
            }
            _ => return Some(()),
        }
        if self.eat('?') {
            self.out.push('?');
        }
        // Two quantifiers in a row are no ECMA 262 term.
        (!matches!(self.peek(), Some('*' | '+' | '?' | '{'))).then_some(())
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        let digits: String = self.cs[start..self.i].iter().collect();
        digits.parse().ok()
    }

    /// After a backslash: what it stands for.
    fn escape(&mut self, in_class: bool) -> Option<Atom> {
        let c = self.next()?;
        Some(match c {
            'd' => Atom::Set(DIGIT, false),
            'D' => Atom::Set(DIGIT, true),
            'w' => Atom::Set(WORD, false),
            'W' => Atom::Set(WORD, true),
            's' => Atom::Set(SPACE, false),
            'S' => Atom::Set(SPACE, true),
            't' => Atom::Char('\t'),
            'n' => Atom::Char('\n'),
            'v' => Atom::Char('\u{B}'),
            'f' => Atom::Char('\u{C}'),
            'r' => Atom::Char('\r'),
            'b' if in_class => Atom::Char('\u{8}'),
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => Atom::Char('\0'),
            'c' => {
                let letter = self.next().filter(char::is_ascii_alphabetic)?;
                Atom::Char(char::from(letter as u8 % 32))
            }
            'x' => {
                let (h, l) = (self.next()?, self.next()?);
                let code = h.to_digit(16)? * 16 + l.to_digit(16)?;
                Atom::Char(char::from_u32(code)?)
            }
            // Letters and digits not listed mean something else in some
            // reading (`\b`, `\B`, `\p`, `\u`, `\k`, `\1`): not translated.
            c if c.is_ascii_alphanumeric() => return None,
            // An identity escape: the character itself.
            c => Atom::Char(c),
        })
    }

    fn class(&mut self) -> Option<()> {
        let negated = self.eat('^');
        if self.peek() == Some(']') {
            return None;
        }
        self.out.push_str(if negated { "[^" } else { "[" });
        loop {
            if self.eat(']') {
                self.out.push(']');
                return Some(());
            }
            let first = self.class_atom()?;
            let range = self.peek() == Some('-') && !matches!(self.peek_at(1), None | Some(']'));
            if !range {
                self.class_item(first);
                continue;
            }
            self.i += 1;
            let second = self.class_atom()?;
            match (first, second) {
                (Atom::Char(a), Atom::Char(b)) => {
                    if a > b {
                        return None;
                    }
                    let _ = write!(self.out, r"\x{{{:X}}}-\x{{{:X}}}", a as u32, b as u32);
                }
                // Annex B: a class escape at either end makes no range but
                // a union with `-`.
                (first, second) => {
                    self.class_item(first);
                    self.class_item(Atom::Char('-'));
                    self.class_item(second);
                }
            }
        }
    }

    fn class_atom(&mut self) -> Option<Atom> {
        match self.next()? {
            '\\' => self.escape(true),
            c => Some(Atom::Char(c)),
        }
    }

    fn class_item(&mut self, atom: Atom) {
        let _ = match atom {
            Atom::Char(c) => write!(self.out, r"\x{{{:X}}}", c as u32),
            Atom::Set(set, false) => write!(self.out, "{set}"),
            // A nested class: the `regex` crate unites it with the rest.
            Atom::Set(set, true) => write!(self.out, "[^{set}]"),
        };
    }

    fn literal(&mut self, c: char) {
        if c.is_ascii_alphanumeric() {
            self.out.push(c);
        } else {
            let _ = write!(self.out, r"\x{{{:X}}}", c as u32);
        }
    }
}
