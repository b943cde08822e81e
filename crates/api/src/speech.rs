//! Reading aloud, offline: questions, guide steps and procedure summaries
//! spoken with espeak-ng's voices, for citizens who read with difficulty
//! (kiosk) and for volunteers reading to them.
//!
//! The text goes to `espeak-ng` as an argument list (never through a
//! shell); the WAV comes back on its standard output. A machine without
//! espeak-ng gets [`ApiError::SpeechUnavailable`] with a translated
//! explanation; nothing else depends on it.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::dto::{SpeakRequest, SpeechVoiceCode, Spoken};
use crate::{ApiError, Result};

/// The longest text read at once, in characters (a page of questions, not
/// a document).
pub const MAX_SPEECH_CHARS: usize = 2000;

/// Words per minute: slower than espeak-ng's default (175), for elderly
/// listeners.
const WORDS_PER_MINUTE: &str = "140";

/// A reading that has not finished in this time is stopped.
const TIMEOUT: Duration = Duration::from_secs(20);

/// The espeak-ng voice of each choice.
fn voice(v: SpeechVoiceCode) -> &'static str {
    match v {
        SpeechVoiceCode::North => "vi",
        SpeechVoiceCode::Central => "vi-vn-x-central",
        SpeechVoiceCode::South => "vi-vn-x-south",
        SpeechVoiceCode::English => "en",
    }
}

/// Speaks `text` into a WAV (base64, for the window to play).
pub fn speak(req: SpeakRequest) -> Result<Spoken> {
    use base64::Engine as _;
    let text: String = req
        .text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .take(MAX_SPEECH_CHARS)
        .collect();
    if text.trim().is_empty() {
        return Err(ApiError::InvalidValue {
            field: "text".into(),
            value: String::new(),
        });
    }
    let wav = run_espeak(voice(req.voice.unwrap_or(SpeechVoiceCode::North)), &text)?;
    Ok(Spoken {
        wav_base64: base64::engine::general_purpose::STANDARD.encode(wav),
    })
}

fn run_espeak(voice: &str, text: &str) -> Result<Vec<u8>> {
    let mut child = Command::new("espeak-ng")
        .args(["-v", voice, "-s", WORDS_PER_MINUTE, "--stdout", "--", text])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ApiError::SpeechUnavailable("missing".into()),
            _ => ApiError::SpeechUnavailable("failed".into()),
        })?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| ApiError::SpeechUnavailable("failed".into()))?;
    // Read on this thread (the WAV is small); a stuck process is killed.
    let started = Instant::now();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(_)) | Err(_) => return Err(ApiError::SpeechUnavailable("failed".into())),
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ApiError::SpeechUnavailable("failed".into()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let out = reader.join().ok().and_then(Result::ok).unwrap_or_default();
    if out.len() < 44 || &out[..4] != b"RIFF" {
        return Err(ApiError::SpeechUnavailable("failed".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn espeak_installed() -> bool {
        Command::new("espeak-ng")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// A question read in each Vietnamese voice is a WAV of about the
    /// length speech takes. The test command installs espeak-ng and sets
    /// GOCUA_EXPECT_SPEECH, so there a missing voice fails the test.
    #[test]
    fn questions_are_read_aloud_in_each_vietnamese_voice() -> Result<()> {
        if !espeak_installed() {
            assert!(
                std::env::var_os("GOCUA_EXPECT_SPEECH").is_none(),
                "espeak-ng should be installed here"
            );
            let e = speak(SpeakRequest {
                text: "Xin chào".into(),
                voice: None,
            })
            .err();
            assert!(matches!(e, Some(ApiError::SpeechUnavailable(r)) if r == "missing"));
            return Ok(());
        }
        for v in [
            SpeechVoiceCode::North,
            SpeechVoiceCode::Central,
            SpeechVoiceCode::South,
        ] {
            let spoken = speak(SpeakRequest {
                text: "Họ, chữ đệm, tên của ông bà là gì?".into(),
                voice: Some(v),
            })?;
            use base64::Engine as _;
            let wav = base64::engine::general_purpose::STANDARD
                .decode(spoken.wav_base64)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            assert_eq!(&wav[..4], b"RIFF");
            // 16-bit mono at 22,050 Hz: a short question is 1–8 seconds.
            let seconds = (wav.len() - 44) as f64 / (22_050.0 * 2.0);
            assert!((1.0..8.0).contains(&seconds), "{v:?}: {seconds} s");
        }
        Ok(())
    }

    #[test]
    fn empty_text_is_refused_and_long_text_is_cut() {
        assert!(matches!(
            speak(SpeakRequest {
                text: " \n ".into(),
                voice: None
            }),
            Err(ApiError::InvalidValue { .. })
        ));
    }
}
