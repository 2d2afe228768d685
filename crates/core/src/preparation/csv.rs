//! The checklist as CSV for Excel (RFC 4180).

use super::{tr, PreparationList};
use crate::i18n::Lang;

/// The UTF-8 byte order mark. Excel in Japan reads a CSV without it as Shift_JIS.
const BOM: char = '\u{FEFF}';

/// Renders the checklist as CSV: the UTF-8 BOM, a localized header
/// (`項目,期限,担当,完了` / `Item,Due,Responsible,Done`), one row per item, CRLF line ends.
///
/// Due dates are ISO (`2027-02-26`, or `2027-03-01 09:00` on the work date) in both
/// languages, so that Excel reads them as dates and sorts them. Fields are quoted as RFC 4180
/// says (when they hold a comma, a quote, CR or LF; quotes doubled). A field that Excel would
/// take for a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets a leading `'`.
///
/// ```
/// use chrono::{DateTime, NaiveDate, NaiveTime};
/// use fwportal_core::calendar::BusinessCalendar;
/// use fwportal_core::i18n::Lang;
/// use fwportal_core::preparation::*;
///
/// let input = PreparationInput {
///     reference: None,
///     company: "Example KK".into(),
///     site_address: "Tokyo".into(),
///     contact_name: "Yamada".into(),
///     servers: vec![],
///     method: None,
///     target_version: None,
///     work_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
///     work_start_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
///     generated_at: DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap(),
/// };
/// let list = PreparationList::build(input, &BusinessCalendar::default()).unwrap();
/// let csv = to_csv(&list, Lang::Ja);
/// assert!(csv.starts_with("\u{FEFF}項目,期限,担当,完了\r\n"));
/// assert!(csv.contains("システムとデータのバックアップ,2027-02-28,お客様,いいえ\r\n"));
/// ```
pub fn to_csv(list: &PreparationList, lang: Lang) -> String {
    let l = |ja, en| tr(lang, ja, en);
    let mut out = String::new();
    out.push(BOM);
    push_record(
        &mut out,
        &[
            l("項目", "Item"),
            l("期限", "Due"),
            l("担当", "Responsible"),
            l("完了", "Done"),
        ],
    );
    for item in &list.items {
        let due = match item.due.time {
            Some(time) => format!(
                "{} {}",
                item.due.date.format("%Y-%m-%d"),
                time.format("%H:%M")
            ),
            None => item.due.date.format("%Y-%m-%d").to_string(),
        };
        let done = if item.done {
            l("はい", "Yes")
        } else {
            l("いいえ", "No")
        };
        push_record(
            &mut out,
            &[
                item.title.get(lang),
                &due,
                item.responsible.label(lang),
                done,
            ],
        );
    }
    out
}

fn push_record(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

/// One field, quoted when RFC 4180 requires it, defused when Excel would evaluate it.
fn push_field(out: &mut String, field: &str) {
    let formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
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
    }
}
