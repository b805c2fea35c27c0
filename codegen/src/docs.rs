//! Smithy documentation is CommonMark with HTML; rustdoc wants Markdown
//! without stray HTML or broken intra-doc links. This keeps the text and
//! drops the tags.
//!
//! Written by hand: the few tags AWS models use (`p`, `code`, `a`, `ul`/`li`,
//! `b`/`i`) map to Markdown in a few lines, where an HTML parser crate would
//! add a dependency for no gain.

// Stand-ins for the brackets of a Markdown link while text brackets are escaped.
const LINK_OPEN: char = '\u{1}';
const LINK_CLOSE: char = '\u{2}';

/// Turns model documentation into rustdoc Markdown lines.
pub fn to_rustdoc(html: &str) -> Vec<String> {
    // Line ends as Windows and old Macs write them (rustc refuses a bare CR
    // in a doc comment).
    let owned = html.replace("\r\n", "\n").replace('\r', "\n");
    let html = owned.as_str();
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut link: Option<String> = None;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = &rest[start + 1..start + end];
        rest = &rest[start + end + 1..];
        let name = tag
            .trim_start_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match (name.as_str(), closing) {
            ("p", true) | ("ul", _) | ("ol", _) | ("br", _) | ("br/", _) => out.push_str("\n\n"),
            ("li", false) => out.push_str("\n- "),
            ("code", _) => out.push('`'),
            ("b", _) | ("strong", _) => out.push_str("**"),
            ("i", _) | ("em", _) => out.push('*'),
            ("a", false) => {
                link = tag
                    .split("href=\"")
                    .nth(1)
                    .and_then(|h| h.split('"').next())
                    .map(str::to_owned);
                if link.as_deref().is_some_and(|h| h.starts_with("http")) {
                    out.push(LINK_OPEN);
                }
            }
            ("a", true) => {
                if let Some(href) = link.take().filter(|h| h.starts_with("http")) {
                    out.push(LINK_CLOSE);
                    out.push_str(&format!("({href})"));
                }
            }
            _ => {}
        }
    }
    out.push_str(rest);
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let mut lines: Vec<String> = Vec::new();
    for line in out.lines() {
        let line = line.trim();
        if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        lines.push(escape_markdown(line));
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Brackets and angle brackets outside code spans would be read as
/// intra-doc links or HTML by rustdoc; escape them. A bare URL (a word
/// starting with `http://` or `https://`) becomes an autolink, `<url>`,
/// its trailing punctuation left after it (rustdoc warns of bare URLs).
fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut chars = line.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let rest = &line[i..];
        let word_start = prev.is_none_or(char::is_whitespace);
        if !in_code && word_start && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let word = rest.split(char::is_whitespace).next().unwrap_or(rest);
            let url = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
            if !url.contains(['<', '>', '`', '[', ']', LINK_OPEN, LINK_CLOSE]) {
                out.push('<');
                out.push_str(url);
                out.push('>');
                // The URL's characters are taken; its punctuation follows.
                for _ in 1..url.chars().count() {
                    chars.next();
                }
                prev = url.chars().last();
                continue;
            }
        }
        prev = Some(c);
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '<' | '>' if !in_code => out.push_str(if c == '<' { "&lt;" } else { "&gt;" }),
            '[' | ']' if !in_code => {
                out.push('\\');
                out.push(c);
            }
            LINK_OPEN => out.push('['),
            LINK_CLOSE => out.push(']'),
            _ => out.push(c),
        }
    }
    if in_code {
        out.push('`');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_code_and_links() {
        let lines = to_rustdoc("<p>Creates a <code>Room</code>.</p><p>See <a href=\"https://x.y/z\">docs</a> &amp; more.</p>");
        assert_eq!(
            lines,
            ["Creates a `Room`.", "", "See [docs](https://x.y/z) & more."]
        );
    }

    #[test]
    fn stray_angle_brackets_are_escaped() {
        assert_eq!(to_rustdoc("a &lt;b&gt; c"), ["a &lt;b&gt; c"]);
        assert_eq!(to_rustdoc("a [b] <a href=\"#x\">c</a>"), ["a \\[b\\] c"]);
        assert_eq!(
            to_rustdoc("<ul><li>one</li><li>two</li></ul>"),
            ["- one", "- two"]
        );
    }

    #[test]
    fn bare_urls_become_autolinks() {
        assert_eq!(
            to_rustdoc("<p>See:\n https://a.example/b.html.</p>"),
            ["See:", "<https://a.example/b.html>."]
        );
        // Inside a link or a code span, and within a word, a URL stays.
        assert_eq!(
            to_rustdoc("<a href=\"https://x.y\">https://x.y</a> <code>http://c</code> xhttp://d"),
            ["[https://x.y](https://x.y) `http://c` xhttp://d"]
        );
    }
}
