//! CSV for Excel in Japan (RFC 4180): quoting, formula defusing, the byte order mark. Used by
//! the preparation list and by the operators' export.

/// The UTF-8 byte order mark. Excel in Japan reads a CSV without it as Shift_JIS.
pub const BOM: char = '\u{FEFF}';

/// Appends one record (fields separated by commas, CRLF at the end).
pub fn push_record(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

/// What makes a spreadsheet read a cell as a formula when it starts the cell (OWASP's CSV
/// injection list: `=`, `+`, `-`, `@`, tab, carriage return), and the full-width forms of the
/// first four (`＝＋－＠`), which Excel in Japan also evaluates: a Japanese input method types
/// them by default.
const FORMULA_STARTERS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// One field, quoted when RFC 4180 requires it, defused when Excel would evaluate it (a `'`
/// before it makes the cell text).
pub fn push_field(out: &mut String, field: &str) {
    let formula = field.starts_with(FORMULA_STARTERS);
    let quote = field.contains([',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in field.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::push_field;

    fn field(text: &str) -> String {
        let mut out = String::new();
        push_field(&mut out, text);
        out
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(field("lf\nonly"), "\"lf\nonly\"");
        assert_eq!(field("全角、読点"), "全角、読点");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("-2,3"), "\"'-2,3\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("+81-3-1234-5678"), "'+81-3-1234-5678");
        assert_eq!(field("\tcmd"), "'\tcmd");
        assert_eq!(field("\rcmd"), "\"'\rcmd\"");
    }

    #[test]
    fn full_width_formulas_are_defused_too() {
        for starter in ['＝', '＋', '－', '＠'] {
            let text = format!("{starter}1+1");
            assert_eq!(field(&text), format!("'{text}"), "{starter}");
        }
        assert_eq!(
            field("＝HYPERLINK(\"http://x\",\"y\")"),
            "\"'＝HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        // Inside the text they are just characters.
        assert_eq!(field("A＝B"), "A＝B");
    }
}
