//! Printing with no dialog: a PDF handed to the printing system (CUPS's
//! `lp`) on its standard input, for its default printer. Used where a print
//! dialog must not open — at the kiosk, whose dialog's file chooser would
//! reach the disk. No file is written; the job's title names no one.

use std::io::Write as _;
use std::process::{Command, Stdio};

use crate::{ApiError, Result};

/// The printing system's command (CUPS, also on macOS).
pub(crate) const LP: &str = "lp";

/// Sends `pdf` to the default printer through `program` (`lp`): `missing`
/// when there is no printing system, `refused` when it has no default
/// printer or refuses the job.
pub(crate) fn print_pdf(program: &str, pdf: &[u8]) -> Result<()> {
    let mut child = Command::new(program)
        // Silent and titled; no file named, so `lp` reads standard input.
        .args(["-s", "-t", "Gõ Cửa"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ApiError::PrinterUnavailable("missing".into()),
            _ => ApiError::PrinterUnavailable("refused".into()),
        })?;
    // A printing system that exits early closes its end: that is its answer.
    let written = child.stdin.take().map(|mut i| i.write_all(pdf));
    let out = child
        .wait_with_output()
        .map_err(|_| ApiError::PrinterUnavailable("refused".into()))?;
    if !out.status.success() || !matches!(written, Some(Ok(()))) {
        tracing::warn!(
            status = ?out.status.code(),
            said = %String::from_utf8_lossy(&out.stderr).trim(),
            "the printing system refused the printout"
        );
        return Err(ApiError::PrinterUnavailable("refused".into()));
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    /// A stand-in `lp` that keeps what it was given and how, or refuses.
    fn fake_lp(dir: &std::path::Path, exit: u8) -> std::io::Result<String> {
        let path = dir.join("lp");
        std::fs::write(
            &path,
            format!(
                "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{d}/args'\ncat > '{d}/job'\nexit {exit}\n",
                d = dir.display()
            ),
        )?;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))?;
        Ok(path.display().to_string())
    }

    #[test]
    fn the_pdf_goes_to_the_default_printer_on_standard_input() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let lp = fake_lp(dir.path(), 0)?;
        let pdf = b"%PDF-1.7 a printout".repeat(10_000);
        assert!(print_pdf(&lp, &pdf).is_ok());
        assert_eq!(std::fs::read(dir.path().join("job"))?, pdf);
        let args = std::fs::read_to_string(dir.path().join("args"))?;
        assert_eq!(args, "-s\n-t\nGõ Cửa\n", "no printer named, no file");
        Ok(())
    }

    #[test]
    fn no_printing_system_or_a_refusal_is_said_not_hidden() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let missing = dir.path().join("no-such-lp").display().to_string();
        assert!(matches!(
            print_pdf(&missing, b"%PDF"),
            Err(ApiError::PrinterUnavailable(r)) if r == "missing"
        ));
        let lp = fake_lp(dir.path(), 1)?;
        assert!(matches!(
            print_pdf(&lp, b"%PDF"),
            Err(ApiError::PrinterUnavailable(r)) if r == "refused"
        ));
        Ok(())
    }
}
