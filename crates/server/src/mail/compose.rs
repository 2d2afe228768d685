//! The mails themselves. The customer's are in the language they submitted in; the desk's in
//! Japanese with the English below (the desk mailbox is read by staff of either language).
//! Every customer mail links to `/status` and never carries the access key, except the "new
//! key" mail, whose point is the key.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::i18n::{format_date_both, format_time, Lang};
use fwportal_core::lifecycle::customer::DateChange;
use fwportal_core::lifecycle::Status;
use fwportal_core::preparation::{
    file_name, to_ics, to_markdown, FileKind, PreparationInput, PreparationList, PreparedServer,
};
use fwportal_core::request::{RequestDraft, UpdateMethod};

use super::{Attachment, Audience, Mail, MailSettings};

const SIGNATURE_JA: &str =
    "\n\n--\nアドバンストソリューションセンター\nファームウェアアップデートオプション お申込みポータル\n（このメールは送信専用です。ご返信はポータルのメッセージからお願いします。）";
const SIGNATURE_EN: &str = "\n\n--\nAdvanced Solution Center\nFirmware Update Option portal\n(Please do not reply to this mail: write to us from the portal's status page.)";

fn pick(lang: Lang, ja: String, en: String) -> String {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

fn customer(
    draft: &RequestDraft,
    lang: Lang,
    kind: &'static str,
    subject: String,
    body: String,
) -> Mail {
    let signature = match lang {
        Lang::Ja => SIGNATURE_JA,
        Lang::En => SIGNATURE_EN,
    };
    Mail {
        kind,
        audience: Audience::Customer(draft.contact.email.clone()),
        lang,
        subject,
        body: format!("{body}{signature}"),
        attachments: Vec::new(),
        preparation: None,
    }
}

fn status_paragraph(settings: &MailSettings, reference: &str, lang: Lang) -> String {
    pick(
        lang,
        format!(
            "お申込みの状況とメッセージは、次のページで受付番号 {reference} とアクセスキーを入力してご確認ください。\n{}\nアクセスキーはこのメールには記載していません。お手元にない場合は、同じページの「新しいアクセスキーを送る」から再発行できます。",
            settings.status_link()
        ),
        format!(
            "See the request's status and messages on this page with the reference {reference} and your access key:\n{}\nThe access key is not in this mail. If you no longer have it, ask for a new one on the same page (\"Send me a new key\").",
            settings.status_link()
        ),
    )
}

fn greeting(draft: &RequestDraft, lang: Lang) -> String {
    pick(
        lang,
        format!("{}\n{} 様\n\n", draft.contact.company, draft.contact.name),
        format!("Dear {},\n\n", draft.contact.name),
    )
}

/// The receipt: reference, what happens next, and for update work the preparation list as
/// Markdown and `.ics` (built by `fwportal_core::preparation` for this request).
pub fn receipt(
    settings: &MailSettings,
    calendar: &BusinessCalendar,
    reference: &str,
    draft: &RequestDraft,
    lang: Lang,
    deadline: Option<NaiveDate>,
    generated_at: DateTime<FixedOffset>,
) -> Mail {
    // The operator's settings (R1, R5), not the contract's defaults written into the text.
    let notice = calendar.settings();
    let days = notice.notice_business_days;
    let next = match deadline {
        Some(deadline) => {
            let d = format_date_both(deadline);
            pick(
                lang,
                format!("担当者が内容を確認し、事前確認（バージョンの選定、作業方法、作業日）のご連絡をします。{days}営業日前の受付期限は {} です。", d.ja),
                format!("Our staff will review it and contact you for the preliminary check (version, method, work date). The {days}-business-day deadline was {}.", d.en),
            )
        }
        None => pick(
            lang,
            format!(
                "担当者（TAM）がバージョン選定のご相談について、営業日の {}〜{} にご連絡します。",
                format_time(notice.desk_open, Lang::Ja),
                format_time(notice.desk_close, Lang::Ja)
            ),
            format!(
                "A Technical Account Manager will contact you about the version selection on a business day between {} and {} (Japan time).",
                format_time(notice.desk_open, Lang::En),
                format_time(notice.desk_close, Lang::En)
            ),
        ),
    };
    let body = format!(
        "{}{}\n\n{}\n\n{}",
        greeting(draft, lang),
        pick(
            lang,
            format!("ファームウェアアップデートオプションのお申込みを受け付けました。\n受付番号：{reference}"),
            format!("We have received your request for the Firmware Update Option.\nReference: {reference}"),
        ),
        next,
        status_paragraph(settings, reference, lang),
    );
    let mut mail = customer(
        draft,
        lang,
        "receipt",
        pick(
            lang,
            format!("【受付】ファームウェアアップデートオプション {reference}"),
            format!("Received: Firmware Update Option request {reference}"),
        ),
        body,
    );
    mail.preparation = preparation(reference, draft, calendar, generated_at).map(Box::new);
    mail
}

/// The preparation list's files, as a receipt attaches them.
pub fn preparation_files(list: &PreparationList, lang: Lang) -> Vec<Attachment> {
    vec![
        Attachment {
            name: file_name(FileKind::Markdown, list),
            media_type: FileKind::Markdown.media_type().to_owned(),
            content: to_markdown(list, lang),
        },
        Attachment {
            name: file_name(FileKind::Ics, list),
            media_type: FileKind::Ics.media_type().to_owned(),
            content: to_ics(list, lang),
        },
    ]
}

fn preparation(
    reference: &str,
    draft: &RequestDraft,
    calendar: &BusinessCalendar,
    generated_at: DateTime<FixedOffset>,
) -> Option<PreparationList> {
    let work_date = NaiveDate::parse_from_str(&draft.work_date, "%Y-%m-%d").ok()?;
    let work_start_time = NaiveTime::parse_from_str(&draft.work_start_time, "%H:%M").ok()?;
    let input = PreparationInput {
        reference: Some(reference.to_owned()),
        company: draft.contact.company.clone(),
        site_address: draft.site_address.clone(),
        contact_name: draft.contact.name.clone(),
        onsite_contact: Some(draft.onsite_contact.trim().to_owned()).filter(|c| !c.is_empty()),
        servers: draft
            .servers
            .iter()
            .map(|s| PreparedServer {
                model: s.model.clone(),
                serial_number: s.serial_number.clone(),
                current_version: None,
                target_version: None,
            })
            .collect(),
        method: match draft.update_method.as_str() {
            "spp" => Some(UpdateMethod::Spp),
            "firmware" => Some(UpdateMethod::Firmware),
            _ => None,
        },
        target_version: Some(draft.target_version.clone()).filter(|v| !v.is_empty()),
        work_date,
        work_start_time,
        generated_at,
    };
    PreparationList::build(input, calendar).ok()
}

/// A step of the request's life, with the text meant for the customer.
pub fn status_change(
    settings: &MailSettings,
    reference: &str,
    draft: &RequestDraft,
    lang: Lang,
    status: Status,
    text: &str,
) -> Mail {
    let label = status.label(lang);
    let detail = if text.is_empty() {
        String::new()
    } else {
        format!("\n\n{text}")
    };
    let body = format!(
        "{}{}{detail}\n\n{}",
        greeting(draft, lang),
        pick(
            lang,
            format!("お申込み {reference} の状況が「{label}」になりました。"),
            format!("Your request {reference} is now “{label}”."),
        ),
        status_paragraph(settings, reference, lang),
    );
    customer(
        draft,
        lang,
        "status_change",
        pick(
            lang,
            format!("【{label}】ファームウェアアップデートオプション {reference}"),
            format!("{label}: Firmware Update Option request {reference}"),
        ),
        body,
    )
}

/// A message of the desk to the customer.
pub fn desk_message(
    settings: &MailSettings,
    reference: &str,
    draft: &RequestDraft,
    lang: Lang,
    message: &str,
) -> Mail {
    let body = format!(
        "{}{}\n\n{message}\n\n{}",
        greeting(draft, lang),
        pick(
            lang,
            format!(
                "お申込み {reference} について、サポートセンターからメッセージが届いています。"
            ),
            format!("The support centre has written to you about your request {reference}."),
        ),
        status_paragraph(settings, reference, lang),
    );
    customer(
        draft,
        lang,
        "desk_message",
        pick(
            lang,
            format!("【メッセージ】ファームウェアアップデートオプション {reference}"),
            format!("New message: Firmware Update Option request {reference}"),
        ),
        body,
    )
}

/// The desk's answer to the customer's request for another work date.
pub fn date_change_answer(
    settings: &MailSettings,
    reference: &str,
    draft: &RequestDraft,
    lang: Lang,
    accepted: bool,
    change: DateChange,
    note: &str,
) -> Mail {
    let date = format_date_both(change.work_date);
    let time = format_time(change.work_start_time, lang);
    let (subject, line) = match (accepted, lang) {
        (true, Lang::Ja) => (
            format!("【作業日の変更を承りました】{reference}"),
            format!("作業日の変更（{} {time}開始）を承りました。", date.ja),
        ),
        (false, Lang::Ja) => (
            format!("【作業日の変更について】{reference}"),
            format!(
                "作業日の変更（{} {time}開始）はお受けできませんでした。",
                date.ja
            ),
        ),
        (true, Lang::En) => (
            format!("Work date changed: {reference}"),
            format!(
                "We have accepted the change of the work date to {}, starting {time}.",
                date.en
            ),
        ),
        (false, Lang::En) => (
            format!("About the change of work date: {reference}"),
            format!(
                "We could not accept the change of the work date to {}, starting {time}.",
                date.en
            ),
        ),
    };
    let note = if note.is_empty() {
        String::new()
    } else {
        format!("\n\n{note}")
    };
    let body = format!(
        "{}{line}{note}\n\n{}",
        greeting(draft, lang),
        status_paragraph(settings, reference, lang)
    );
    customer(draft, lang, "date_change_answer", subject, body)
}

/// A new access key the customer asked for: the only mail that carries a key.
pub fn new_key(
    settings: &MailSettings,
    reference: &str,
    draft: &RequestDraft,
    lang: Lang,
    key: &str,
) -> Mail {
    let body = format!(
        "{}{}\n\n{key}\n\n{}",
        greeting(draft, lang),
        pick(
            lang,
            format!("お申込み {reference} の新しいアクセスキーをお送りします。これまでのアクセスキーは使えなくなりました。次のページで受付番号とこのキーを入力してください。\n{}", settings.status_link()),
            format!("Here is the new access key for your request {reference}. The previous key no longer works. Enter the reference and this key on this page:\n{}", settings.status_link()),
        ),
        pick(
            lang,
            "このメールに心当たりがない場合は、サポートセンターにご連絡ください。".to_owned(),
            "If you did not ask for a new key, please tell the support centre.".to_owned(),
        ),
    );
    customer(
        draft,
        lang,
        "new_key",
        pick(
            lang,
            format!("【アクセスキーの再発行】{reference}"),
            format!("Your new access key: {reference}"),
        ),
        body,
    )
}

fn desk(
    kind: &'static str,
    settings: &MailSettings,
    reference: &str,
    subject_ja: &str,
    subject_en: &str,
    ja: String,
    en: String,
) -> Mail {
    Mail {
        kind,
        audience: Audience::Desk,
        lang: Lang::Ja,
        subject: format!("[{reference}] {subject_ja} / {subject_en}"),
        body: format!("{ja}\n\n{en}\n\n{}", settings.desk_link(reference)),
        attachments: Vec::new(),
        preparation: None,
    }
}

/// The desk is told of a new request.
pub fn desk_new_request(settings: &MailSettings, reference: &str, draft: &RequestDraft) -> Mail {
    let who = format!("{} / {}", draft.contact.company, draft.contact.name);
    desk(
        "desk_new_request",
        settings,
        reference,
        "新しいお申込み",
        "New request",
        format!(
            "新しいお申込みがありました（{who}、契約番号 {}、作業予定日 {}）。",
            draft.contract.number, draft.work_date
        ),
        format!(
            "A new request came in ({who}, contract {}, work date {}).",
            draft.contract.number, draft.work_date
        ),
    )
}

/// The desk is told of a customer's message (the text is in the desk, not in the mail).
pub fn desk_customer_message(settings: &MailSettings, reference: &str, message: &str) -> Mail {
    desk(
        "desk_customer_message",
        settings,
        reference,
        "お客様からのメッセージ",
        "Message from the customer",
        format!("お客様からメッセージが届きました。\n\n{message}"),
        "The customer has written (the message is above).".to_owned(),
    )
}

/// The desk is told of a cancellation, flagged when it came after the R5 deadline.
pub fn desk_cancellation(
    settings: &MailSettings,
    reference: &str,
    reason: &str,
    late: bool,
) -> Mail {
    let (late_ja, late_en) = if late {
        (
            "【R5の受付期限後のキャンセル】",
            "[Cancelled after the R5 deadline] ",
        )
    } else {
        ("", "")
    };
    desk(
        "desk_cancellation",
        settings,
        reference,
        "お客様によるキャンセル",
        "Cancelled by the customer",
        format!("{late_ja}お客様がお申込みをキャンセルしました。理由：{reason}"),
        format!("{late_en}The customer cancelled the request. Reason: {reason}"),
    )
}

/// The desk is told the customer asks for another work date.
pub fn desk_date_change(
    settings: &MailSettings,
    reference: &str,
    work_date: NaiveDate,
    work_start_time: NaiveTime,
) -> Mail {
    let date = format_date_both(work_date);
    desk(
        "desk_date_change",
        settings,
        reference,
        "作業日の変更のお申し出",
        "Another work date asked for",
        format!(
            "お客様が作業日の変更を希望しています：{} {}開始。承認または却下してください。",
            date.ja,
            format_time(work_start_time, Lang::Ja)
        ),
        format!(
            "The customer asks to move the work to {}, starting {}. Accept or decline it.",
            date.en,
            format_time(work_start_time, Lang::En)
        ),
    )
}

/// The desk is told the customer answered a return.
pub fn desk_resubmitted(settings: &MailSettings, reference: &str) -> Mail {
    desk(
        "desk_resubmitted",
        settings,
        reference,
        "差し戻しへの回答",
        "Return answered",
        "お客様が差し戻しに回答し、お申込みを再送信しました。".to_owned(),
        "The customer answered the return and sent the request again.".to_owned(),
    )
}
