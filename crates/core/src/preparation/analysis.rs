//! The firmware analysis' consequences on the preparation list (issue 17): two-step updates to
//! plan (C2), reboots and power-offs in the work window (R12, C4), and the components the
//! catalogue does not cover, which the customer checks or updates themselves (C1, C2, R10).

use super::{ChecklistItem, Due, DueKind, PreparationList, Responsible};
use crate::firmware::analysis::Action;
use crate::i18n::Bilingual;
use crate::request::{AnalysisDraft, ComponentAnalysisDraft};
use crate::sort::stable_sort_by_key;

/// The most components named in one item's text; the rest are counted.
const NAMED: usize = 5;

/// `name (serial)` for the first [`NAMED`] rows, and how many more.
fn names(rows: &[(&str, &ComponentAnalysisDraft)]) -> (String, usize) {
    let named: Vec<String> = rows
        .iter()
        .take(NAMED)
        .map(|(serial, row)| format!("{} ({serial})", row.name.trim()))
        .collect();
    (named.join(", "), rows.len().saturating_sub(NAMED))
}

fn rows_where(
    analysis: &AnalysisDraft,
    keep: impl Fn(&ComponentAnalysisDraft) -> bool,
) -> Vec<(&str, &ComponentAnalysisDraft)> {
    analysis
        .servers
        .iter()
        .flat_map(|s| {
            s.components
                .iter()
                .map(move |c| (s.serial_number.as_str(), c))
        })
        .filter(|(_, c)| keep(c))
        .collect()
}

fn is(row: &ComponentAnalysisDraft, action: Action) -> bool {
    row.action == crate::request::analysis::action_code(action)
}

impl PreparationList {
    /// Adds the items the analysis calls for, due with the list's own dates: two-step updates
    /// and uncovered components by the version decision (`decide-version`), reboots and
    /// power-offs by the start of the work (`stop-systems`). An empty analysis adds nothing.
    ///
    /// ```
    /// # use chrono::{DateTime, NaiveDate, NaiveTime};
    /// # use fwportal_core::calendar::BusinessCalendar;
    /// # use fwportal_core::preparation::{PreparationInput, PreparationList};
    /// use fwportal_core::request::{AnalysisDraft, ComponentAnalysisDraft, ServerAnalysisDraft};
    /// # let input = PreparationInput { reference: None, company: String::new(),
    /// #     site_address: String::new(), contact_name: String::new(), onsite_contact: None, servers: vec![],
    /// #     method: None, target_version: None,
    /// #     work_date: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
    /// #     work_start_time: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
    /// #     generated_at: DateTime::parse_from_rfc3339("2027-01-08T10:00:00+09:00").unwrap() };
    /// let list = PreparationList::build(input, &BusinessCalendar::default()).unwrap();
    /// let analysis = AnalysisDraft { catalog: "SPP 2025.07.00.00".into(), operator: true, servers: vec![
    ///     ServerAnalysisDraft { serial_number: "JPE0360XYZ".into(), components: vec![
    ///         ComponentAnalysisDraft { name: "Smart Array".into(), action: "update".into(),
    ///             current_version: "1.98".into(), catalog_version: "5.61".into(),
    ///             minimum_active_version: "3.00".into(), two_step: Some(true),
    ///             power_off_required: Some(true), ..Default::default() }] }] };
    /// let list = list.with_analysis(&analysis);
    /// let two_step = list.item("analysis-two-step").unwrap();
    /// assert!(two_step.detail.en.contains("Smart Array (JPE0360XYZ)"));
    /// assert!(list.item("analysis-power-off").is_some());
    /// ```
    pub fn with_analysis(mut self, analysis: &AnalysisDraft) -> PreparationList {
        if analysis.is_empty() {
            return self;
        }
        let due_of = |id: &str| self.item(id).map(|item| item.due);
        let Some(version_due) = due_of("decide-version").or_else(|| due_of("notice")) else {
            return self;
        };
        let start_due = due_of("stop-systems").unwrap_or(Due {
            date: self.request.work_date,
            time: Some(self.request.work_start_time),
            kind: DueKind::By,
        });
        let catalog = analysis.catalog.trim().to_owned();
        let mut added = Vec::new();
        let mut item = |id: &str, rules: &[&str], title: Bilingual, detail: Bilingual, due: Due| {
            added.push(ChecklistItem {
                id: id.to_owned(),
                rules: rules.iter().map(|r| (*r).to_owned()).collect(),
                title,
                detail,
                due,
                responsible: Responsible::Customer,
                done: false,
            });
        };

        let two_step = rows_where(analysis, |c| c.two_step == Some(true));
        if !two_step.is_empty() {
            let (list, more) = names(&two_step);
            item(
                "analysis-two-step",
                &["C2"],
                Bilingual::new("2段階のアップデートを計画する", "Plan the two-step updates"),
                Bilingual::new(
                    format!("次のコンポーネントは、今のバージョンが {catalog} のパッケージの最低バージョン（minimum_active_version）より古いため、先に中間のバージョンへの更新が必要です: {list}{}。作業時間と順序をTAMと相談してください。", more_ja(more)),
                    format!("These components are below the minimum version (minimum_active_version) of their {catalog} package, so an intermediate update is needed first: {list}{}. Agree the time and order with the TAM team.", more_en(more)),
                ),
                version_due,
            );
        }
        let updates = |flag: fn(&ComponentAnalysisDraft) -> Option<bool>| {
            rows_where(analysis, move |c| {
                is(c, Action::Update) && flag(c) == Some(true)
            })
        };
        let power_off = updates(|c| c.power_off_required);
        if !power_off.is_empty() {
            let (list, more) = names(&power_off);
            item(
                "analysis-power-off",
                &["R12", "C4"],
                Bilingual::new("電源を切る時間を確保する", "Allow for powering the servers off"),
                Bilingual::new(
                    format!("次の更新はサーバーの電源断が必要です（再起動だけでは終わりません）: {list}{}。対象システムを停止できる時間帯を確保してください。", more_ja(more)),
                    format!("These updates need the server powered off, not only restarted: {list}{}. Keep the systems stopped for the whole work window.", more_en(more)),
                ),
                start_due,
            );
        }
        let reboot = updates(|c| c.reboot_required);
        if !reboot.is_empty() {
            let (list, more) = names(&reboot);
            item(
                "analysis-reboot",
                &["R12", "C4"],
                Bilingual::new("再起動に備えてサービスを止める", "Stop services before the restarts"),
                Bilingual::new(
                    format!("次の更新はサーバーの再起動が必要です: {list}{}。OS上のサービスを停止しておいてください。", more_ja(more)),
                    format!("These updates restart the server: {list}{}. Stop the services on the operating system beforehand.", more_en(more)),
                ),
                start_due,
            );
        }
        let uncovered = rows_where(analysis, |c| {
            is(c, Action::NotInCatalog) || is(c, Action::Unknown)
        });
        if !uncovered.is_empty() {
            let (list, more) = names(&uncovered);
            item(
                "analysis-not-covered",
                &["C1", "C2", "R10"],
                Bilingual::new("カタログにない部品を確かめる", "Check the components the catalogue does not cover"),
                Bilingual::new(
                    format!("次のコンポーネントは {catalog} で判定できませんでした（カタログにない、またはバージョンを比べられない）: {list}{}。必要な更新と依存関係をご確認ください。周辺機器やソフトウェアは本サービスの対象外です（R10）。", more_ja(more)),
                    format!("{catalog} could not judge these components (not in the catalogue, or versions that do not compare): {list}{}. Check what they need and their dependencies; peripherals and software are outside this service (R10).", more_en(more)),
                ),
                version_due,
            );
        }
        self.items.extend(added);
        stable_sort_by_key(&mut self.items, |item| {
            (item.due.date, item.due.time.is_none(), item.due.time)
        });
        self
    }
}

fn more_ja(more: usize) -> String {
    if more == 0 {
        String::new()
    } else {
        format!(" ほか{more}件")
    }
}

fn more_en(more: usize) -> String {
    if more == 0 {
        String::new()
    } else {
        format!(" and {more} more")
    }
}
