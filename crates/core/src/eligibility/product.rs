//! Which products the option covers (R8), which it names as excluded (R11) and which are not
//! server firmware targets at all (R10).
//!
//! Decisions the contract text leaves open, taken here (change them here only):
//! - **ProLiant XL nodes** (`XL170r`, `XL190r`, `XL220n`, `XL675d`…) are ProLiant servers and
//!   eligible even when the text also names the Apollo chassis they sit in; an **Apollo** named
//!   without a ProLiant node (`Apollo 4200`, `Apollo 6500`) needs confirmation.
//! - **Superdome Flex** is not Superdome X: R11 does not name it and it is not a ProLiant, so it
//!   needs confirmation. **Superdome 2** is an Integrity server (excluded). A bare `Superdome`
//!   could be any of these and needs confirmation.
//! - **BL920s** blades are the Superdome X compute blades (excluded); **BL860c/BL870c/BL890c**
//!   are Integrity blades (excluded) although they sit in a c-Class enclosure.
//! - Moonshot cartridges (`m710x`, `m510`…) are excluded with Moonshot even when called ProLiant.
//! - A part of a server typed where a server is expected (adapter, drive, controller) needs
//!   confirmation: the customer is asked for the server's model instead.
//! - Anything unrecognised needs confirmation: it never blocks a request.

use serde::{Deserialize, Serialize};

use super::normalize::Tokens;
use crate::i18n::Bilingual;

/// The answer for one product. Serialised as `eligible|excluded|out_of_scope|needs_confirmation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProductOutcome {
    /// R8: a ProLiant server or a component inside a BladeSystem enclosure.
    Eligible,
    /// R11: a product the contract names as excluded.
    Excluded,
    /// R10: not a server firmware target (storage, tape, switches, UPS, peripherals).
    OutOfScope,
    /// R8: not recognised, or a family the contract does not name. Not blocking.
    NeedsConfirmation,
}

impl ProductOutcome {
    /// The rule that decides this outcome.
    pub fn rule(self) -> &'static str {
        match self {
            ProductOutcome::Eligible | ProductOutcome::NeedsConfirmation => "R8",
            ProductOutcome::Excluded => "R11",
            ProductOutcome::OutOfScope => "R10",
        }
    }

    /// Whether a request naming such a product cannot be accepted.
    pub fn is_blocking(self) -> bool {
        matches!(self, ProductOutcome::Excluded | ProductOutcome::OutOfScope)
    }
}

/// The product family a model belongs to; its serialised form is the display name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProductFamily {
    #[serde(rename = "ProLiant DL")]
    ProLiantDl,
    #[serde(rename = "ProLiant ML")]
    ProLiantMl,
    #[serde(rename = "ProLiant BL")]
    ProLiantBl,
    #[serde(rename = "ProLiant XL")]
    ProLiantXl,
    #[serde(rename = "ProLiant SL")]
    ProLiantSl,
    #[serde(rename = "ProLiant")]
    ProLiant,
    #[serde(rename = "BladeSystem c-Class component")]
    BladeSystemComponent,
    #[serde(rename = "MicroServer")]
    MicroServer,
    #[serde(rename = "Moonshot")]
    Moonshot,
    #[serde(rename = "ConvergedSystem")]
    ConvergedSystem,
    #[serde(rename = "BladeSystem Matrix")]
    BladeSystemMatrix,
    #[serde(rename = "VirtualSystem")]
    VirtualSystem,
    #[serde(rename = "AppSystem")]
    AppSystem,
    #[serde(rename = "CloudSystem")]
    CloudSystem,
    #[serde(rename = "Cloud System Matrix")]
    CloudSystemMatrix,
    #[serde(rename = "HP 9000")]
    Hp9000,
    #[serde(rename = "Integrity")]
    Integrity,
    #[serde(rename = "Superdome X")]
    SuperdomeX,
    #[serde(rename = "Storage")]
    Storage,
    #[serde(rename = "Tape storage")]
    Tape,
    #[serde(rename = "Network switch")]
    NetworkSwitch,
    #[serde(rename = "UPS/PDU")]
    Power,
    #[serde(rename = "Peripheral")]
    Peripheral,
    #[serde(rename = "Server option")]
    ServerOption,
    #[serde(rename = "Synergy")]
    Synergy,
    #[serde(rename = "Apollo")]
    Apollo,
    #[serde(rename = "Edgeline")]
    Edgeline,
    #[serde(rename = "Alletra")]
    Alletra,
    #[serde(rename = "Cray")]
    Cray,
    #[serde(rename = "SimpliVity")]
    SimpliVity,
    #[serde(rename = "Superdome Flex")]
    SuperdomeFlex,
    #[serde(rename = "Superdome")]
    Superdome,
    #[serde(rename = "Unrecognised")]
    Unrecognised,
}

impl ProductFamily {
    /// The name shown to people (also the serialised form).
    pub fn name(self) -> &'static str {
        use ProductFamily::*;
        match self {
            ProLiantDl => "ProLiant DL",
            ProLiantMl => "ProLiant ML",
            ProLiantBl => "ProLiant BL",
            ProLiantXl => "ProLiant XL",
            ProLiantSl => "ProLiant SL",
            ProLiant => "ProLiant",
            BladeSystemComponent => "BladeSystem c-Class component",
            MicroServer => "MicroServer",
            Moonshot => "Moonshot",
            ConvergedSystem => "ConvergedSystem",
            BladeSystemMatrix => "BladeSystem Matrix",
            VirtualSystem => "VirtualSystem",
            AppSystem => "AppSystem",
            CloudSystem => "CloudSystem",
            CloudSystemMatrix => "Cloud System Matrix",
            Hp9000 => "HP 9000",
            Integrity => "Integrity",
            SuperdomeX => "Superdome X",
            Storage => "Storage",
            Tape => "Tape storage",
            NetworkSwitch => "Network switch",
            Power => "UPS/PDU",
            Peripheral => "Peripheral",
            ServerOption => "Server option",
            Synergy => "Synergy",
            Apollo => "Apollo",
            Edgeline => "Edgeline",
            Alletra => "Alletra",
            Cray => "Cray",
            SimpliVity => "SimpliVity",
            SuperdomeFlex => "Superdome Flex",
            Superdome => "Superdome",
            Unrecognised => "Unrecognised",
        }
    }

    /// What the option says about the family.
    pub fn outcome(self) -> ProductOutcome {
        use ProductFamily::*;
        match self {
            ProLiantDl | ProLiantMl | ProLiantBl | ProLiantXl | ProLiantSl | ProLiant
            | BladeSystemComponent => ProductOutcome::Eligible,
            MicroServer | Moonshot | ConvergedSystem | BladeSystemMatrix | VirtualSystem
            | AppSystem | CloudSystem | CloudSystemMatrix | Hp9000 | Integrity | SuperdomeX => {
                ProductOutcome::Excluded
            }
            Storage | Tape | NetworkSwitch | Power | Peripheral => ProductOutcome::OutOfScope,
            ServerOption | Synergy | Apollo | Edgeline | Alletra | Cray | SimpliVity
            | SuperdomeFlex | Superdome | Unrecognised => ProductOutcome::NeedsConfirmation,
        }
    }

    fn message(self) -> Bilingual {
        use ProductFamily::*;
        let name = self.name();
        match self {
            BladeSystemComponent => Bilingual::new(
                "BladeSystem エンクロージャーとその中のコンポーネント（Onboard Administrator、Virtual Connect などのインターコネクトモジュール）は、ファームウェアアップデートオプションの対象です。",
                "A BladeSystem enclosure and the components inside it (Onboard Administrator, Virtual Connect and other interconnect modules) are covered by the Firmware Update Option.",
            ),
            ProLiantDl | ProLiantMl | ProLiantBl | ProLiantXl | ProLiantSl | ProLiant => {
                Bilingual::new(
                    format!("{name} サーバーは、ファームウェアアップデートオプションの対象です。"),
                    format!("{name} servers are covered by the Firmware Update Option."),
                )
            }
            MicroServer => Bilingual::new(
                "MicroServer は、製品名に ProLiant が含まれていても、ファームウェアアップデートオプションの対象外です。この製品のアップデート作業をご希望の場合は、別途ご相談ください。",
                "MicroServer is excluded from the Firmware Update Option, even when its name includes ProLiant. Please ask us separately if you need its firmware updated.",
            ),
            Integrity => Bilingual::new(
                "Integrity サーバー（Integrity のサーバーブレードと Superdome 2 を含みます）は、ファームウェアアップデートオプションの対象外です。この製品のアップデート作業をご希望の場合は、別途ご相談ください。",
                "Integrity servers (Integrity server blades and Superdome 2 included) are excluded from the Firmware Update Option. Please ask us separately if you need their firmware updated.",
            ),
            Moonshot | ConvergedSystem | BladeSystemMatrix | VirtualSystem | AppSystem
            | CloudSystem | CloudSystemMatrix | Hp9000 | SuperdomeX => Bilingual::new(
                format!("{name} は、ファームウェアアップデートオプションの対象外の製品です。この製品のアップデート作業をご希望の場合は、別途ご相談ください。"),
                format!("{name} is excluded from the Firmware Update Option. Please ask us separately if you need its firmware updated."),
            ),
            Storage | Tape | NetworkSwitch | Power | Peripheral => Bilingual::new(
                format!("サーバーではない機器（{}）のファームウェアとソフトウェアは、このオプションの対象外です。アップデート作業をご希望の場合は、別途有償でのご依頼となります。対象のサーバーのモデル名を入力してください。", self.name_ja()),
                format!("The firmware and software of devices other than servers ({}) are outside this option; their update can be ordered separately, at extra cost. Please enter the model of the server instead.", name.to_lowercase()),
            ),
            ServerOption => Bilingual::new(
                "サーバーの部品（アダプター、ドライブ、コントローラーなど）の名前のようです。その部品が搭載されているサーバーのモデル名を入力してください。判断が難しい場合は、アドバンストソリューションセンターにご確認ください。",
                "This looks like a part of a server (adapter, drive, controller...). Please enter the model of the server it is installed in, or confirm with the Advanced Solution Center.",
            ),
            Unrecognised => Bilingual::new(
                "入力された製品名からは、対象製品かどうかを判断できませんでした。このままお申し込みいただけますが、対象製品かどうかをアドバンストソリューションセンターにご確認ください。",
                "We could not tell from this model name whether the product is covered. You may still submit the request, but please confirm with the Advanced Solution Center that it is covered.",
            ),
            Synergy | Apollo | Edgeline | Alletra | Cray | SimpliVity | SuperdomeFlex
            | Superdome => Bilingual::new(
                format!("{name} は契約に対象製品として明記されていません。このままお申し込みいただけますが、対象製品かどうかをアドバンストソリューションセンターにご確認ください。"),
                format!("{name} is not named by the contract. You may still submit the request, but please confirm with the Advanced Solution Center that it is covered."),
            ),
        }
    }

    fn name_ja(self) -> &'static str {
        match self {
            ProductFamily::Storage => "ストレージ",
            ProductFamily::Tape => "テープ装置",
            ProductFamily::NetworkSwitch => "ネットワークスイッチ",
            ProductFamily::Power => "UPS・PDU",
            _ => "周辺機器",
        }
    }
}

/// The answer for one model text, ready to show or to serialise as
/// `{"outcome","rule","family","message_ja","message_en"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductVerdict {
    pub outcome: ProductOutcome,
    /// `R8` (eligible, needs confirmation), `R11` (excluded) or `R10` (out of scope).
    pub rule: String,
    pub family: ProductFamily,
    pub message_ja: String,
    pub message_en: String,
}

impl ProductVerdict {
    pub fn for_family(family: ProductFamily) -> ProductVerdict {
        let outcome = family.outcome();
        let message = family.message();
        ProductVerdict {
            outcome,
            rule: outcome.rule().to_owned(),
            family,
            message_ja: message.ja,
            message_en: message.en,
        }
    }

    pub fn message(&self) -> Bilingual {
        Bilingual::new(self.message_ja.clone(), self.message_en.clone())
    }
}

/// Classifies a product from its model text (R8, R10, R11).
///
/// ```
/// use fwportal_core::eligibility::{classify_model, ProductFamily, ProductOutcome};
/// let v = classify_model("HPE ProLiant DL380 Gen10 Plus");
/// assert_eq!((v.outcome, v.family, v.rule.as_str()), (ProductOutcome::Eligible, ProductFamily::ProLiantDl, "R8"));
/// // R11 names MicroServer although it is sold as a ProLiant.
/// assert_eq!(classify_model("HPE ProLiant MicroServer Gen10 Plus v2").outcome, ProductOutcome::Excluded);
/// assert_eq!(classify_model("MSA 2060").outcome, ProductOutcome::OutOfScope);
/// assert_eq!(classify_model("HPE Synergy 480 Gen10").outcome, ProductOutcome::NeedsConfirmation);
/// ```
pub fn classify_model(text: &str) -> ProductVerdict {
    ProductVerdict::for_family(identify_family(text))
}

/// The family of a model text; see [`classify_model`].
///
/// ```
/// use fwportal_core::eligibility::{identify_family, ProductFamily};
/// assert_eq!(identify_family("Integrity BL860c i4"), ProductFamily::Integrity);
/// assert_eq!(identify_family("Virtual Connect FlexFabric-20/40 F8"), ProductFamily::BladeSystemComponent);
/// ```
pub fn identify_family(text: &str) -> ProductFamily {
    let t = Tokens::of(text);
    excluded(&t)
        .or_else(|| eligible(&t))
        .or_else(|| not_a_server(&t))
        .or_else(|| unnamed_family(&t))
        .unwrap_or(ProductFamily::Unrecognised)
}

/// Moonshot cartridges: `m` and three digits, optionally one letter (`m710x`, `m700p`, `m510`).
fn is_moonshot_cartridge(token: &str) -> bool {
    let Some(rest) = token.strip_prefix('m') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let tail = &rest[digits..];
    digits == 3
        && (tail.is_empty() || (tail.len() == 1 && tail.bytes().all(|b| b.is_ascii_lowercase())))
}

/// R11. Checked first: MicroServer and Moonshot cartridges are called ProLiant, Integrity and
/// Superdome X blades sit in c-Class enclosures.
fn excluded(t: &Tokens) -> Option<ProductFamily> {
    use ProductFamily::*;
    if t.compound("micro", "server") {
        return Some(MicroServer);
    }
    if t.has("moonshot") || t.any(is_moonshot_cartridge) {
        return Some(Moonshot);
    }
    if t.compound("converged", "system") {
        return Some(ConvergedSystem);
    }
    if t.seq(&["bladesystem", "matrix"]) || t.seq(&["blade", "system", "matrix"]) {
        return Some(BladeSystemMatrix);
    }
    if t.compound("virtual", "system") {
        return Some(VirtualSystem);
    }
    if t.compound("app", "system") {
        return Some(AppSystem);
    }
    if t.compound("cloud", "system") {
        return Some(if t.has("matrix") {
            CloudSystemMatrix
        } else {
            CloudSystem
        });
    }
    if let Some(family) = superdome(t).filter(|f| f.outcome() == ProductOutcome::Excluded) {
        return Some(family);
    }
    if t.any(|w| w.starts_with("bl920")) {
        return Some(SuperdomeX);
    }
    if t.has("hp9000") || t.code("rp") {
        return Some(Hp9000);
    }
    if t.has("integrity")
        || t.code("rx")
        || t.any(|w| {
            ["bl860c", "bl870c", "bl890c"]
                .iter()
                .any(|b| w.starts_with(b))
        })
    {
        return Some(Integrity);
    }
    None
}

/// R8: ProLiant servers and BladeSystem enclosure components.
fn eligible(t: &Tokens) -> Option<ProductFamily> {
    use ProductFamily::*;
    let series = [
        ("dl", ProLiantDl),
        ("ml", ProLiantMl),
        ("bl", ProLiantBl),
        ("xl", ProLiantXl),
        ("sl", ProLiantSl),
    ];
    if let Some((_, family)) = series.iter().find(|(prefix, _)| t.code(prefix)) {
        return Some(*family);
    }
    if t.has("proliant") {
        return Some(ProLiant);
    }
    let interconnect_codes = ["6125xlg", "6125g", "6127xlg", "6120xg", "6120g", "gbe2c"];
    if t.has_any(&[
        "bladesystem",
        "c7000",
        "c3000",
        "cclass",
        "interconnect",
        "passthru",
    ]) || t.seq(&["c", "class"])
        || t.seq(&["onboard", "administrator"])
        || t.seq(&["virtual", "connect"])
        || t.seq(&["pass", "thru"])
        || t.seq(&["pass", "through"])
        || t.seq(&["insight", "display"])
        || (t.has("blade") && t.has("switch"))
        || (t.has("vc") && t.any(|w| w.starts_with("flex") || w == "module"))
        || t.has_any(&interconnect_codes)
    {
        return Some(BladeSystemComponent);
    }
    None
}

/// R10: devices that are not servers; also server parts typed in place of a server, which
/// need confirmation rather than refusal.
fn not_a_server(t: &Tokens) -> Option<ProductFamily> {
    use ProductFamily::*;
    let disk_enclosures = [
        "d2600", "d2700", "d3600", "d3610", "d3700", "d3710", "d6000", "d6020",
    ];
    let alletra_storage = t
        .after("alletra")
        .is_some_and(|w| w == "mp" || w == "storage" || w.starts_with(['5', '6', '9']));
    if t.has_any(&[
        "msa",
        "3par",
        "storeserv",
        "primera",
        "nimble",
        "storeonce",
        "storeeasy",
        "storevirtual",
        "lefthand",
        "eva",
        "xp7",
        "xp8",
    ]) || t.code("msa")
        || t.has_any(&disk_enclosures)
        || t.seq(&["storage", "array"])
        || t.seq(&["disk", "enclosure"])
        || alletra_storage
    {
        return Some(Storage);
    }
    if t.has_any(&["storeever", "ultrium", "tape", "autoloader", "rdx", "msl"])
        || t.code("lto")
        || t.has("lto")
        || t.code("msl")
    {
        return Some(Tape);
    }
    if t.has_any(&[
        "adapter",
        "nic",
        "hba",
        "mezzanine",
        "controller",
        "drive",
        "ssd",
        "hdd",
        "dimm",
        "memory",
        "gpu",
        "processor",
    ]) || t.any(|w| w.ends_with("flb") || w.ends_with("flr"))
        || t.seq(&["smart", "array"])
        || t.seq(&["power", "supply"])
    {
        // A server part: not out of scope, the customer should name its server.
        return Some(ServerOption);
    }
    if t.has_any(&[
        "aruba",
        "arista",
        "flexnetwork",
        "flexfabric",
        "procurve",
        "officeconnect",
        "switch",
        "router",
        "cisco",
        "juniper",
        "brocade",
    ]) {
        return Some(NetworkSwitch);
    }
    if t.has_any(&["ups", "pdu"]) || t.seq(&["power", "distribution"]) {
        return Some(Power);
    }
    if t.has_any(&[
        "monitor", "display", "keyboard", "mouse", "kvm", "console", "printer", "rack", "usb",
        "dvd",
    ]) || t.code("tft")
    {
        return Some(Peripheral);
    }
    None
}

/// Server families the contract does not name (R8): the customer confirms with the centre.
fn unnamed_family(t: &Tokens) -> Option<ProductFamily> {
    use ProductFamily::*;
    if t.has("synergy") || t.code("sy") {
        return Some(Synergy);
    }
    if t.has("apollo") {
        return Some(Apollo);
    }
    if t.has("edgeline") || t.code("el") {
        return Some(Edgeline);
    }
    if t.has("alletra") {
        return Some(Alletra);
    }
    if t.has("cray") {
        return Some(Cray);
    }
    if t.has("simplivity") {
        return Some(SimpliVity);
    }
    superdome(t)
}

/// Four different products share the name: Superdome X (R11), Superdome 2 (Integrity, R11),
/// Superdome Flex (not named) and the original Superdome, which a bare name cannot tell apart.
fn superdome(t: &Tokens) -> Option<ProductFamily> {
    use ProductFamily::*;
    match t.after("superdome") {
        Some("x") => Some(SuperdomeX),
        Some("2") => Some(Integrity),
        Some("flex") => Some(SuperdomeFlex),
        _ if t.has("superdomex") => Some(SuperdomeX),
        _ if t.has("superdome2") => Some(Integrity),
        _ if t.has("superdomeflex") => Some(SuperdomeFlex),
        _ if t.has("superdome") => Some(Superdome),
        _ => None,
    }
}
