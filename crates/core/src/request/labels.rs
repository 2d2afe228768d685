//! Each field's name in both languages and the sentence for each kind of problem with it.
//! Messages say what to do, with an example where a format is expected.

use crate::i18n::Bilingual;
use crate::problem::{Problem, ProblemCode};

/// How a field is filled in, which decides the wording of its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Input {
    Text,
    /// Text that may run over several lines (the notes).
    Lines,
    /// Letters, digits and hyphens only (contract and serial numbers).
    Code,
    Choice,
    List,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Label {
    pub ja: &'static str,
    pub en: &'static str,
    /// Characters for text, entries for lists.
    pub max: usize,
    pub input: Input,
    /// The rule the field belongs to, if one.
    pub rule: Option<&'static str>,
}

const fn text(ja: &'static str, en: &'static str, max: usize) -> Label {
    Label {
        ja,
        en,
        max,
        input: Input::Text,
        rule: None,
    }
}

const fn rule(label: Label, rule: &'static str) -> Label {
    Label {
        rule: Some(rule),
        ..label
    }
}

pub(crate) const KIND: Label = Label {
    ja: "お申込みの種類",
    en: "the kind of request",
    max: 0,
    input: Input::Choice,
    rule: None,
};
pub(crate) const COMPANY: Label = text("会社名", "your company name", 100);
pub(crate) const NAME: Label = text("ご担当者名", "your name", 60);
pub(crate) const DEPARTMENT: Label = text("部署名", "your department", 100);
pub(crate) const NAME_KANA: Label = text("ご担当者名のふりがな", "the reading of your name", 60);
pub(crate) const CC: Label = Label {
    ja: "CCのメールアドレス",
    en: "the CC addresses",
    max: super::MAX_CC,
    input: Input::List,
    rule: None,
};
pub(crate) const CONSULTATION_TOPIC: Label = Label {
    input: Input::Lines,
    ..text("ご相談の内容", "what the consultation is about", 2000)
};
pub(crate) const CONTACT_TIME: Label =
    text("ご連絡の希望時間帯", "when we may best contact you", 100);
pub(crate) const EMAIL: Label = text("メールアドレス", "your email address", 254);
pub(crate) const PHONE: Label = text("電話番号", "your phone number", 24);
pub(crate) const CONTRACT_NUMBER: Label = rule(
    Label {
        ja: "契約番号",
        en: "the contract number",
        max: 32,
        input: Input::Code,
        rule: None,
    },
    "R6",
);
pub(crate) const SUPPORT_LEVEL: Label = rule(
    Label {
        ja: "サポート契約の種類",
        en: "the support level",
        max: 0,
        input: Input::Choice,
        rule: None,
    },
    "R6",
);
pub(crate) const PC_START: Label = rule(
    text(
        "プロアクティブケアの開始日",
        "the Proactive Care start date",
        10,
    ),
    "R7",
);
pub(crate) const PC_END: Label = rule(
    text(
        "プロアクティブケアの終了日",
        "the Proactive Care end date",
        10,
    ),
    "R7",
);
pub(crate) const OPTION_START: Label = rule(
    text("オプションの開始日", "the option's start date", 10),
    "R7",
);
pub(crate) const OPTION_END: Label = rule(
    text("オプションの終了日", "the option's end date", 10),
    "R7",
);
pub(crate) const SERVERS: Label = rule(
    Label {
        ja: "対象サーバー",
        en: "servers",
        max: super::MAX_SERVERS,
        input: Input::List,
        rule: None,
    },
    "R8",
);
pub(crate) const SERIAL: Label = Label {
    ja: "シリアル番号",
    en: "the serial number",
    max: 32,
    input: Input::Code,
    rule: None,
};
pub(crate) const FIRMWARE: Label = Label {
    ja: "ファームウェアの一覧",
    en: "firmware items",
    max: super::MAX_FIRMWARE_ITEMS,
    input: Input::List,
    rule: Some("C1"),
};
pub(crate) const FIRMWARE_NAME: Label =
    rule(text("コンポーネント名", "the component name", 200), "C1");
pub(crate) const FIRMWARE_VERSION: Label = rule(text("バージョン", "the version", 100), "C1");
pub(crate) const ANALYSIS_CATALOG: Label = rule(
    text("分析に使ったカタログ", "the analysed catalogue", 100),
    "C2",
);
pub(crate) const ANALYSIS_SERVERS: Label = Label {
    ja: "分析したサーバー",
    en: "analysed servers",
    max: super::MAX_SERVERS,
    input: Input::List,
    rule: Some("C1"),
};
pub(crate) const ANALYSIS_COMPONENTS: Label = Label {
    ja: "分析したコンポーネント",
    en: "analysed components",
    max: super::MAX_FIRMWARE_ITEMS,
    input: Input::List,
    rule: Some("C1"),
};
pub(crate) const ANALYSIS_ACTION: Label = rule(
    Label {
        ja: "分析結果の処置",
        en: "the analysis action",
        max: 0,
        input: Input::Choice,
        rule: None,
    },
    "C2",
);
pub(crate) const ANALYSIS_LOCATION: Label = rule(text("場所", "the location", 200), "C1");
pub(crate) const ANALYSIS_PACKAGE: Label = rule(text("パッケージ", "the package", 300), "C2");
pub(crate) const METHOD: Label = rule(
    Label {
        ja: "アップデート方法",
        en: "the update method",
        max: 0,
        input: Input::Choice,
        rule: None,
    },
    "R8",
);
pub(crate) const TARGET_VERSION: Label = rule(
    text("アップデート後のバージョン", "the target version", 100),
    "C2",
);
pub(crate) const WORK_DATE: Label = rule(text("作業予定日", "the work date", 10), "R5");
pub(crate) const START_TIME: Label = rule(text("作業開始時刻", "the start time", 5), "R3");
pub(crate) const ALTERNATIVE_DATE: Label = rule(text("予備日", "the alternative date", 10), "R5");
pub(crate) const SITE_ADDRESS: Label = rule(text("作業場所の住所", "the site address", 300), "C5");
pub(crate) const ONSITE_CONTACT: Label =
    rule(text("当日の立会い担当者", "the on-site contact", 100), "C5");
pub(crate) const ACKNOWLEDGEMENTS: Label = Label {
    ja: "確認事項",
    en: "confirmations",
    max: super::MAX_ACKNOWLEDGEMENTS,
    input: Input::List,
    rule: None,
};
pub(crate) const NOTES: Label = Label {
    input: Input::Lines,
    ..text("備考", "the notes", 2000)
};

/// The problem `code` with the field labelled `label`, in both languages.
pub(crate) fn problem_for(field: &str, label: &Label, code: ProblemCode) -> Problem {
    let (ja, en, max) = (label.ja, label.en, label.max);
    let message = match (code, label.input) {
        (ProblemCode::Required, Input::Choice) => {
            Bilingual::new(format!("{ja}を選んでください。"), format!("Choose {en}."))
        }
        (ProblemCode::Required, Input::List) => Bilingual::new(
            format!("{ja}を1件以上入力してください。"),
            format!("Enter at least one of {en}."),
        ),
        (ProblemCode::Required, _) => {
            Bilingual::new(format!("{ja}を入力してください。"), format!("Enter {en}."))
        }
        (ProblemCode::TooLong, _) => Bilingual::new(
            format!("{ja}は{max}文字以内で入力してください。"),
            format!("{} must be {max} characters or fewer.", capitalise(en)),
        ),
        (ProblemCode::TooMany, _) => Bilingual::new(
            format!("{ja}は{max}件までです。分けてお申し込みください。"),
            format!("Enter at most {max} {en}; make separate requests for more."),
        ),
        (ProblemCode::InvalidCharacters, Input::Code) => Bilingual::new(
            format!("{ja}は英字、数字、ハイフン（-）で入力してください。"),
            format!("Use only letters, digits and hyphens (-) in {en}."),
        ),
        // Hidden characters (`fields::is_hidden_character`) cannot be seen, so the message
        // names the kinds and says how to get rid of them.
        (ProblemCode::InvalidCharacters, Input::Lines) => Bilingual::new(
            format!("{ja}に、画面に表示されない文字（ゼロ幅スペース、文字の向きを変える記号などの制御文字・書式文字）が含まれています。コピーした部分を削除して、手で入力し直してください。"),
            format!("{} contains invisible characters that cannot be used (zero-width spaces, direction marks or other control and format characters). Delete the copied part and type it again.", capitalise(en)),
        ),
        (ProblemCode::InvalidCharacters, _) => Bilingual::new(
            format!("{ja}に、改行・タブや画面に表示されない文字（ゼロ幅スペース、文字の向きを変える記号などの制御文字・書式文字）が含まれています。1行で、コピーした部分は手で入力し直してください。"),
            format!("{} contains line breaks, tabs or invisible characters (zero-width spaces, direction marks or other control and format characters). Enter it on one line and type any copied part again.", capitalise(en)),
        ),
        (ProblemCode::InvalidDate, _) => Bilingual::new(
            format!("{ja}は実在する日付を入力してください（例：2027-01-08、2027/1/8、20270108）。"),
            format!("Enter {en} as a real date, such as 2027-01-08, 2027/1/8 or 20270108."),
        ),
        (ProblemCode::DateOutOfRange, _) => Bilingual::new(
            format!(
                "{ja}は{}年から{}年までの日付を「2027-01-08」の形式で入力してください。このポータルで扱える期間です。",
                crate::calendar::FIRST_YEAR,
                crate::calendar::LAST_YEAR
            ),
            format!(
                "Enter {en} as a date from {} to {} in the form 2027-01-08; the portal handles those years only.",
                crate::calendar::FIRST_YEAR,
                crate::calendar::LAST_YEAR
            ),
        ),
        (ProblemCode::InvalidTime, _) => Bilingual::new(
            format!("{ja}は24時間制で入力してください（例：09:00、2200）。"),
            format!("Enter {en} as a 24-hour time, such as 09:00 or 2200."),
        ),
        (ProblemCode::InvalidEmail, _) => Bilingual::new(
            "メールアドレスを「name@example.co.jp」の形式で入力してください。",
            "Enter an email address in the form name@example.com.",
        ),
        (ProblemCode::InvalidPhone, _) => Bilingual::new(
            "電話番号は市外局番から数字とハイフンで入力してください（例：03-1234-5678）。",
            "Enter the phone number with its area code, using digits and hyphens (for example 03-1234-5678).",
        ),
        _ => Bilingual::new(
            format!("{ja}を選択肢から選んでください。"),
            format!("Choose {en} from the options."),
        ),
    };
    let problem = Problem::new(field, code, message);
    match label.rule {
        Some(rule) => problem.with_rule(rule),
        None => problem,
    }
}

pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
