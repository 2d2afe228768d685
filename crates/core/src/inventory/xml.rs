//! A small, strict XML reader for the one XML document accepted: the BladeSystem Onboard
//! Administrator's `/xmldata?item=all`.
//!
//! Hand-written rather than taken from a crate because every dependency is downloaded by the
//! browser with the app, and a general XML parser (namespaces, DTDs, encodings, streaming,
//! serde) weighs far more than this document needs. The OA writes plain elements holding
//! text, a few attributes, and nothing else. This reader accepts well-formed XML of that kind
//! and refuses the rest, saying on which line it stopped:
//!
//! - elements with their text (character data and CDATA sections, joined; white space alone
//!   between tags is dropped), and empty elements `<X/>`; attributes are checked for form
//!   and dropped;
//! - the `<?xml …?>` declaration and other processing instructions, comments, and a
//!   `<!DOCTYPE …>` without an internal subset are skipped;
//! - the five predefined entities and numeric character references are decoded;
//! - anything else is an error: another entity (a DTD would be needed to know it), an element
//!   not closed or closed by another name, text or a second element outside the root, a cut
//!   tag, more than [`MAX_INPUT_BYTES`] bytes, or nesting deeper than [`MAX_XML_DEPTH`].
//!
//! Nothing here recurses: open elements wait on an explicit stack, so the depth limit is the
//! only bound on the tree's depth, and the tree is dropped within it. Line numbers are
//! counted only when an error is reported.

use super::{MAX_INPUT_BYTES, MAX_XML_DEPTH};

/// One element: its name, its text and its child elements, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Element<'a> {
    pub name: &'a str,
    /// Its own text, references decoded, not trimmed.
    pub text: String,
    pub children: Vec<Element<'a>>,
}

impl<'a> Element<'a> {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element<'a>> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element<'a>> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child named `name`.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// Why a text is not XML this reader accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum XmlErrorKind {
    /// The text ends inside a tag, or before every element is closed (a cut file).
    Truncated,
    /// A closing tag that does not close the open element.
    Mismatch,
    /// `&name;` other than the five predefined entities, or a bad character reference.
    Reference,
    /// Text or a second element outside the root element.
    OutsideRoot,
    /// A DOCTYPE with an internal subset (its declarations are not read).
    Dtd,
    /// Anything else that is not XML at that place.
    Syntax,
    /// Nested deeper than [`MAX_XML_DEPTH`].
    TooDeep,
    /// More than [`MAX_INPUT_BYTES`].
    TooLarge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct XmlError {
    pub kind: XmlErrorKind,
    /// Where reading stopped, from 1.
    pub line: usize,
}

/// Reads `text` (a byte-order mark may lead) into its root element.
pub(super) fn parse(text: &str) -> Result<Element<'_>, XmlError> {
    let mut s = Scanner { text, pos: 0 };
    if text.len() > MAX_INPUT_BYTES {
        return Err(s.error(XmlErrorKind::TooLarge));
    }
    s.eat("\u{feff}");
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let rest = s.rest();
        let chars_len = rest.find('<').unwrap_or(rest.len());
        let chars = rest.get(..chars_len).unwrap_or_default();
        if !chars.bytes().all(is_space) {
            let Some(element) = open.last_mut() else {
                s.pos += chars.len() - chars.trim_start_matches(is_space_char).len();
                return Err(s.error(XmlErrorKind::OutsideRoot));
            };
            if let Err(at) = decode_into(&mut element.text, chars) {
                s.pos += at;
                return Err(s.error(XmlErrorKind::Reference));
            }
        }
        s.pos += chars_len;
        if s.rest().is_empty() {
            break;
        }
        if s.eat("<!--") {
            s.skip_past("-->")?;
        } else if s.eat("<?") {
            s.skip_past("?>")?;
        } else if s.eat("<![CDATA[") {
            let data = s.skip_past("]]>")?;
            match open.last_mut() {
                Some(element) => element.text.push_str(data),
                None => return Err(s.error(XmlErrorKind::OutsideRoot)),
            }
        } else if s.rest().starts_with("<!DOCTYPE") && open.is_empty() && root.is_none() {
            if s.skip_past(">")?.contains('[') {
                return Err(s.error(XmlErrorKind::Dtd));
            }
        } else if s.eat("</") {
            let name = s.name()?;
            s.skip_space();
            s.expect(">")?;
            match open.pop() {
                Some(element) if element.name == name => close(&mut open, &mut root, element),
                _ => return Err(s.error(XmlErrorKind::Mismatch)),
            }
        } else {
            s.eat("<");
            if root.is_some() {
                return Err(s.error(XmlErrorKind::OutsideRoot));
            }
            let name = s.name()?;
            let empty = s.attributes()?;
            if open.len() >= MAX_XML_DEPTH {
                return Err(s.error(XmlErrorKind::TooDeep));
            }
            let element = Element {
                name,
                ..Element::default()
            };
            if empty {
                close(&mut open, &mut root, element);
            } else {
                open.push(element);
            }
        }
    }
    match root {
        Some(root) if open.is_empty() => Ok(root),
        _ => Err(s.error(XmlErrorKind::Truncated)),
    }
}

/// A closed element goes to its parent, or is the root.
fn close<'a>(open: &mut [Element<'a>], root: &mut Option<Element<'a>>, element: Element<'a>) {
    match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_space_char(c: char) -> bool {
    u8::try_from(c).is_ok_and(is_space)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-' | '.') || !c.is_ascii()
}

fn is_name_start(c: char) -> bool {
    is_name_char(c) && !c.is_ascii_digit() && c != '-' && c != '.'
}

/// Appends character data to `out` with its references decoded; on a bad reference, returns
/// the byte offset of its `&` in `raw`.
fn decode_into(out: &mut String, raw: &str) -> Result<(), usize> {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        let at = raw.len() - rest.len() + amp;
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        // The longest reference accepted, `&#x10FFFF;`, is 10 characters.
        let semi = after
            .char_indices()
            .take(10)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i)
            .ok_or(at)?;
        let c = match after.get(..semi).unwrap_or_default() {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            reference => char_reference(reference).ok_or(at)?,
        };
        out.push(c);
        rest = after.get(semi + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    Ok(())
}

/// `#65` or `#x41`; a character XML allows (not NUL, not a surrogate).
fn char_reference(reference: &str) -> Option<char> {
    let number = reference.strip_prefix('#')?;
    let (digits, radix) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    char::from_u32(code).filter(|&c| c != '\0')
}

struct Scanner<'a> {
    text: &'a str,
    /// Byte offset of the next character: always on a character boundary.
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn error(&self, kind: XmlErrorKind) -> XmlError {
        let before = self.text.get(..self.pos).unwrap_or(self.text);
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        XmlError { kind, line }
    }

    fn eat(&mut self, prefix: &str) -> bool {
        let found = self.rest().starts_with(prefix);
        if found {
            self.pos += prefix.len();
        }
        found
    }

    /// `prefix` must come next: if not, the text is cut short or is not XML.
    fn expect(&mut self, prefix: &str) -> Result<(), XmlError> {
        if self.eat(prefix) {
            Ok(())
        } else if self.rest().is_empty() {
            Err(self.error(XmlErrorKind::Truncated))
        } else {
            Err(self.error(XmlErrorKind::Syntax))
        }
    }

    /// Moves past the next `end`, returning what came before it.
    fn skip_past(&mut self, end: &str) -> Result<&'a str, XmlError> {
        let rest = self.rest();
        match rest.find(end) {
            Some(at) => {
                self.pos += at + end.len();
                Ok(rest.get(..at).unwrap_or_default())
            }
            None => {
                self.pos = self.text.len();
                Err(self.error(XmlErrorKind::Truncated))
            }
        }
    }

    /// Skips white space; returns how many bytes it was.
    fn skip_space(&mut self) -> usize {
        let rest = self.rest();
        let skipped = rest.len() - rest.trim_start_matches(is_space_char).len();
        self.pos += skipped;
        skipped
    }

    fn name(&mut self) -> Result<&'a str, XmlError> {
        let rest = self.rest();
        let len = rest.find(|c| !is_name_char(c)).unwrap_or(rest.len());
        match rest.chars().next() {
            None => Err(self.error(XmlErrorKind::Truncated)),
            Some(c) if is_name_start(c) => {
                self.pos += len;
                Ok(rest.get(..len).unwrap_or_default())
            }
            Some(_) => Err(self.error(XmlErrorKind::Syntax)),
        }
    }

    /// Skips the attributes of a start tag and its end; true for an empty element (`/>`).
    fn attributes(&mut self) -> Result<bool, XmlError> {
        loop {
            let spaced = self.skip_space() > 0;
            if self.eat("/>") {
                return Ok(true);
            }
            if self.eat(">") {
                return Ok(false);
            }
            if !spaced {
                return self.expect(">").map(|()| false);
            }
            self.name()?;
            self.skip_space();
            self.expect("=")?;
            self.skip_space();
            let quote = if self.rest().starts_with('\'') {
                "'"
            } else {
                "\""
            };
            self.expect(quote)?;
            if self.skip_past(quote)?.contains('<') {
                return Err(self.error(XmlErrorKind::Syntax));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn kind(text: &str) -> Option<XmlErrorKind> {
        parse(text).err().map(|e| e.kind)
    }

    fn depth(element: &Element) -> usize {
        // Iterative, like the reader: the test must not overflow where the code does not.
        let mut deepest = 0;
        let mut stack = vec![(element, 1)];
        while let Some((e, d)) = stack.pop() {
            deepest = deepest.max(d);
            stack.extend(e.children.iter().map(|c| (c, d + 1)));
        }
        deepest
    }

    #[test]
    fn elements_text_and_references_are_read() {
        let text = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE RIMP>\n<!-- c -->\n<RIMP a='1' b = \"x>y\">\n <MP><PN>A &amp; B &lt;C&gt; &quot;&apos; &#65;&#x42;&#x1F600;</PN><SN/>\n<X><![CDATA[<raw> & ]]></X></MP>\n</RIMP>\n<!-- end -->\n";
        let root = parse(text).expect("well-formed");
        assert_eq!(root.name, "RIMP");
        let mp = root.child("MP").expect("MP");
        assert_eq!(mp.text_of("PN"), Some("A & B <C> \"' AB\u{1F600}"));
        assert_eq!(mp.text_of("SN"), Some(""));
        assert_eq!(mp.text_of("X"), Some("<raw> & "));
        assert_eq!(mp.text, "");
        assert_eq!(root.children_named("MP").count(), 1);
    }

    #[test]
    fn what_is_not_accepted_says_why_and_where() {
        use XmlErrorKind::*;
        let cases = [
            ("<A>\n<B>\n</A>", Mismatch, 3),
            ("<A>\n<B>", Truncated, 2),
            ("<A", Truncated, 1),
            ("<A b=\"1", Truncated, 1),
            ("<A>&nbsp;</A>", Reference, 1),
            ("<A>&#0;</A>", Reference, 1),
            ("<A>&#xD800;</A>", Reference, 1),
            ("<A>&#x+41;</A>", Reference, 1),
            ("<A>a & b</A>", Reference, 1),
            ("<A>&#1234567890123;</A>", Reference, 1),
            ("<A/><B/>", OutsideRoot, 1),
            ("<A/>\ntext", OutsideRoot, 2),
            ("<A b=1/>", Syntax, 1),
            ("<A b=\"1\"c=\"2\"/>", Syntax, 1),
            ("<1A/>", Syntax, 1),
            ("< A/>", Syntax, 1),
            ("<!ENTITY x \"y\">", Syntax, 1),
            ("<!DOCTYPE A [<!ENTITY x \"y\">]><A/>", Dtd, 1),
            ("<A><!DOCTYPE A></A>", Syntax, 1),
            ("<!-- only a comment -->", Truncated, 1),
            ("<!-- cut", Truncated, 1),
            ("", Truncated, 1),
        ];
        for (text, expected, line) in cases {
            assert_eq!(
                parse(text).err(),
                Some(XmlError {
                    kind: expected,
                    line
                }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn depth_is_limited_without_recursion() {
        let nested = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        let at_limit = nested(MAX_XML_DEPTH);
        let root = parse(&at_limit).expect("at the limit");
        assert_eq!(depth(&root), MAX_XML_DEPTH);
        assert_eq!(
            kind(&nested(MAX_XML_DEPTH + 1)),
            Some(XmlErrorKind::TooDeep)
        );
        assert_eq!(kind(&"<a>".repeat(1_000_000)), Some(XmlErrorKind::TooDeep));
        let deep_empty = format!(
            "{}<b/>{}",
            "<a>".repeat(MAX_XML_DEPTH),
            "</a>".repeat(MAX_XML_DEPTH)
        );
        assert_eq!(kind(&deep_empty), Some(XmlErrorKind::TooDeep));
    }

    #[test]
    fn more_than_the_input_limit_is_refused_unread() {
        let text = format!("<a>{}</a>", " ".repeat(MAX_INPUT_BYTES));
        assert_eq!(kind(&text), Some(XmlErrorKind::TooLarge));
    }

    fn token() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<".to_owned()),
            Just("</".to_owned()),
            Just(">".to_owned()),
            Just("/>".to_owned()),
            Just("<a>".to_owned()),
            Just("</a>".to_owned()),
            Just("<BLADE>".to_owned()),
            Just("</BLADE>".to_owned()),
            Just("&amp;".to_owned()),
            Just("&#x41;".to_owned()),
            Just("&#65;".to_owned()),
            Just("&".to_owned()),
            Just(";".to_owned()),
            Just("<!--".to_owned()),
            Just("-->".to_owned()),
            Just("<![CDATA[".to_owned()),
            Just("]]>".to_owned()),
            Just("<?xml version=\"1.0\"?>".to_owned()),
            Just("<!DOCTYPE x>".to_owned()),
            Just(" x=\"1\"".to_owned()),
            Just("=".to_owned()),
            Just("\"".to_owned()),
            Just("\n".to_owned()),
            "[a-zA-Z_][a-zA-Z0-9_.-]{0,6}",
            ".{0,8}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

        #[test]
        fn any_text_of_xml_tokens_is_read_or_refused_within_the_depth_limit(
            tokens in prop::collection::vec(token(), 0..64)
        ) {
            let text = tokens.concat();
            match parse(&text) {
                Ok(root) => prop_assert!(depth(&root) <= MAX_XML_DEPTH),
                Err(error) => {
                    prop_assert!(error.line >= 1);
                    prop_assert!(error.line <= text.lines().count().max(1) + 1);
                }
            }
        }

        #[test]
        fn any_bytes_are_read_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse(&text);
            let _ = parse(&format!("<a>{text}</a>"));
        }

        #[test]
        fn nesting_is_refused_exactly_past_the_limit(n in 1usize..300, text in "[a-z &;#>/]{0,6}") {
            let doc = format!("{}{}{}", "<e x='1'>".repeat(n), text, "</e>".repeat(n));
            match parse(&doc) {
                Ok(root) => {
                    prop_assert!(n <= MAX_XML_DEPTH);
                    prop_assert!(depth(&root) <= MAX_XML_DEPTH);
                }
                Err(error) if n > MAX_XML_DEPTH => {
                    prop_assert_eq!(error.kind, XmlErrorKind::TooDeep);
                }
                Err(error) => prop_assert_ne!(error.kind, XmlErrorKind::TooDeep),
            }
        }
    }
}
