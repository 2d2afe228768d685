//! The list as an iCalendar file (RFC 5545): the notice deadline, the backup reminder and the
//! work itself, each with an alarm.

use chrono::{NaiveDate, Timelike, Utc};

use super::{reference_slug, tr, PreparationList};
use crate::dates::{compact_date, utc_stamp};
use crate::i18n::{format_date, Lang};

/// How long the work event lasts in the calendar. The contract promises no length (and no
/// time chart, R14); four hours blocks the morning or afternoon the work is planned for.
pub const WORK_DURATION_HOURS: u32 = 4;

/// The domain part of every UID; `.invalid` can never be a real host (RFC 2606).
const UID_DOMAIN: &str = "fwportal.invalid";

/// The longest content line, in octets, excluding the CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// Renders `list` in `lang` as an iCalendar object with three events:
///
/// * `notice`: the notice deadline (R5), all day, alarm at 09:00 the day before (`-PT15H`);
/// * `backup`: the backup reminder on the day before the work (C3), all day, same alarm;
/// * `work`: the on-site work at its start time in `Asia/Tokyo` for
///   [`WORK_DURATION_HOURS`], at the site address, alarm one hour before (`-PT1H`).
///
/// UIDs are stable (`FWU-2027-000123-work@fwportal.invalid`, or `20270301-work@…` before a
/// reference exists) so that importing a newer list updates the events instead of doubling
/// them. DTSTAMP is `generated_at` in UTC. Lines end with CRLF and are folded at 75 octets
/// without splitting a character; TEXT values are escaped ([`escape_text`]).
///
/// ```
/// use chrono::{DateTime, NaiveDate, NaiveTime};
/// use fwportal_core::calendar::BusinessCalendar;
/// use fwportal_core::i18n::Lang;
/// use fwportal_core::preparation::*;
///
/// let input = PreparationInput {
///     reference: Some("FWU-2027-000123".into()),
///     company: "Example KK".into(),
///     site_address: "1-2-3 Koto, Tokyo".into(),
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
/// let ics = to_ics(&list, Lang::En);
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
/// assert!(ics.contains("\r\nDTSTART;TZID=Asia/Tokyo:20270301T090000\r\n"));
/// assert!(ics.contains("\r\nLOCATION:1-2-3 Koto\\, Tokyo\r\n"));
/// assert!(ics.contains("\r\nDTSTAMP:20270108T010000Z\r\n"));
/// assert!(ics.contains("\r\nUID:FWU-2027-000123-work@fwportal.invalid\r\n"));
/// ```
pub fn to_ics(list: &PreparationList, lang: Lang) -> String {
    let l = |ja, en| tr(lang, ja, en);
    let req = &list.request;
    let uid_base = reference_slug(list).unwrap_or_else(|| compact_date(req.work_date));
    let dtstamp = utc_stamp(req.generated_at.with_timezone(&Utc));
    let reference_suffix = reference_slug(list)
        .map(|r| format!(" {r}"))
        .unwrap_or_default();
    let work_day = format_date(req.work_date, lang);
    let detail = |id: &str| {
        list.item(id)
            .map(|item| item.detail.get(lang).to_owned())
            .unwrap_or_default()
    };

    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//fwportal//Preparation list//{}",
            lang.tag().to_ascii_uppercase()
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VTIMEZONE".into(),
        "TZID:Asia/Tokyo".into(),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        "TZOFFSETFROM:+0900".into(),
        "TZOFFSETTO:+0900".into(),
        "TZNAME:JST".into(),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
    ];

    let notice_summary = match lang {
        Lang::Ja => {
            format!("申込み期限: ファームウェアアップデート作業（{work_day}）{reference_suffix}")
        }
        Lang::En => {
            format!("Notice deadline: firmware update work on {work_day}{reference_suffix}")
        }
    };
    let notice_description = format!("{}\n{}", detail("notice"), list.desk.text.get(lang));
    // Once the request was sent (the item is done) the deadline is no reminder any more: no
    // event whose alarm would ring for something already done (issue 14).
    if !list.item("notice").is_some_and(|item| item.done) {
        all_day_event(
            &mut lines,
            &format!("{uid_base}-notice@{UID_DOMAIN}"),
            &dtstamp,
            list.notice_deadline,
            &notice_summary,
            &notice_description,
        );
    }

    if let Some(backup) = list.item("backup") {
        let summary = match lang {
            Lang::Ja => format!(
                "バックアップの取得（明日はファームウェアアップデート作業）{reference_suffix}"
            ),
            Lang::En => format!(
                "Back up systems and data (firmware update work tomorrow){reference_suffix}"
            ),
        };
        all_day_event(
            &mut lines,
            &format!("{uid_base}-backup@{UID_DOMAIN}"),
            &dtstamp,
            backup.due.date,
            &summary,
            backup.detail.get(lang),
        );
    }

    let time = req.work_start_time;
    let mut description = String::new();
    description.push_str(l("対象サーバー:", "Servers:"));
    for server in &req.servers {
        let current = server
            .current_version
            .as_deref()
            .filter(|v| !v.trim().is_empty())
            .unwrap_or(l("不明", "unknown"));
        let target = server
            .target_version
            .as_deref()
            .or(req.target_version.as_deref())
            .filter(|v| !v.trim().is_empty())
            .unwrap_or(l("未定", "not decided"));
        description.push_str(&format!(
            "\n- {} ({}): {current} → {target}",
            server.model.trim(),
            server.serial_number.trim()
        ));
    }
    if req.servers.is_empty() {
        description.push_str(l("（未登録）", " (none entered)"));
    }
    for id in ["stop-services", "stop-systems"] {
        description.push('\n');
        description.push_str(&detail(id));
    }
    if let Some(item) = list.item("staff-present") {
        description.push('\n');
        description.push_str(item.title.get(lang));
    }
    lines.extend([
        "BEGIN:VEVENT".into(),
        format!("UID:{uid_base}-work@{UID_DOMAIN}"),
        format!("DTSTAMP:{dtstamp}"),
        format!(
            "DTSTART;TZID=Asia/Tokyo:{}T{:02}{:02}{:02}",
            compact_date(req.work_date),
            time.hour(),
            time.minute(),
            time.second().min(59)
        ),
        format!("DURATION:PT{WORK_DURATION_HOURS}H"),
        format!(
            "SUMMARY:{}",
            escape_text(&format!(
                "{}{reference_suffix}",
                l(
                    "ファームウェアアップデート作業（オンサイト）",
                    "Firmware update work (on site)"
                )
            ))
        ),
        format!("LOCATION:{}", escape_text(req.site_address.trim())),
        format!("DESCRIPTION:{}", escape_text(&description)),
        "STATUS:CONFIRMED".into(),
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        format!(
            "DESCRIPTION:{}",
            escape_text(l(
                "1時間後にファームウェアアップデート作業が始まります。対象システムとサービスを停止してください。",
                "The firmware update work starts in one hour. Stop the target systems and services."
            ))
        ),
        "TRIGGER:-PT1H".into(),
        "END:VALARM".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ]);

    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold_line(line));
        out.push_str("\r\n");
    }
    out
}

/// An all-day event on `date` with an alarm at 09:00 the day before. `TRANSP:TRANSPARENT`
/// keeps it from blocking the day in free/busy views.
fn all_day_event(
    lines: &mut Vec<String>,
    uid: &str,
    dtstamp: &str,
    date: NaiveDate,
    summary: &str,
    description: &str,
) {
    lines.extend([
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{dtstamp}"),
        format!("DTSTART;VALUE=DATE:{}", compact_date(date)),
    ]);
    // Without DTEND an all-day event lasts one day anyway (RFC 5545 §3.6.1), so the last day
    // chrono knows needs no special case.
    if let Some(next) = date.succ_opt() {
        lines.push(format!("DTEND;VALUE=DATE:{}", compact_date(next)));
    }
    lines.extend([
        format!("SUMMARY:{}", escape_text(summary)),
        format!("DESCRIPTION:{}", escape_text(description)),
        "TRANSP:TRANSPARENT".into(),
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        format!("DESCRIPTION:{}", escape_text(summary)),
        "TRIGGER:-PT15H".into(),
        "END:VALARM".into(),
        "END:VEVENT".into(),
    ]);
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma get a backslash,
/// line breaks (CRLF, CR or LF) become `\n`. Other control characters, which TEXT cannot hold,
/// are dropped; tabs stay.
///
/// ```
/// use fwportal_core::preparation::{escape_text, unescape_text};
/// let text = "a;b,c\\d\r\ne";
/// assert_eq!(escape_text(text), "a\\;b\\,c\\\\d\\ne");
/// assert_eq!(unescape_text(&escape_text(text)), "a;b,c\\d\ne");
/// ```
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Undoes [`escape_text`]: `\\`, `\;`, `\,`, `\n` and `\N`. A backslash before anything else
/// is kept as it is.
pub fn unescape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(e @ ('\\' | ';' | ',')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Folds one content line (without its CRLF) so that no physical line exceeds 75 octets
/// (RFC 5545 §3.1): a CRLF and a space are inserted before the character that would cross the
/// limit, so a multi-byte UTF-8 character is never split. The leading space of a continuation
/// line counts toward its 75 octets. No CRLF is added at the end.
///
/// ```
/// use fwportal_core::preparation::{fold_line, unfold};
/// let line = format!("SUMMARY:{}", "準備".repeat(20)); // 8 + 120 octets
/// let folded = fold_line(&line);
/// assert!(folded.split("\r\n").all(|l| l.len() <= 75));
/// assert_eq!(unfold(&folded), line);
/// ```
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 50 * 3);
    let mut octets = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if octets + width > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += width;
    }
    out
}

/// Unfolds iCalendar text: removes every CRLF that is followed by a space or a tab, together
/// with that one whitespace character (RFC 5545 §3.1).
pub fn unfold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\r\n") {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        let next = after.strip_prefix("\r\n").unwrap_or(after);
        match next.strip_prefix([' ', '\t']) {
            Some(continued) => rest = continued,
            None => {
                out.push_str("\r\n");
                rest = next;
            }
        }
    }
    out.push_str(rest);
    out
}
