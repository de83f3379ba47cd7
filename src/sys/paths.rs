//! Where qbank keeps the user's data and its caches.

use std::path::PathBuf;

use etcetera::BaseStrategy;

use crate::error::{Error, Result};

/// History, notes and other data the user must never lose: `$QBANK_HOME`, or the
/// platform's data folder (`~/.local/share/qbank` on Linux).
pub fn data_dir() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os("QBANK_HOME").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    Ok(strategy()?.data_dir().join("qbank"))
}

/// Files qbank can rebuild at any time: `$QBANK_CACHE_DIR`, or the platform's cache
/// folder (`~/.cache/qbank` on Linux).
pub fn cache_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("QBANK_CACHE_DIR").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    Ok(strategy()?.cache_dir().join("qbank"))
}

/// The user's config file: `$QBANK_CONFIG`, or `config.toml` in the platform's config folder
/// (`~/.config/qbank/config.toml` on Linux).
pub fn user_config() -> Result<PathBuf> {
    if let Some(file) = std::env::var_os("QBANK_CONFIG").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(file));
    }
    Ok(strategy()?.config_dir().join("qbank").join("config.toml"))
}

fn strategy() -> Result<impl BaseStrategy> {
    etcetera::choose_base_strategy()
        .map_err(|e| Error::user(format!("cannot find your home folder ({e}); set QBANK_HOME")))
}
