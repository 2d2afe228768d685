//! What the request tests share: a request that passes every rule when sent on Wednesday
//! 2027-01-06 at 10:00 in Japan (the clock these tests submit at), for each test to change
//! the one thing it is about.

use fwportal_core::request::{ContactDraft, ContractDraft, RequestDraft, ServerDraft};

/// An update work for 2027-03-06 09:00 on one DL380 Gen10 Plus, every responsibility ticked
/// (R9, R12–R16, C3–C5), contract periods 2026-04-01 to 2029-03-31.
pub fn valid_draft() -> RequestDraft {
    RequestDraft {
        kind: "update_work".into(),
        contact: ContactDraft {
            company: "株式会社サンプル".into(),
            name: "山田 太郎".into(),
            email: "yamada@example.co.jp".into(),
            phone: "03-1234-5678".into(),
            ..ContactDraft::default()
        },
        contract: ContractDraft {
            number: "PC-1234567".into(),
            support_level: "proactive_care".into(),
            proactive_care_start: "2026-04-01".into(),
            proactive_care_end: "2029-03-31".into(),
            option_start: "2026-04-01".into(),
            option_end: "2029-03-31".into(),
        },
        servers: vec![ServerDraft {
            model: "HPE ProLiant DL380 Gen10 Plus".into(),
            serial_number: "CZJ1234567".into(),
            firmware: vec![],
        }],
        update_method: "spp".into(),
        target_version: "SPP 2027.03.0".into(),
        work_date: "2027-03-06".into(),
        work_start_time: "09:00".into(),
        alternative_work_date: "".into(),
        site_address: "東京都江東区有明1-2-3".into(),
        onsite_contact: "".into(),
        acknowledgements: ["R9", "R12", "R13", "R14", "R15", "R16", "C3", "C4", "C5"]
            .map(String::from)
            .to_vec(),
        notes: "".into(),
        analysis: Default::default(),
        privacy_consent: true,
        ..RequestDraft::default()
    }
}
