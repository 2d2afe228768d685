//! The sentences of inventory problems: each says what was expected and what to run on the
//! iLO to get it.

use super::xml::XmlErrorKind;
use super::{MAX_DOCUMENTS, MAX_INPUT_BYTES, MAX_ITEMS, MAX_XML_DEPTH};
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
/// BladeSystem: the Onboard Administrator's data on the enclosure and all its blades.
pub const OA_URL: &str = "https://OA-ADDRESS/xmldata?item=all";
/// The same with curl (the OA answers without a login unless XML Reply is turned off).
pub const CURL_OA: &str = "curl -k 'https://OA-ADDRESS/xmldata?item=all' > enclosure.xml";

fn expected() -> Bilingual {
    Bilingual::new(
        format!(
            "読み込めるのは、iLO から取得した次の JSON です: サーバー情報（{RUN_SYSTEM}）、ファームウェア一覧（iLO 5/6: {RUN_FIRMWARE}、または {CURL_FIRMWARE}。iLO 4: {RUN_FIRMWARE_ILO4}）、ソフトウェア一覧（{RUN_SOFTWARE}）、または {RUN_SERVERINFO} の出力。BladeSystem エンクロージャーは、Onboard Administrator の XML（{OA_URL}）も読み込めます。"
        ),
        format!(
            "Accepted: JSON taken from the iLO: the server's system resource ({RUN_SYSTEM}), the firmware inventory (iLO 5/6: {RUN_FIRMWARE}, or {CURL_FIRMWARE}; iLO 4: {RUN_FIRMWARE_ILO4}), the software inventory ({RUN_SOFTWARE}), or the output of {RUN_SERVERINFO}. For a BladeSystem enclosure, also the Onboard Administrator's XML ({OA_URL})."
        ),
    )
}

/// What is read for a BladeSystem enclosure, and how to get it.
fn expected_oa() -> Bilingual {
    Bilingual::new(
        format!("BladeSystem エンクロージャーについては、Onboard Administrator の {OA_URL} が返す XML を読み込めます（例: {CURL_OA}）。OA のアドレスは、アクティブな OA の IP アドレスまたはホスト名です。"),
        format!("For a BladeSystem enclosure, the XML the Onboard Administrator returns at {OA_URL} is accepted (for example: {CURL_OA}). OA-ADDRESS is the active OA's IP address or host name."),
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

pub fn not_xml(line: usize, kind: XmlErrorKind) -> Bilingual {
    let (ja, en) = match kind {
        XmlErrorKind::Truncated => (
            "すべての要素が閉じる前に終わっています。途中で切れていないかご確認ください",
            "it ends before every element is closed; check that the file is complete",
        ),
        XmlErrorKind::Mismatch => (
            "閉じタグが、開いている要素と一致しません",
            "a closing tag does not match the open element",
        ),
        XmlErrorKind::Reference => (
            "XML にない実体参照または文字参照（&…;）があります",
            "an entity or character reference (&…;) is not one XML defines",
        ),
        XmlErrorKind::OutsideRoot => (
            "ルート要素の外に文字や 2 つ目の要素があります",
            "text or a second element lies outside the root element",
        ),
        XmlErrorKind::Dtd => (
            "DTD の宣言は読み込めません",
            "DTD declarations are not read",
        ),
        XmlErrorKind::Syntax | XmlErrorKind::TooDeep | XmlErrorKind::TooLarge => (
            "XML の書式になっていません",
            "the text is not XML at that point",
        ),
    };
    join(
        Bilingual::new(
            format!("XML として読めません（{line} 行目: {ja}）。"),
            format!("This is not well-formed XML (line {line}: {en})."),
        ),
        expected_oa(),
    )
}

pub fn xml_too_deep() -> Bilingual {
    join(
        Bilingual::new(
            format!("XML の入れ子が深すぎます（{MAX_XML_DEPTH} 段まで）。Onboard Administrator の出力ではないようです。"),
            format!("The XML is nested too deeply ({MAX_XML_DEPTH} levels at most); it does not look like Onboard Administrator output."),
        ),
        expected_oa(),
    )
}

/// XML, but not the Onboard Administrator's `/xmldata?item=all`.
pub fn not_oa_xmldata(root: &str) -> Bilingual {
    let first = if root == "RIMP" {
        Bilingual::new(
            format!("これは /xmldata の簡易な応答（iLO のもの、または ?item=all を付けずに取得した OA のもの）で、エンクロージャーのブレードの一覧が含まれていません。サーバーについては iLO の JSON を取得してください: {RUN_SERVERINFO}"),
            format!("This is a short /xmldata reply (an iLO's, or an OA's fetched without ?item=all): it does not list an enclosure's blades. For a server, take its iLO's JSON instead: {RUN_SERVERINFO}"),
        )
    } else {
        Bilingual::new(
            format!("XML ですが（ルート要素 <{root}>）、Onboard Administrator のエンクロージャー情報ではありません。"),
            format!("This is XML (root element <{root}>), but not the Onboard Administrator's enclosure data."),
        )
    };
    join(first, expected_oa())
}

/// A web page (a login or error page saved instead of the data).
pub fn html_page() -> Bilingual {
    join(
        Bilingual::new(
            "これは Web ページ（HTML）で、iLO や Onboard Administrator のデータではありません。ログイン画面やエラー画面を保存したものかもしれません。",
            "This is a web page (HTML), not data from an iLO or an Onboard Administrator; it may be a login or error page saved instead of the data.",
        ),
        join(expected(), expected_oa()),
    )
}

pub fn oa_no_blades() -> Bilingual {
    Bilingual::new(
        format!("エンクロージャーの情報に、サーバーブレードが 1 台もありません。電源が切れているブレードも一覧に含まれます。対象のエンクロージャーの OA から取得したかご確認ください: {CURL_OA}"),
        format!("The enclosure data lists no server blade (blades that are powered off are listed too). Check that it was taken from the right enclosure's OA: {CURL_OA}"),
    )
}

pub fn oa_too_many_blades() -> Bilingual {
    Bilingual::new(
        format!("エンクロージャーの情報にサーバーブレードが {MAX_DOCUMENTS} 台を超えて含まれています。最初の {MAX_DOCUMENTS} 台だけを読み込みました。"),
        format!("The enclosure data lists more than {MAX_DOCUMENTS} server blades; only the first {MAX_DOCUMENTS} were read."),
    )
}

/// A blade of the OA's data without its model (`SPN`) or serial number (`BSN`).
pub fn oa_blade_missing(bay: Option<&str>, field: &str) -> Bilingual {
    let (what_ja, what_en) = if field == "BSN" {
        ("シリアル番号", "serial number")
    } else {
        ("型番", "model")
    };
    let (bay_ja, bay_en) = match bay {
        Some(bay) => (format!("ベイ {bay} の"), format!("in bay {bay}")),
        None => (String::new(), "in a bay".to_owned()),
    };
    Bilingual::new(
        format!("エンクロージャーの情報に、{bay_ja}ブレードの{what_ja}（{field}）がありません。そのブレードの iLO から取得してください: {RUN_SYSTEM}"),
        format!("The enclosure data gives no {what_en} ({field}) for the blade {bay_en}. Take it from that blade's own iLO: {RUN_SYSTEM}"),
    )
}

/// The enclosure's product name (`PN`) or serial number (`ENCL_SN`) missing.
pub fn oa_enclosure_missing(field: &str) -> Bilingual {
    let (what_ja, what_en) = if field == "ENCL_SN" {
        ("シリアル番号", "serial number")
    } else {
        ("製品名", "product name")
    };
    Bilingual::new(
        format!("エンクロージャーの{what_ja}（{field}）がありません。OA のコマンドライン（SHOW ENCLOSURE INFO）でご確認ください。"),
        format!("The enclosure's {what_en} ({field}) is missing. Check it on the OA's command line (SHOW ENCLOSURE INFO)."),
    )
}

pub fn oa_missing_version(count: usize) -> Bilingual {
    Bilingual::new(
        format!("エンクロージャーの情報で、{count} 件の項目にファームウェアのバージョンがありません（ファームウェアを持たないパススルーモジュールや、OA が iLO と通信できないブレードでは [Unknown] と表示されます）。項目は読み込みましたが、バージョンは空欄です。OA のコマンドライン（SHOW FIRMWARE SUMMARY）または各ブレードの iLO でご確認ください。"),
        format!("{count} items have no firmware version in the enclosure data (the OA shows [Unknown] for modules without firmware, such as pass-thru modules, and for blades whose iLO it cannot reach). They were kept with the version left blank; check them on the OA's command line (SHOW FIRMWARE SUMMARY) or on each blade's iLO."),
    )
}

/// A Redfish `Chassis` that is not the server's own (a drive enclosure, a card…).
pub fn other_chassis(chassis_type: &str) -> Bilingual {
    join(
        Bilingual::new(
            format!("これはサーバー本体ではない筐体（ChassisType: {chassis_type}）の情報です。サーバーの筐体（/redfish/v1/Chassis/1/）またはサーバー情報を取得してください: {RUN_SYSTEM}"),
            format!("This chassis (ChassisType {chassis_type}) is not the server itself. Take the server's chassis (/redfish/v1/Chassis/1/) or its system resource: {RUN_SYSTEM}"),
        ),
        expected(),
    )
}
