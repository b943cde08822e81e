//! Where Gõ Cửa keeps its data.
//!
//! Every binary resolves the data directory the same way: an explicit
//! `--data-dir` wins, then the `GOCUA_DATA_DIR` environment variable, then the
//! platform's application data directory (`$XDG_DATA_HOME/vn.gocua.desktop` on
//! Linux, the same folder Tauri uses for this app's identifier).

use std::ffi::OsString;
use std::path::PathBuf;

use crate::{ApiError, Result};

/// The application identifier (also in `src-tauri/tauri.conf.json`).
pub const APP_IDENTIFIER: &str = "vn.gocua.desktop";

/// The environment variable that names the data directory.
pub const ENV_VAR: &str = "GOCUA_DATA_DIR";

/// Resolves the data directory from an explicit flag, then `env_value` (the
/// value of [`ENV_VAR`]), then the platform default. Empty values count as unset.
pub fn resolve(flag: Option<PathBuf>, env_value: Option<OsString>) -> Result<PathBuf> {
    if let Some(dir) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Ok(dir);
    }
    if let Some(dir) = env_value.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or(ApiError::NoDataDir)
}

/// Finds `--data-dir DIR` or `--data-dir=DIR` in a process's arguments
/// (for hosts without an argument parser of their own, like the desktop app).
pub fn flag_from_args<I, S>(args: I) -> Option<PathBuf>
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    let mut args = args.into_iter().map(Into::into);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|s| s.strip_prefix("--data-dir=")) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// [`resolve`] for the current process: its arguments and environment.
pub fn from_process() -> Result<PathBuf> {
    resolve(
        flag_from_args(std::env::args_os().skip(1)),
        std::env::var_os(ENV_VAR),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_default() -> Result<()> {
        let flag = Some(PathBuf::from("/flag"));
        let env = Some(OsString::from("/env"));
        assert_eq!(resolve(flag.clone(), env.clone())?, PathBuf::from("/flag"));
        assert_eq!(resolve(None, env)?, PathBuf::from("/env"));
        assert_eq!(
            resolve(Some(PathBuf::new()), Some(OsString::new()))?.file_name(),
            Some(std::ffi::OsStr::new(APP_IDENTIFIER))
        );
        Ok(())
    }

    #[test]
    fn finds_the_flag_in_both_spellings() {
        assert_eq!(
            flag_from_args(["--data-dir", "/a"]),
            Some(PathBuf::from("/a"))
        );
        assert_eq!(
            flag_from_args(["-x", "--data-dir=/b", "y"]),
            Some(PathBuf::from("/b"))
        );
        assert_eq!(flag_from_args(["--data-dir"]), None);
        assert_eq!(flag_from_args(["--other", "/c"]), None);
    }
}
