// The visit in progress, kept while the volunteer leaves the visit screen
// (to fill a dossier for the citizen, to look something up) and comes back:
// the guides, the outcomes and the rating are not lost, and the visit gets
// its end. A reload or a lock starts afresh (the visit stays open in the
// database, as any visit that was never ended).
import type { CardCheck, CitizenDto, VisitDto } from '$lib/ipc';

export type Step = 'start' | 'card' | 'consent' | 'guides' | 'rating' | 'done';

export const current = $state({
  step: 'start' as Step,
  visit: null as VisitDto | null,
  check: null as CardCheck | null,
  commune: null as string | null,
  citizen: null as CitizenDto | null,
  declined: false,
});

/** Forgets the visit (after it ended, for the next citizen). */
export function resetVisit() {
  current.step = 'start';
  current.visit = null;
  current.check = null;
  current.commune = null;
  current.citizen = null;
  current.declined = false;
}

/** Whether a visit is under way (started, not ended). */
export function visitInProgress(): boolean {
  return current.visit !== null && current.step !== 'done' && current.step !== 'start';
}
