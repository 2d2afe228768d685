//! The list as Markdown: readable as plain text, printable, and a task list (`- [ ]`) where
//! Markdown is rendered.

use std::fmt::Write as _;

use chrono::NaiveTime;

use super::{tr, PreparationList};
use crate::calendar::to_jst;
use crate::i18n::{format_date, format_time, Lang};

/// Renders `list` in `lang` as UTF-8 Markdown with a `- [ ]` checklist. Lines end with `\n`.
///
/// Every text, and so the customer's own (company, site, servers, versions, also quoted inside
/// the items' details), is escaped so that it cannot add Markdown structure (links, emphasis,
/// table cells, HTML) and line breaks in it become spaces.
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
///     method: Some(UpdateMethod::Firmware),
///     target_version: None,
///     work_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
///     work_start_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
///     generated_at: DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap(),
/// };
/// let list = PreparationList::build(input, &BusinessCalendar::default()).unwrap();
/// let md = to_markdown(&list, Lang::En);
/// assert!(md.starts_with("# Preparation list for the firmware update work\n"));
/// assert!(md.contains("- [ ] **By 2027-02-28 (Sun)** Back up the systems and data"));
/// ```
pub fn to_markdown(list: &PreparationList, lang: Lang) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored rather than unwrapped.
    let _ = write_markdown(&mut out, list, lang);
    out
}

fn write_markdown(out: &mut String, list: &PreparationList, lang: Lang) -> std::fmt::Result {
    let req = &list.request;
    let l = |ja, en| tr(lang, ja, en);
    writeln!(
        out,
        "# {}\n",
        l(
            "ファームウェアアップデート作業 事前準備リスト",
            "Preparation list for the firmware update work"
        )
    )?;
    match req
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        Some(r) => writeln!(out, "{}: {}  ", l("受付番号", "Reference"), inline(r))?,
        None => writeln!(
            out,
            "{}  ",
            l(
                "申込み前のセルフチェックから作成しました（受付番号はまだありません）。",
                "Made from the self-check before submitting (no reference yet)."
            )
        )?,
    }
    let made = to_jst(&req.generated_at);
    writeln!(
        out,
        "{}: {} {}\n",
        l("作成日時", "Made on"),
        format_date(made.date_naive(), lang),
        format_time(made.time(), lang)
    )?;

    writeln!(out, "## {}\n", l("ご依頼の内容", "Your request"))?;
    let field = |out: &mut String, label: &str, value: &str| {
        writeln!(out, "- {label}: {}", inline_or_dash(value))
    };
    field(out, l("会社名", "Company"), &req.company)?;
    field(out, l("作業場所", "Site"), &req.site_address)?;
    field(out, l("ご担当者", "Contact"), &req.contact_name)?;
    let method = req
        .method
        .map(|m| m.label(lang))
        .unwrap_or(l("未定", "Not decided yet"));
    writeln!(
        out,
        "- {}: {method}",
        l("アップデート方法", "Update method")
    )?;
    let target = req.target_version.as_deref().unwrap_or("");
    if target.trim().is_empty() {
        writeln!(
            out,
            "- {}: {}",
            l("アップデート後のバージョン", "Target version"),
            l("未定", "Not decided yet")
        )?;
    } else {
        field(
            out,
            l("アップデート後のバージョン", "Target version"),
            target,
        )?;
    }
    writeln!(
        out,
        "- {}: {} {}",
        l("作業予定日", "Work date"),
        format_date(req.work_date, lang),
        starting(req.work_start_time, lang)
    )?;
    writeln!(
        out,
        "- {}: {}\n",
        l("申込み期限", "Notice deadline"),
        format_date(list.notice_deadline, lang)
    )?;

    writeln!(out, "### {}\n", l("対象サーバー", "Servers"))?;
    if req.servers.is_empty() {
        writeln!(
            out,
            "{}\n",
            l("（まだ登録されていません）", "(None entered yet.)")
        )?;
    } else {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            l("機種", "Model"),
            l("シリアル番号", "Serial number"),
            l("現在のバージョン", "Current version"),
            l("アップデート後のバージョン", "Target version")
        )?;
        writeln!(out, "| --- | --- | --- | --- |")?;
        for server in &req.servers {
            let current = server.current_version.as_deref().unwrap_or("");
            let current = if current.trim().is_empty() {
                l("不明", "Unknown").to_owned()
            } else {
                inline(current)
            };
            let target = server
                .target_version
                .as_deref()
                .or(req.target_version.as_deref())
                .unwrap_or("");
            let target = if target.trim().is_empty() {
                l("未定", "Not decided yet").to_owned()
            } else {
                inline(target)
            };
            writeln!(
                out,
                "| {} | {} | {current} | {target} |",
                inline_or_dash(&server.model),
                inline_or_dash(&server.serial_number)
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## {}\n", l("準備チェックリスト", "Checklist"))?;
    for item in &list.items {
        let mark = if item.done { "x" } else { " " };
        let (who, rules) = (item.responsible.label(lang), item.rules.join(", "));
        let who_and_rules = match lang {
            Lang::Ja => format!("（{who}・{rules}）"),
            Lang::En => format!(" ({who}; {rules})"),
        };
        writeln!(
            out,
            "- [{mark}] **{}** {}{who_and_rules}",
            item.due.label(lang),
            inline(item.title.get(lang)),
        )?;
        writeln!(out, "  {}", inline(item.detail.get(lang)))?;
    }
    writeln!(out)?;

    writeln!(
        out,
        "## {}\n",
        l(
            "本サービスに含まれないこと",
            "What the service does not cover"
        )
    )?;
    for note in &list.not_covered {
        match lang {
            Lang::Ja => writeln!(out, "- {}（{}）", inline(note.text.get(lang)), note.rule)?,
            Lang::En => writeln!(out, "- {} ({})", inline(note.text.get(lang)), note.rule)?,
        }
    }
    writeln!(out)?;

    writeln!(out, "## {}\n", l("サポート窓口", "Support desk"))?;
    match lang {
        Lang::Ja => writeln!(out, "{}（R1、R5）", inline(list.desk.text.get(lang)))?,
        Lang::En => writeln!(out, "{} (R1, R5)", inline(list.desk.text.get(lang)))?,
    }
    Ok(())
}

fn starting(time: NaiveTime, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}から", format_time(time, lang)),
        Lang::En => format!("from {}", format_time(time, lang)),
    }
}

fn inline_or_dash(text: &str) -> String {
    if text.trim().is_empty() {
        "-".to_owned()
    } else {
        inline(text)
    }
}

/// Customer text made inert inside a Markdown line or table cell: line breaks become spaces
/// and Markdown's punctuation is backslash-escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn customer_text_cannot_add_markdown_structure() {
        assert_eq!(inline("a|b\n[x](y) *z*"), r"a\|b \[x\](y) \*z\*");
        assert_eq!(inline("  株式会社サンプル  "), "株式会社サンプル");
    }
}
