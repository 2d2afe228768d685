//! The sentences of inventory problems: each says what was expected and what to run on the
//! iLO to get it.

use super::{MAX_DOCUMENTS, MAX_INPUT_BYTES, MAX_ITEMS};
use crate::i18n::Bilingual;

/// iLO 5/6: the firmware inventory with every member expanded.
pub const RUN_FIRMWARE: &str =
    "ilorest rawget /redfish/v1/UpdateService/FirmwareInventory/ --expand > firmware.json";
/// The same with curl.
pub const CURL_FIRMWARE: &str = "curl -k -u USER 'https://ILO-ADDRESS/redfish/v1/UpdateService/FirmwareInventory/?$expand=.' > firmware.json";
/// iLO 4 (Gen9): the firmware inventory.
pub const RUN_FIRMWARE_ILO4: &str =
    "ilorest rawget /redfish/v1/Systems/1/FirmwareInventory/ > firmware.json";
/// The server's model, serial number and System ROM.
pub const RUN_SYSTEM: &str = "ilorest rawget /redfish/v1/Systems/1/ > system.json";
/// Everything at once.
pub const RUN_SERVERINFO: &str =
    "ilorest serverinfo --system --firmware --software --json > serverinfo.json";
/// The software inventory (drivers and software in the OS), expanded.
pub const RUN_SOFTWARE: &str =
    "ilorest rawget /redfish/v1/Systems/1/SoftwareInventory/ --expand > software.json";

fn expected() -> Bilingual {
    Bilingual::new(
        format!(
            "読み込めるのは、iLO から取得した次の JSON です: サーバー情報（{RUN_SYSTEM}）、ファームウェア一覧（iLO 5/6: {RUN_FIRMWARE}、または {CURL_FIRMWARE}。iLO 4: {RUN_FIRMWARE_ILO4}）、ソフトウェア一覧（{RUN_SOFTWARE}）、または {RUN_SERVERINFO} の出力。"
        ),
        format!(
            "Accepted: JSON taken from the iLO: the server's system resource ({RUN_SYSTEM}), the firmware inventory (iLO 5/6: {RUN_FIRMWARE}, or {CURL_FIRMWARE}; iLO 4: {RUN_FIRMWARE_ILO4}), the software inventory ({RUN_SOFTWARE}), or the output of {RUN_SERVERINFO}."
        ),
    )
}

fn join(first: Bilingual, then: Bilingual) -> Bilingual {
    Bilingual::new(
        format!("{}{}", first.ja, then.ja),
        format!("{} {}", first.en, then.en),
    )
}

pub fn too_large(bytes: u64) -> Bilingual {
    let limit_mb = MAX_INPUT_BYTES / (1024 * 1024);
    Bilingual::new(
        format!("ファイルが大きすぎます（{bytes} バイト、上限 {limit_mb} MB）。読み込んでいません。ファームウェア一覧だけを取得してください: {RUN_FIRMWARE}"),
        format!("The file is too large ({bytes} bytes; the limit is {limit_mb} MB) and was not read. Take the firmware inventory on its own: {RUN_FIRMWARE}"),
    )
}

pub fn empty() -> Bilingual {
    join(
        Bilingual::new("内容が空です。", "The text is empty."),
        expected(),
    )
}

pub fn not_json(line: usize, column: usize) -> Bilingual {
    join(
        Bilingual::new(
            format!("JSON として読めません（{line} 行 {column} 文字目）。途中で切れていないか、画面の表示をコピーしたものでないかご確認ください。"),
            format!("This is not JSON (line {line}, column {column}). Check that the file is complete and is not a copy of the screen output."),
        ),
        expected(),
    )
}

pub fn too_deep() -> Bilingual {
    join(
        Bilingual::new(
            "JSON の入れ子が深すぎます（128 段まで）。iLO の出力ではないようです。",
            "The JSON is nested too deeply (128 levels at most); it does not look like iLO output.",
        ),
        expected(),
    )
}

pub fn too_many_documents() -> Bilingual {
    Bilingual::new(
        format!("1 つのファイルに JSON が {MAX_DOCUMENTS} 個を超えて含まれています。最初の {MAX_DOCUMENTS} 個だけを読み込みました。サーバーごとにファイルを分けてください。"),
        format!("The file holds more than {MAX_DOCUMENTS} JSON documents; only the first {MAX_DOCUMENTS} were read. Use one file per server."),
    )
}

pub fn too_many_items(dropped: usize) -> Bilingual {
    Bilingual::new(
        format!("1 台のサーバーの項目が {MAX_ITEMS} 件を超えています。最初の {MAX_ITEMS} 件だけを読み込み、残りの {dropped} 件は読み込んでいません。サーバーごとに、iLO から取得したファイルだけを選んでください。"),
        format!("One server has more than {MAX_ITEMS} items; the first {MAX_ITEMS} were read and the other {dropped} left out. Choose only the files saved from each server's iLO."),
    )
}

pub fn unknown_shape(odata_type: Option<&str>) -> Bilingual {
    let first = match odata_type {
        Some(t) if t.starts_with("UpdateService") => Bilingual::new(
            format!("これは UpdateService（{t}）で、ファームウェアの一覧は含まれていません。"),
            format!("This is the UpdateService ({t}); it does not list the firmware."),
        ),
        Some(t) => Bilingual::new(
            format!("この種類の JSON（{t}）は読み込めません。"),
            format!("This kind of JSON ({t}) is not one that can be read."),
        ),
        None => Bilingual::new(
            "JSON ですが、iLO のサーバー情報やファームウェア一覧の形ではありません。",
            "This is JSON, but not server information or a firmware inventory from an iLO.",
        ),
    };
    join(first, expected())
}

pub fn links_only(software: bool) -> Bilingual {
    let run = if software { RUN_SOFTWARE } else { RUN_FIRMWARE };
    let curl = if software {
        "curl -k -u USER 'https://ILO-ADDRESS/redfish/v1/Systems/1/SoftwareInventory/?$expand=.' > software.json"
    } else {
        CURL_FIRMWARE
    };
    Bilingual::new(
        format!("一覧にリンク（@odata.id）しか含まれておらず、名前とバージョンがありません。展開して取得し直してください: {run}（curl の場合: {curl}）"),
        format!("The collection holds only links (@odata.id), without names or versions. Fetch it again expanded: {run} (with curl: {curl})"),
    )
}

pub fn links_skipped(count: usize) -> Bilingual {
    Bilingual::new(
        format!("{count} 件はリンク（@odata.id）だけで内容がないため、読み込んでいません。展開して取得してください: {RUN_FIRMWARE}"),
        format!("{count} members are only links (@odata.id) and were left out. Fetch the collection expanded: {RUN_FIRMWARE}"),
    )
}

pub fn missing_name(count: usize) -> Bilingual {
    Bilingual::new(
        format!("{count} 件の項目に名前（Name）がないため、読み込んでいません。"),
        format!("{count} items have no name (Name) and were left out."),
    )
}

pub fn missing_version(count: usize) -> Bilingual {
    Bilingual::new(
        format!("{count} 件の項目にバージョンがありません。項目は読み込みましたが、バージョンは空欄です。iLO の画面（ファームウェア＆OS ソフトウェア）でご確認ください。"),
        format!("{count} items have no version. They were kept with the version left blank; check them on the iLO's Firmware & OS Software page."),
    )
}

pub fn missing_model() -> Bilingual {
    Bilingual::new(
        format!("サーバーの型番（Model）がありません。型番はサーバー情報から読み込めます: {RUN_SYSTEM}"),
        format!("The server's model (Model) is missing. It can be read from the system resource: {RUN_SYSTEM}"),
    )
}

pub fn missing_serial() -> Bilingual {
    Bilingual::new(
        "シリアル番号（SerialNumber）が空です。複数のサーバーのファイルを読み込む場合、どのサーバーのものか判別できません。サーバーごとに読み込んでください。",
        "The serial number (SerialNumber) is blank. When files of several servers are loaded, this one cannot be matched to its server; load each server's files separately.",
    )
}

pub fn no_components(software: bool) -> Bilingual {
    if software {
        Bilingual::new(
            "ソフトウェア一覧に項目がありません。OS 上で Agentless Management Service（AMS）が動いていないと、iLO はソフトウェアを一覧にできません。",
            "The software inventory lists nothing. The iLO can list the software only when the Agentless Management Service (AMS) runs in the OS.",
        )
    } else {
        Bilingual::new(
            format!("ファームウェア一覧に項目がありません。サーバーの電源を入れ、POST が終わってから取得し直してください: {RUN_FIRMWARE}"),
            format!("The firmware inventory lists nothing. Power the server on, let it finish POST, and fetch it again: {RUN_FIRMWARE}"),
        )
    }
}

pub fn unreadable(reason: &str) -> Bilingual {
    Bilingual::new(
        format!("ファイルを読み込めません（{reason}）。"),
        format!("The file cannot be read ({reason})."),
    )
}

pub fn conflicting_model(serial: &str, kept: &str, other: &str) -> Bilingual {
    Bilingual::new(
        format!("シリアル番号 {serial} のサーバーの型番が、ファイルによって異なります（{kept} と {other}）。{kept} を使いました。ファイルの組み合わせをご確認ください。"),
        format!("Files give different models for the server with serial number {serial} ({kept} and {other}); {kept} was used. Check that the files belong together."),
    )
}

pub fn unattached(servers: usize) -> Bilingual {
    Bilingual::new(
        format!("シリアル番号のないファームウェア一覧は、読み込んだ {servers} 台のサーバーのどれのものか判別できないため、別のサーバーとして表示しています。サーバーごとに読み込むか、{RUN_SERVERINFO} の出力をお使いください。"),
        format!("An inventory without a serial number cannot be matched to one of the {servers} servers loaded, so it is shown as a server of its own. Load each server's files separately, or use the output of {RUN_SERVERINFO}."),
    )
}
