//! Prints a sample preparation list in every format: `cargo run -p fwportal-core --example
//! preparation_demo -- [ja|en] [md|csv|ics]`.

use chrono::{DateTime, NaiveDate, NaiveTime};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::i18n::Lang;
use fwportal_core::preparation::{
    to_csv, to_ics, to_markdown, PreparationInput, PreparationList, PreparedServer, UpdateMethod,
};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = args
        .get(1)
        .and_then(|tag| Lang::from_tag(tag))
        .unwrap_or_default();
    let (Some(work_date), Some(start), Ok(generated_at)) = (
        NaiveDate::from_ymd_opt(2027, 5, 6),
        NaiveTime::from_hms_opt(9, 30, 0),
        DateTime::parse_from_rfc3339("2027-03-15T10:00:00+09:00"),
    ) else {
        return;
    };
    let input = PreparationInput {
        reference: Some("FWU-2027-000123".into()),
        company: "株式会社サンプル".into(),
        site_address: "東京都江東区青海1-2-3, 第2データセンター 5階".into(),
        contact_name: "山田太郎".into(),
        onsite_contact: None,
        servers: vec![
            PreparedServer {
                model: "ProLiant DL360 Gen10".into(),
                serial_number: "JPN1234567".into(),
                current_version: Some("iLO 5 2.40".into()),
                target_version: None,
            },
            PreparedServer {
                model: "ProLiant BL460c Gen10".into(),
                serial_number: "JPN7654321".into(),
                current_version: None,
                target_version: Some("SPP 2024.09.0".into()),
            },
        ],
        method: Some(UpdateMethod::Spp),
        target_version: Some("SPP 2025.01.0".into()),
        work_date,
        work_start_time: start,
        generated_at,
    };
    let list = match PreparationList::build(input, &BusinessCalendar::default()) {
        Ok(list) => list,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    match args.get(2).map(String::as_str) {
        Some("csv") => print!("{}", to_csv(&list, lang)),
        Some("ics") => print!("{}", to_ics(&list, lang)),
        _ => print!("{}", to_markdown(&list, lang)),
    }
}
