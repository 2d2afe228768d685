//! Generates the `i18n` module from `locales/*.json` (leptos_i18n's build-time codegen; its
//! `load_locales!` macro is deprecated). Japanese is the default locale.

use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::{Config, TranslationsInfos};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = std::env::var_os("OUT_DIR").ok_or("cargo did not set OUT_DIR")?;
    let i18n_module = PathBuf::from(out_dir).join("i18n");
    let config = Config::new("ja")?.add_locale("en")?;
    let translations = TranslationsInfos::parse(config)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(i18n_module)?;
    Ok(())
}
