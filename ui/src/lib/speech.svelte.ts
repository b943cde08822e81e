// Reading aloud: which voice (remembered on this laptop), and turning a
// WAV from the offline voice into sound.
import type { SpeechVoiceCode } from '$bindings/SpeechVoiceCode';

const KEY = 'gocua-voice';
const VOICES: SpeechVoiceCode[] = ['north', 'central', 'south'];

function stored(): SpeechVoiceCode {
  const v = localStorage.getItem(KEY);
  return VOICES.includes(v as SpeechVoiceCode) ? (v as SpeechVoiceCode) : 'north';
}

export const speech = $state({ voice: stored() });

/** The Vietnamese voices a volunteer or citizen can choose. */
export const voices = VOICES;

/** Remembers the chosen voice. */
export function chooseVoice(v: SpeechVoiceCode) {
  speech.voice = v;
  localStorage.setItem(KEY, v);
}

/** A WAV, base64, as a playable object URL (revoke it when done). */
export function wavUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
}
