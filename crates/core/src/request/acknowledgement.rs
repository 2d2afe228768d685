//! What the customer confirms before the work is booked: the limits of the service (R9,
//! R12–R16) and their own part (C3–C5). Each has a plain statement and why it matters; the
//! app's checklist and the server's refusal use the same words.

use serde::{Deserialize, Serialize};

use super::UpdateMethod;
use crate::i18n::Bilingual;

/// One rule the customer confirms. Serialised as its rule code (`"R12"`, `"C3"`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Acknowledgement {
    R9,
    R12,
    R13,
    R14,
    R15,
    R16,
    C3,
    C4,
    C5,
}

impl Acknowledgement {
    /// Every acknowledgement, in the order the checklist shows them.
    pub const ALL: [Acknowledgement; 9] = [
        Acknowledgement::R9,
        Acknowledgement::C3,
        Acknowledgement::C4,
        Acknowledgement::R12,
        Acknowledgement::C5,
        Acknowledgement::R13,
        Acknowledgement::R14,
        Acknowledgement::R15,
        Acknowledgement::R16,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Acknowledgement::R9 => "R9",
            Acknowledgement::R12 => "R12",
            Acknowledgement::R13 => "R13",
            Acknowledgement::R14 => "R14",
            Acknowledgement::R15 => "R15",
            Acknowledgement::R16 => "R16",
            Acknowledgement::C3 => "C3",
            Acknowledgement::C4 => "C4",
            Acknowledgement::C5 => "C5",
        }
    }

    /// ```
    /// use fwportal_core::request::Acknowledgement;
    /// assert_eq!(Acknowledgement::parse(" r12 "), Some(Acknowledgement::R12));
    /// assert_eq!(Acknowledgement::parse("R1"), None);
    /// ```
    pub fn parse(code: &str) -> Option<Acknowledgement> {
        let code = code.trim().to_ascii_uppercase();
        Acknowledgement::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The acknowledgements an update-work request needs: all but R9, plus R9 when the SPP is
    /// used (it changes the operating system).
    ///
    /// ```
    /// use fwportal_core::request::{Acknowledgement, UpdateMethod};
    /// assert!(Acknowledgement::required_for(Some(UpdateMethod::Spp)).contains(&Acknowledgement::R9));
    /// assert!(!Acknowledgement::required_for(Some(UpdateMethod::Firmware)).contains(&Acknowledgement::R9));
    /// ```
    pub fn required_for(method: Option<UpdateMethod>) -> Vec<Acknowledgement> {
        Acknowledgement::ALL
            .into_iter()
            .filter(|a| *a != Acknowledgement::R9 || method == Some(UpdateMethod::Spp))
            .collect()
    }

    /// What the customer confirms, in plain words.
    pub fn statement(self) -> Bilingual {
        match self {
            Acknowledgement::R9 => Bilingual::new(
                "SPP でアップデートすると、ドライバーなどOS上のソフトウェアも変更されることを理解しました。",
                "We understand that updating with the SPP also changes software on the operating system, such as drivers.",
            ),
            Acknowledgement::C3 => Bilingual::new(
                "作業日の前日までに、対象システムとデータのバックアップを取得します。",
                "We will back up the target systems and their data before the work day.",
            ),
            Acknowledgement::C4 => Bilingual::new(
                "サービスの停止・開始など、OS上の操作はお客様が行います。",
                "We (the customer) will do the operations on the operating system, such as stopping and starting services.",
            ),
            Acknowledgement::R12 => Bilingual::new(
                "作業中は対象システムを停止します。",
                "We will stop the target systems for the work.",
            ),
            Acknowledgement::C5 => Bilingual::new(
                "作業当日、施設への入館許可、作業スペース、コンソールと備品の使用、担当者の立会い、記録媒体（DVD・USBメモリ・ノートPC）の持込み許可を用意します。",
                "On the day we will provide facility access, a work space, use of the console and equipment, a staff member present throughout, and permission to bring in recording media (DVD, USB memory, notebook PC).",
            ),
            Acknowledgement::R13 => Bilingual::new(
                "アップデート後の業務アプリケーションの動作を当社が保証しないことを理解しました。",
                "We understand that HPE does not guarantee the correct behaviour of our business applications after the update.",
            ),
            Acknowledgement::R14 => Bilingual::new(
                "当社から作業計画書、タイムチャート、手順書は提出されないことを理解しました。",
                "We understand that HPE delivers no work plan, time chart or procedure document.",
            ),
            Acknowledgement::R15 => Bilingual::new(
                "原因を問わず、OSを含むデータの喪失について当社が責任を負わないことを理解しました。",
                "We understand that HPE takes no responsibility for any loss of data, including the operating system, whatever the cause.",
            ),
            Acknowledgement::R16 => Bilingual::new(
                "作業中に発生した障害には、当社がお客様のプロアクティブケア契約の範囲で対応することを理解しました。",
                "We understand that HPE handles faults arising during the work under our Proactive Care contract.",
            ),
        }
    }

    /// Why it matters, for the checklist page.
    pub fn reason(self) -> Bilingual {
        match self {
            Acknowledgement::R9 => Bilingual::new(
                "SPP はファームウェアとドライバー等を一括でアップデートします。OS上の変更に備えて、事前の検証や確認をお客様で行ってください。システム全体の動作保証や事前検証は本サービスに含まれません。",
                "The SPP updates firmware together with drivers and other system software. Prepare for the changes on the OS and validate beforehand: whole-system validation is not part of this service.",
            ),
            Acknowledgement::C3 => Bilingual::new(
                "万一に備え、作業前の状態に戻せるようにするためです。データの喪失について当社は責任を負いません。",
                "So that you can return to the state before the work if anything goes wrong. HPE takes no responsibility for data loss.",
            ),
            Acknowledgement::C4 => Bilingual::new(
                "当社のエンジニアはOS上の操作を行いません。作業開始までにサービスを停止し、作業後に再開してください。",
                "HPE's engineers do not operate your OS. Stop the services before the work starts and restart them afterwards.",
            ),
            Acknowledgement::R12 => Bilingual::new(
                "ファームウェアのアップデートにはサーバーの再起動が必要です。業務への影響を事前に調整してください。",
                "Updating firmware restarts the servers. Plan the impact on your business in advance.",
            ),
            Acknowledgement::C5 => Bilingual::new(
                "準備が整っていないと、当日作業を始められません。",
                "Without these the work cannot start on the day.",
            ),
            Acknowledgement::R13 => Bilingual::new(
                "アプリケーションの動作確認はお客様で行ってください。",
                "Please check your applications yourselves after the update.",
            ),
            Acknowledgement::R14 => Bilingual::new(
                "作業の進め方は当社のテクニカルアカウントマネージャー（TAM）チームが事前にご案内します。",
                "HPE's Technical Account Manager (TAM) team explains beforehand how the work will proceed.",
            ),
            Acknowledgement::R15 => Bilingual::new(
                "お客様のバックアップが唯一の備えです。",
                "Your backup is the only safeguard.",
            ),
            Acknowledgement::R16 => Bilingual::new(
                "作業中の障害対応も、ご契約のプロアクティブケアのサービスレベルで行われます。",
                "Faults during the work are handled at the service level of your Proactive Care contract.",
            ),
        }
    }
}
