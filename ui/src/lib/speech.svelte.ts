// Reading aloud: which voice (remembered on this laptop), and turning a
// WAV from the offline voice into sound.
import type { Guide } from '$bindings/Guide';
import type { SpeechVoiceCode } from '$bindings/SpeechVoiceCode';
import { lt } from '$lib/i18n/index.svelte';

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

/** What "read aloud" says for a guide: its title, introduction and numbered steps. */
export function guideText(g: Guide): string {
  return [lt(g.title), lt(g.intro), ...g.steps.map((s, i) => `${i + 1}. ${lt(s.text)}`)].join('. ');
}
