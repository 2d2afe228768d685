//! The checklist, the "not covered" notes and the desk's hours, with their texts in both
//! languages. Dates are computed here and nowhere else.

use chrono::{NaiveDate, NaiveTime};

use super::{
    ChecklistItem, DeskHours, Due, DueKind, NotCovered, PreparationInput, PreparationList,
    Responsible, UpdateMethod, COLLECT_BUSINESS_DAYS, SITE_ARRANGEMENTS_BUSINESS_DAYS,
    VERSION_DECISION_BUSINESS_DAYS,
};
use crate::calendar::{BusinessCalendar, CalendarError};
use crate::i18n::{format_date, format_time, Bilingual, Lang};
use crate::sort::stable_sort_by_key;

/// The dates every item is due on, computed once from the work date and the calendar.
struct Dates {
    work: NaiveDate,
    start: NaiveTime,
    /// R5: the last day the request may reach the desk.
    deadline: NaiveDate,
    /// C1: information gathered, after the TAM team's first call (which follows the
    /// request's receipt) and before the version is decided.
    collect: NaiveDate,
    /// C2, R9, R10: version decided and dependencies checked.
    version: NaiveDate,
    /// C5: on-site arrangements made.
    site: NaiveDate,
    /// C3: the calendar day before the work date.
    backup: NaiveDate,
    last_business_day: NaiveDate,
}

impl Dates {
    fn compute(input: &PreparationInput, cal: &BusinessCalendar) -> Result<Dates, CalendarError> {
        let work = input.work_date;
        let deadline = cal.deadline(work)?;
        // No item is due before the notice deadline (module docs).
        let version = cal
            .sub_business_days(work, VERSION_DECISION_BUSINESS_DAYS)?
            .max(deadline);
        let site = cal
            .sub_business_days(work, SITE_ARRANGEMENTS_BUSINESS_DAYS)?
            .max(deadline);
        // Five business days after the deadline give time after the desk's first call, never
        // later than the version decision that needs the information.
        let collect = cal
            .add_business_days(deadline, COLLECT_BUSINESS_DAYS)?
            .min(version)
            .max(deadline);
        let backup = work
            .pred_opt()
            .ok_or(CalendarError::OutOfRange { date: work })?;
        let last_business_day = cal.sub_business_days(work, 1)?;
        Ok(Dates {
            work,
            start: input.work_start_time,
            deadline,
            collect,
            version,
            site,
            backup,
            last_business_day,
        })
    }
}

/// A bilingual text built by the same closure for each language, so that both languages use
/// the same values.
fn both(text: impl Fn(Lang) -> String) -> Bilingual {
    Bilingual::new(text(Lang::Ja), text(Lang::En))
}

struct ItemSpec {
    id: &'static str,
    rules: &'static [&'static str],
    title: Bilingual,
    detail: Bilingual,
    due: Due,
    responsible: Responsible,
}

impl From<ItemSpec> for ChecklistItem {
    fn from(spec: ItemSpec) -> Self {
        ChecklistItem {
            id: spec.id.to_owned(),
            rules: spec.rules.iter().map(|r| (*r).to_owned()).collect(),
            title: spec.title,
            detail: spec.detail,
            due: spec.due,
            responsible: spec.responsible,
            done: false,
        }
    }
}

fn by(date: NaiveDate) -> Due {
    Due {
        date,
        time: None,
        kind: DueKind::By,
    }
}

pub(super) fn build(
    input: PreparationInput,
    cal: &BusinessCalendar,
) -> Result<PreparationList, CalendarError> {
    let dates = Dates::compute(&input, cal)?;
    let settings = cal.settings();
    let notice_days = settings.notice_business_days;
    let by_start = Due {
        date: dates.work,
        time: Some(dates.start),
        kind: DueKind::By,
    };
    let reference = input
        .reference
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let target = input
        .target_version
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    // The witness is the on-site contact; the requester is not named for it (issue 14).
    let contact = input
        .onsite_contact
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    let site = input.site_address.trim();
    let d = |date: NaiveDate, lang: Lang| format_date(date, lang);
    let t = |time: NaiveTime, lang: Lang| format_time(time, lang);

    let mut specs = vec![
        ItemSpec {
            id: "notice",
            rules: &["R5"],
            title: Bilingual::new(
                "サポート窓口への申込み",
                "Send the request to the support centre",
            ),
            detail: both(|lang| {
                let submitted = match (reference, lang) {
                    (Some(r), Lang::Ja) => format!("受付番号 {r} でお申し込みいただいています。"),
                    (Some(r), Lang::En) => format!("Your request has the reference {r}. "),
                    (None, _) => String::new(),
                };
                match lang {
                    Lang::Ja => format!(
                        "{submitted}作業予定日の{notice_days}営業日前にあたる{}までに、申込みがアドバンストソリューションセンターのサポート窓口に届いている必要があります。{}以降や休業日に届いた申込みは、翌営業日の受付になります。",
                        d(dates.deadline, lang),
                        t(settings.cutoff, lang),
                    ),
                    Lang::En => format!(
                        "{submitted}The request must reach the Advanced Solution Center support desk by {}, {notice_days} business days before the work date. A request that arrives at or after {} or on a day off counts as received on the next business day.",
                        d(dates.deadline, lang),
                        t(settings.cutoff, lang),
                    ),
                }
            }),
            due: by(dates.deadline),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "collect-information",
            rules: &["C1"],
            title: Bilingual::new(
                "バージョン選定に必要な情報の収集",
                "Gather the information needed to choose the version",
            ),
            detail: Bilingual::new(
                "対象サーバーの現在のファームウェア、OS、デバイスドライバー、接続しているストレージなどの周辺機器と、それぞれのバージョンを確認してください。何を集めればよいかは、テクニカルアカウントマネージャーチーム（TAM）がご案内します。",
                "Note the current firmware, operating system and device drivers of each server and the storage and other peripherals connected to it, with their versions. The Technical Account Manager team (TAM) tells you what to collect.",
            ),
            due: by(dates.collect),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "decide-version",
            rules: &["C2"],
            title: Bilingual::new(
                "アップデートするファームウェアのバージョンの決定",
                "Decide the firmware version to update to",
            ),
            detail: both(|lang| {
                let planned = match (target, lang) {
                    (Some(v), Lang::Ja) => format!("現在の予定: {v}。"),
                    (Some(v), Lang::En) => format!("Planned now: {v}."),
                    (None, Lang::Ja) => "まだ決まっていません。".to_owned(),
                    (None, Lang::En) => "Not decided yet.".to_owned(),
                };
                match lang {
                    Lang::Ja => format!("TAMの案内を参考に、アップデート後のバージョンを決めてください。{planned}"),
                    Lang::En => format!("Decide, with the TAM's advice, which version the servers go to. {planned}"),
                }
            }),
            due: by(dates.version),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "check-dependencies",
            rules: &["C2", "R10"],
            title: Bilingual::new(
                "本サービス対象外のソフトウェアと周辺機器との依存関係の確認",
                "Check dependencies on software and peripherals outside this service",
            ),
            detail: Bilingual::new(
                "OS、ミドルウェア、デバイスドライバー、ストレージなどの周辺機器のファームウェアとソフトウェアが、新しいファームウェアと組み合わせて使えるか確認してください。これらのアップデートが必要な場合は、お客様がアップデートの内容を決めて作業を行ってください（当社に別途有償で依頼することもできます）。",
                "Check that the operating system, middleware, device drivers and the firmware and software of storage and other peripherals work with the new firmware. If they need updating, you decide on and carry out those updates yourself (or order that work from us separately, at extra cost).",
            ),
            due: by(dates.version),
            responsible: Responsible::Customer,
        },
    ];
    if input.method == Some(UpdateMethod::Spp) {
        specs.push(ItemSpec {
            id: "spp-os-changes",
            rules: &["R9"],
            title: Bilingual::new(
                "SPPによるOSへの変更の事前検証",
                "Validate the operating-system changes the SPP makes",
            ),
            detail: Bilingual::new(
                "SPPでアップデートすると、ドライバーやユーティリティなどOSに変更が加わります。考慮すべき点はTAMが助言しますが、システム全体の事前検証と動作保証は本サービスに含まれません。お客様の環境で事前に検証してください。",
                "Updating with the SPP changes the operating system (drivers, utilities, agents). The TAM advises on what to consider, but validating or guaranteeing the whole system is not part of this service: please test it in your own environment beforehand.",
            ),
            due: by(dates.version),
            responsible: Responsible::Customer,
        });
    }
    specs.extend([
        ItemSpec {
            id: "site-access",
            rules: &["C5"],
            title: Bilingual::new("施設への立ち入り許可", "Facility access for the engineers"),
            detail: both(|lang| match lang {
                Lang::Ja => format!("作業当日、当社のエンジニアがすぐに施設（{site}）へ入れるよう、入館の手続きを済ませてください。"),
                Lang::En => format!("Arrange entry to the site ({site}) so that our engineers can get in promptly on the work date."),
            }),
            due: by(dates.site),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "work-space",
            rules: &["C5"],
            title: Bilingual::new("作業スペースの確保", "A work space"),
            detail: Bilingual::new(
                "作業に十分な広さの場所を用意してください。",
                "Provide a work space of adequate size for the work.",
            ),
            due: by(dates.site),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "console-equipment",
            rules: &["C5"],
            title: Bilingual::new(
                "システムコンソールと備品の使用許可",
                "Use of the console and equipment",
            ),
            detail: Bilingual::new(
                "作業に必要なシステムコンソールと備品を使えるようにしてください。",
                "Let the engineers use the system console and the equipment the work needs.",
            ),
            due: by(dates.site),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "staff-present",
            rules: &["C5"],
            title: Bilingual::new(
                "立会いのご担当者の手配",
                "A staff member present throughout the work",
            ),
            detail: both(|lang| match (lang, contact.is_empty()) {
                (Lang::Ja, false) => format!("作業の開始から終了まで立ち会うご担当者を確保してください（お申込み時の立会い担当者: {contact}）。"),
                (Lang::Ja, true) => "作業の開始から終了まで立ち会うご担当者を決めてください。".to_owned(),
                (Lang::En, false) => format!("Make sure a staff member is present from the start to the end of the work (the on-site contact in your request: {contact})."),
                (Lang::En, true) => "Name a staff member who will be present from the start to the end of the work.".to_owned(),
            }),
            due: by(dates.site),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "media-permission",
            rules: &["C5"],
            title: Bilingual::new(
                "記録媒体の持込み許可",
                "Permission to bring in recording media",
            ),
            detail: Bilingual::new(
                "作業に必要なDVD、USBメモリ、ノートPCなどの持込みを許可してください。持込みに申請が必要な場合は、事前に手続きを済ませてください。",
                "Allow the engineers to bring in the DVDs, USB memory and notebook PCs the work needs; if bringing them in needs an application, complete it beforehand.",
            ),
            due: by(dates.site),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "backup",
            rules: &["C3", "R15"],
            title: Bilingual::new(
                "システムとデータのバックアップ",
                "Back up the systems and data",
            ),
            detail: both(|lang| match lang {
                Lang::Ja => format!(
                    "作業日の前日（{}）までに、対象サーバーのシステム（OSを含む）とデータのバックアップを取得してください。原因を問わず、データの喪失について当社は責任を負いません。",
                    d(dates.backup, lang)
                ),
                Lang::En => format!(
                    "By the day before the work ({}), take a full backup of the systems (operating system included) and data of the target servers. We accept no liability for lost data, whatever the cause.",
                    d(dates.backup, lang)
                ),
            }),
            due: by(dates.backup),
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "stop-services",
            rules: &["C4"],
            title: Bilingual::new("OS上のサービスの停止", "Stop the services on the operating system"),
            detail: both(|lang| match lang {
                Lang::Ja => format!(
                    "作業開始（{}）までに、対象サーバーのOS上でサービスを停止してください。OS上の操作はお客様にお願いしています。",
                    t(dates.start, lang)
                ),
                Lang::En => format!(
                    "Before the work starts ({}), stop the services on the target servers' operating systems. Operations on the operating system are yours to do.",
                    t(dates.start, lang)
                ),
            }),
            due: by_start,
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "stop-systems",
            rules: &["R12"],
            title: Bilingual::new("対象システムの停止", "Stop the target systems"),
            detail: Bilingual::new(
                "作業のため、対象のシステムを停止してください。作業中は業務に使えません。",
                "Stop the target systems for the work; they cannot be used for business while it goes on.",
            ),
            due: by_start,
            responsible: Responsible::Customer,
        },
        ItemSpec {
            id: "update-work",
            rules: &["R8", "R16"],
            title: Bilingual::new(
                "オンサイトでのファームウェアアップデート作業",
                "The on-site firmware update",
            ),
            detail: Bilingual::new(
                "当社のエンジニアが訪問し、事前に合意した内容でファームウェアをアップデートします。作業中に発生した障害は、ご契約のプロアクティブケアの範囲で対応します。",
                "Our engineers come on site and update the firmware as agreed beforehand. A fault during the work is handled under your Proactive Care contract.",
            ),
            due: Due {
                kind: DueKind::StartsAt,
                ..by_start
            },
            responsible: Responsible::Service,
        },
        ItemSpec {
            id: "restart-and-check",
            rules: &["C4", "R13"],
            title: Bilingual::new(
                "作業後のサービスの開始と業務の確認",
                "Restart the services and check your applications",
            ),
            detail: Bilingual::new(
                "作業が終わったら、OS上のサービスを開始し、業務アプリケーションが正しく動くことを確認してください。アプリケーションの動作保証は本サービスに含まれません。",
                "After the work, start the services on the operating system and check that your business applications work. Their correct behaviour is not guaranteed by this service.",
            ),
            due: Due {
                date: dates.work,
                time: None,
                kind: DueKind::AfterWork,
            },
            responsible: Responsible::Customer,
        },
    ]);

    let mut items: Vec<ChecklistItem> = specs.into_iter().map(ChecklistItem::from).collect();
    // A submitted request's list: sending it is done, not an open to-do (issue 14).
    if reference.is_some() {
        if let Some(notice) = items.iter_mut().find(|item| item.id == "notice") {
            notice.done = true;
        }
    }
    // A stable sort keeps the order above for items due at the same moment; an item without a
    // time on the work date comes after the ones at the start time.
    stable_sort_by_key(&mut items, |item| {
        (item.due.date, item.due.time.is_none(), item.due.time)
    });

    let desk = DeskHours {
        open: settings.desk_open,
        close: settings.desk_close,
        notice_business_days: notice_days,
        notice_deadline: dates.deadline,
        last_business_day_before_work: dates.last_business_day,
        text: both(|lang| {
            match lang {
            Lang::Ja => format!(
                "アドバンストソリューションセンターのサポート窓口は、営業日の{}～{}に受け付けています（土日祝日と12月30日～1月3日を除きます）。作業日の前の最後の営業日は{}です。",
                t(settings.desk_open, lang),
                t(settings.desk_close, lang),
                d(dates.last_business_day, lang),
            ),
            Lang::En => format!(
                "The Advanced Solution Center support desk is open {}–{} Japan time on business days (not on Saturdays, Sundays, national holidays or December 30 – January 3). The last business day before the work is {}.",
                t(settings.desk_open, lang),
                t(settings.desk_close, lang),
                d(dates.last_business_day, lang),
            ),
        }
        }),
    };

    Ok(PreparationList {
        request: input,
        notice_deadline: dates.deadline,
        items,
        not_covered: not_covered(),
        desk,
    })
}

/// What the service does not do (R9, R10, R13–R16).
fn not_covered() -> Vec<NotCovered> {
    let note = |rule: &str, ja: &str, en: &str| NotCovered {
        rule: rule.to_owned(),
        text: Bilingual::new(ja, en),
    };
    vec![
        note(
            "R9",
            "SPPでアップデートするとOSに変更が加わります。考慮すべき点の助言はしますが、システム全体の事前検証と動作保証は含まれません。",
            "Updating with the SPP changes the operating system. We advise on what to consider, but do not validate or guarantee the whole system.",
        ),
        note(
            "R10",
            "サーバー上のソフトウェア（OS、ミドルウェア、SPPに含まれないツールやユーティリティ、デバイスドライバー）と、周辺機器のファームウェアとソフトウェアのアップデートは含まれません（別途有償でご依頼いただけます）。",
            "Updating the software on the servers (operating system, middleware, tools and utilities not in the SPP, device drivers) and the firmware and software of peripherals is not included (it can be ordered separately, at extra cost).",
        ),
        note(
            "R13",
            "アップデート後に業務アプリケーションが正しく動くことは保証していません。",
            "HPE does not guarantee that your business applications work correctly after the update.",
        ),
        note(
            "R14",
            "作業計画書、タイムチャート、アップデート手順書はお渡ししていません。",
            "No work plan, time chart or update procedure document is delivered.",
        ),
        note(
            "R15",
            "原因を問わず、OSを含むデータの喪失について当社は責任を負いません。",
            "HPE accepts no liability for any loss of data, the operating system included, whatever the cause.",
        ),
        note(
            "R16",
            "作業中に発生した障害は、このオプションではなく、ご契約のプロアクティブケアの範囲で対応します。",
            "A fault during the work is handled under your Proactive Care contract, not under this option.",
        ),
    ]
}
