//! Every text of the desk, in Japanese and English side by side. A pair is a constant, so a
//! text missing in one language does not compile. Status names, update methods and dates come
//! from `fwportal_core` (the same words the customer reads).

use fwportal_core::i18n::Lang;

/// One text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Tx(pub &'static str, pub &'static str);

impl Tx {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.0,
            Lang::En => self.1,
        }
    }
}

pub const SERVICE: Tx = Tx("サービスデスク", "Service desk");
pub const TAGLINE: Tx = Tx(
    "ファームウェアアップデートオプション",
    "Firmware update option",
);
pub const SKIP: Tx = Tx("本文へ移動", "Skip to main content");
pub const LANGUAGE: Tx = Tx("表示言語", "Language");
pub const SIGNED_IN_AS: Tx = Tx("サインイン中：", "Signed in as ");
pub const SIGN_OUT: Tx = Tx("サインアウト", "Sign out");
pub const LOADING: Tx = Tx("読み込み中…", "Loading…");
pub const NETWORK: Tx = Tx(
    "サーバーに接続できませんでした。しばらくしてからもう一度お試しください。",
    "The server could not be reached. Try again in a moment.",
);
pub const UNEXPECTED: Tx = Tx(
    "予期しない応答がありました。もう一度お試しください。",
    "Unexpected answer from the server. Try again.",
);
pub const NOT_FOUND: Tx = Tx("ページが見つかりません", "Page not found");
pub const ERROR_PREFIX: Tx = Tx("エラー: ", "Error: ");

// Sign-in.
pub const SIGN_IN: Tx = Tx("サインイン", "Sign in");
pub const SIGN_IN_INTRO: Tx = Tx(
    "デスク担当者のメールアドレス、パスワード、認証アプリの6桁のコードを入力してください。",
    "Enter your desk e-mail address, password and the 6-digit code from your authenticator app.",
);
pub const EMAIL: Tx = Tx("メールアドレス", "E-mail address");
pub const PASSWORD: Tx = Tx("パスワード", "Password");
pub const CODE: Tx = Tx("確認コード（6桁）", "Code (6 digits)");
pub const CODE_HINT: Tx = Tx(
    "認証アプリに表示されている数字です。",
    "The number your authenticator app shows.",
);
pub const SIGNING_IN: Tx = Tx("サインインしています…", "Signing in…");
pub const WRONG_SIGN_IN: Tx = Tx(
    "メールアドレス、パスワード、確認コードのいずれかが正しくありません。",
    "The e-mail address, the password or the code is not right.",
);
pub const LOCKED: Tx = Tx(
    "サインインの失敗が続いたため、このアカウントは15分間ロックされています。時間をおいてからもう一度お試しください。",
    "After repeated failed sign-ins this account is locked for 15 minutes. Try again later.",
);
pub const TOO_MANY: Tx = Tx(
    "この端末からのサインインの試行が多すぎます。しばらくしてからもう一度お試しください。",
    "Too many sign-in attempts from this computer. Try again in a while.",
);
pub const SIGNED_OUT: Tx = Tx("サインアウトしました。", "You are signed out.");

// The queue.
pub const QUEUE: Tx = Tx("お申込みの一覧", "Requests");
pub const FILTERS: Tx = Tx("絞り込み", "Filters");
pub const STATUS: Tx = Tx("状態", "Status");
pub const ALL: Tx = Tx("すべて", "All");
pub const KIND: Tx = Tx("種別", "Kind");
pub const KIND_WORK: Tx = Tx("アップデート作業", "Update work");
pub const KIND_CONSULT: Tx = Tx("バージョン相談", "Version consultation");
pub const CONTRACT: Tx = Tx("契約番号", "Contract number");
pub const REFERENCE: Tx = Tx("受付番号", "Reference");
pub const SERIAL: Tx = Tx("シリアル番号", "Serial number");
pub const RECEIVED_FROM: Tx = Tx("受付日（から）", "Received from");
pub const RECEIVED_TO: Tx = Tx("受付日（まで）", "Received until");
pub const WORK_FROM: Tx = Tx("作業日（から）", "Work date from");
pub const WORK_TO: Tx = Tx("作業日（まで）", "Work date until");
pub const DATE_HINT: Tx = Tx("例：2026-12-01", "For example 2026-12-01");
pub const APPLY: Tx = Tx("絞り込む", "Apply filters");
pub const CLEAR: Tx = Tx("条件を消す", "Clear filters");
pub const COUNTS: Tx = Tx("状態ごとの件数", "Requests per status");
pub const RESULTS: Tx = Tx("件", " requests");
pub const NONE_FOUND: Tx = Tx(
    "条件に合うお申込みはありません。",
    "No request matches these filters.",
);
pub const COMPANY: Tx = Tx("会社名", "Company");
pub const WORK_DATE: Tx = Tx("作業日", "Work date");
pub const DEADLINE: Tx = Tx("受付期限", "Deadline");
pub const RECEIVED: Tx = Tx("受付日", "Received");
pub const PAGING: Tx = Tx("ページ", "Pages");
pub const PREVIOUS: Tx = Tx("前のページ", "Previous page");
pub const NEXT: Tx = Tx("次のページ", "Next page");
pub const PAGE_OF: Tx = Tx("ページ", "Page");
pub const FILTER_PROBLEM: Tx = Tx("絞り込みの条件に誤りがあります", "A filter has a problem");

// The request.
pub const BACK: Tx = Tx("一覧に戻る", "Back to the requests");
pub const REQUEST: Tx = Tx("お申込み", "Request");
pub const NO_SUCH_REQUEST: Tx = Tx(
    "この受付番号のお申込みはありません。",
    "There is no request with this reference.",
);
pub const SENT: Tx = Tx("お客様が送信した内容", "What the customer sent");
pub const CONTACT: Tx = Tx("連絡先", "Contact");
pub const NAME: Tx = Tx("氏名", "Name");
pub const PHONE: Tx = Tx("電話番号", "Phone");
pub const SUPPORT_LEVEL: Tx = Tx("サポートレベル", "Support level");
pub const PROACTIVE_CARE: Tx = Tx("Proactive Care の期間", "Proactive Care period");
pub const OPTION: Tx = Tx("オプションの期間", "Option period");
pub const SERVERS: Tx = Tx("サーバー", "Servers");
pub const MODEL: Tx = Tx("モデル", "Model");
pub const FIRMWARE: Tx = Tx("ファームウェア", "Firmware");
pub const WORK_PLAN: Tx = Tx("作業の希望", "Work plan");
pub const METHOD: Tx = Tx("アップデート方法", "Update method");
pub const TARGET: Tx = Tx("アップデート後のバージョン", "Target version");
pub const START_TIME: Tx = Tx("作業開始時刻", "Start time");
pub const ALTERNATIVE: Tx = Tx("第二希望日", "Alternative date");
pub const SITE: Tx = Tx("作業場所", "Site");
pub const ONSITE: Tx = Tx("現地の連絡先", "On-site contact");
pub const NOTES: Tx = Tx("備考", "Notes");
pub const DEPARTMENT: Tx = Tx("部署名", "Department");
pub const NAME_KANA: Tx = Tx("ふりがな", "Reading of the name");
pub const CC: Tx = Tx("CC", "CC");
pub const CONSULTATION: Tx = Tx("ご相談の内容", "What the consultation is about");
pub const CONTACT_TIME: Tx = Tx("ご連絡の希望時間帯", "Preferred contact time");
pub const RULES: Tx = Tx("ルールの再確認（現在）", "The rules, checked again now");
pub const RULES_OK: Tx = Tx(
    "受付時のルール違反はありません。",
    "No rule was broken when it was received.",
);
pub const NOTICE_MET: Tx = Tx(
    "受付時に期限を満たしていたか（R5）",
    "Notice met when received (R5)",
);
pub const INSIDE_PC: Tx = Tx(
    "作業日が Proactive Care の期間内か（R7）",
    "Work date inside Proactive Care (R7)",
);
pub const INSIDE_OPTION: Tx = Tx(
    "作業日がオプションの期間内か（R7）",
    "Work date inside the option (R7)",
);
pub const ACTIVE_TODAY: Tx = Tx("本日、契約が有効か", "Contract in force today");
pub const YES: Tx = Tx("はい", "Yes");
pub const NO: Tx = Tx("いいえ", "No");
pub const UNKNOWN: Tx = Tx("不明", "Unknown");
pub const SCOPE: Tx = Tx(
    "サーバーとコンポーネントの対象判定（R8–R11）",
    "Servers and components in scope (R8–R11)",
);
pub const TIMELINE: Tx = Tx("経過", "Timeline");
pub const BY: Tx = Tx("担当：", "by ");
pub const CUSTOMER: Tx = Tx("お客様", "the customer");
pub const NEXT_STEPS: Tx = Tx("次の手順", "Next steps");
pub const FINAL: Tx = Tx(
    "このお申込みは完了しています。次の手順はありません。",
    "This request is finished: there is no next step.",
);
pub const MOVE_TO: Tx = Tx("次の状態へ：", "Move to: ");
pub const NOTE: Tx = Tx("メモ（任意）", "Note (optional)");
pub const REASON: Tx = Tx(
    "理由・回答（お客様に表示されます）",
    "Reason or answer (the customer reads it)",
);
pub const SPP: Tx = Tx("SPP", "SPP");
pub const FIRMWARE_ONLY: Tx = Tx("ファームウェア単独", "Single firmware package");
pub const SERVERS_IN_SCOPE: Tx = Tx("対象サーバー", "Servers in scope");
pub const AGREED_DATE: Tx = Tx("確定した作業日", "Agreed work date");
pub const TIME_HINT: Tx = Tx("例：09:00（日本時間）", "For example 09:00 (Japan time)");
pub const ARRIVAL_DATE: Tx = Tx("到着日", "Arrival date");
pub const ARRIVAL_TIME: Tx = Tx("到着時刻", "Arrival time");
pub const ENGINEERS: Tx = Tx("訪問する技術者", "Engineers");
pub const UPDATED: Tx = Tx("アップデートした内容", "What was updated");
pub const UPDATED_HINT: Tx = Tx(
    "サーバーまたはコンポーネントごとに1行で書いてください。",
    "One line a server or component.",
);
pub const SAVE: Tx = Tx("この状態にする", "Take this step");
pub const SAVING: Tx = Tx("保存しています…", "Saving…");
pub const DONE: Tx = Tx("状態を更新しました：", "Status updated: ");
pub const CONFLICT: Tx = Tx(
    "別の担当者がこのお申込みを先に更新しました。画面を再読み込みしてから確認してください。",
    "Someone else changed this request; reload it and check before trying again.",
);
pub const RELOAD: Tx = Tx("再読み込み", "Reload");
pub const STEP_PROBLEMS: Tx = Tx(
    "この手順には修正が必要な項目があります",
    "This step has fields to correct",
);

// The contract on file (issue 15's registry).
pub const CONTRACT_ON_FILE: Tx = Tx("契約台帳", "Contract on file");
pub const CONTRACT_UNCONFIRMED: Tx = Tx(
    "未確認：この契約番号は台帳になく、最初のお申込みの入力内容で登録されています。契約内容を確認して更新してください。",
    "Unconfirmed: this contract number was not in the registry; its terms were filed from the first request. Check the contract and confirm them.",
);
pub const CONTRACT_CONFIRMED: Tx = Tx("契約台帳で確認済みです。", "Confirmed in the registry.");
pub const CUSTOMER_NAME: Tx = Tx("お客様名", "Customer");
pub const SUPPORT_LEVEL_CODE: Tx = Tx("サポート契約の種類", "Support level");
pub const SUPPORT_LEVEL_HINT: Tx = Tx(
    "proactive_care、foundation_care、datacenter_care、other のいずれか",
    "One of proactive_care, foundation_care, datacenter_care, other",
);
pub const PC_START: Tx = Tx("プロアクティブケア開始日", "Proactive Care start");
pub const PC_END: Tx = Tx("プロアクティブケア終了日", "Proactive Care end");
pub const OPTION_START: Tx = Tx("オプション開始日", "Option start");
pub const OPTION_END: Tx = Tx("オプション終了日", "Option end");
pub const SAVE_CONTRACT: Tx = Tx("契約台帳に保存する", "Save to the registry");
pub const CONTRACT_SAVED: Tx = Tx("契約台帳に保存しました。", "Saved to the registry.");
pub const OPTION_START_HELD: Tx = Tx(
    "この契約には作業のお申込みがあり、契約年はオプション開始日から数えています（R4）。開始日を変えるには、先にその作業を完了またはキャンセルしてください。",
    "Update work of this contract holds contract years counted from the option start (R4). Complete or cancel that work before moving the start.",
);

// The firmware analysis sent with the request (issue 17).
pub const ANALYSIS: Tx = Tx("ファームウェアの分析", "Firmware analysis");
pub const ANALYSIS_CATALOG: Tx = Tx("カタログ", "Catalogue");
/// The analysis was made against one of the operator's catalogues and re-checked with it.
pub const ANALYSIS_OPERATOR: Tx = Tx(
    "サポート窓口のカタログ（サーバーで照合済み）",
    "The desk's catalogue (checked by the server)",
);
pub const ANALYSIS_COMPONENT: Tx = Tx("コンポーネント", "Component");
pub const ANALYSIS_CURRENT: Tx = Tx("現在", "Installed");
pub const ANALYSIS_CATALOG_VERSION: Tx = Tx("カタログ", "Catalogue");
pub const ANALYSIS_ACTION: Tx = Tx("処置", "Action");
pub const ANALYSIS_NOTES: Tx = Tx("注意", "Notes");
pub const ANALYSIS_UPDATE: Tx = Tx("更新", "Update");
pub const ANALYSIS_CURRENT_OK: Tx = Tx("最新", "Up to date");
pub const ANALYSIS_NEWER: Tx = Tx("カタログより新しい", "Newer than the catalogue");
pub const ANALYSIS_NOT_IN_CATALOG: Tx = Tx("カタログにない", "Not in the catalogue");
pub const ANALYSIS_UNKNOWN: Tx = Tx("判定できない", "Cannot be judged");
pub const ANALYSIS_TWO_STEP: Tx = Tx("2段階アップデート（C2）", "Two-step update (C2)");
pub const ANALYSIS_REBOOT: Tx = Tx("再起動", "Restart");
pub const ANALYSIS_POWER_OFF: Tx = Tx("電源断（R12）", "Power-off (R12)");
pub const ANALYSIS_SUMMARY: Tx = Tx(
    "更新 / 最新 / 新しい / カタログにない / 判定できない",
    "update / up to date / newer / not in catalogue / cannot be judged",
);
// The conversation (issue 16).
pub const RETURN_PARTS: Tx = Tx(
    "お客様に修正をお願いする箇所",
    "What the customer is to change",
);
pub const RETURN_PARTS_HINT: Tx = Tx(
    "該当する箇所をすべて選んでください。お客様の画面とメールに表示され、修正する画面に印が付きます。選ばない場合は、お申込み全体を修正できます。",
    "Tick every part that applies. The customer sees them on their status page and in the mail, and the pages to change are marked. With none ticked, the whole request is open to change.",
);
pub const PARTS_TO_CHANGE: Tx = Tx("修正をお願いした箇所", "Parts to change");
pub const LATE_CANCELLATION: Tx = Tx(
    "R5の受付期限を過ぎてからのキャンセルです",
    "Cancelled after the R5 deadline",
);
pub const DATE_CHANGE_ACCEPTED: Tx = Tx("作業日の変更を承認", "Change of work date accepted");
pub const DATE_CHANGE_DECLINED: Tx = Tx("作業日の変更を却下", "Change of work date declined");
pub const CONVERSATION: Tx = Tx("お客様とのメッセージ", "Messages with the customer");
pub const NO_MESSAGES: Tx = Tx("メッセージはまだありません。", "No messages yet.");
pub const FROM_CUSTOMER: Tx = Tx("お客様", "Customer");
pub const FROM_DESK: Tx = Tx("サポートセンター", "Support centre");
pub const UNREAD: Tx = Tx("未読", "unread");
pub const MARK_READ: Tx = Tx("既読にする", "Mark as read");
pub const NEW_MESSAGE: Tx = Tx("お客様へのメッセージ", "Message to the customer");
pub const NEW_MESSAGE_HINT: Tx = Tx(
    "お客様にメールでお知らせします。4,000文字まで。",
    "The customer is told by mail. Up to 4,000 characters.",
);
pub const SEND_MESSAGE: Tx = Tx("送信する", "Send");
pub const MESSAGE_SENT: Tx = Tx("メッセージを送信しました。", "Message sent.");
pub const DATE_CHANGE_TITLE: Tx = Tx("作業日の変更のお申し出", "Another work date asked for");
pub const DATE_CHANGE_ASKED: Tx = Tx("希望する作業日", "Work date asked for");
pub const DATE_CHANGE_NOTE: Tx = Tx("お客様へのコメント", "Note to the customer");
pub const DATE_CHANGE_NOTE_HINT: Tx = Tx(
    "却下する場合は必須です。お客様が読みます。",
    "Required to decline; the customer reads it.",
);
pub const ACCEPT: Tx = Tx("承認する", "Accept");
pub const DECLINE: Tx = Tx("却下する", "Decline");
pub const DATE_CHANGE_BADGE: Tx = Tx("日程変更の依頼あり", "date change asked");
