//! The checklist as CSV for Excel (RFC 4180).

use super::{tr, PreparationList};
use crate::csv::{push_record, BOM};
use crate::dates::{hour_minute, iso_date};
use crate::i18n::Lang;

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
///     onsite_contact: None,
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
            Some(time) => format!("{} {}", iso_date(item.due.date), hour_minute(time)),
            None => iso_date(item.due.date),
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
