// Where the wizard goes next. Pure functions over the view Rust sends, so
// the order of pages (and which are shown) is decided by the schema's rules
// in Rust, and only the walking happens here.
import type { DossierView, IssueDto, PageDto, SectionDto } from '$lib/ipc';

/** The special places besides question pages. */
export type Place = 'tasks' | 'documents' | 'check';

export function isMultiPart(view: DossierView): boolean {
  return view.sections.filter((s) => s.visible).length > 1;
}

/** The visible pages of a section, in order. */
export function pagesOf(section: SectionDto): PageDto[] {
  return section.visible ? section.pages.filter((p) => p.visible) : [];
}

export function sectionOf(view: DossierView, pageId: string): SectionDto | undefined {
  return view.sections.find((s) => s.pages.some((p) => p.id === pageId));
}

export function pageById(view: DossierView, pageId: string): PageDto | undefined {
  return view.sections.flatMap((s) => s.pages).find((p) => p.id === pageId);
}

/** The place after a page: the next page of its task, else the task list
 * (multi-part dossiers) or the papers. */
export function nextPosition(view: DossierView, pageId: string): string {
  const section = sectionOf(view, pageId);
  if (section) {
    const pages = pagesOf(section);
    const i = pages.findIndex((p) => p.id === pageId);
    if (i >= 0 && i + 1 < pages.length) return pages[i + 1]!.id;
    if (i < 0) {
      // The page just got hidden by its own answer: go to the next visible one after it.
      const all = section.pages;
      const j = all.findIndex((p) => p.id === pageId);
      const after = all.slice(j + 1).find((p) => p.visible);
      if (after) return after.id;
    }
  }
  if (isMultiPart(view)) return 'tasks';
  return 'documents';
}

/** The place before a page: the previous page of its task, else the task list. */
export function previousPosition(view: DossierView, pageId: string): string | null {
  const section = sectionOf(view, pageId);
  if (section) {
    const pages = pagesOf(section);
    const i = pages.findIndex((p) => p.id === pageId);
    if (i > 0) return pages[i - 1]!.id;
  }
  return isMultiPart(view) ? 'tasks' : null;
}

/** The first page of a task. */
export function firstPageOf(section: SectionDto): string | null {
  return pagesOf(section)[0]?.id ?? null;
}

/** Where to open a dossier: where the volunteer left it, if that still exists. */
export function startPosition(view: DossierView): string {
  const p = view.position;
  if (p === 'tasks' || p === 'documents' || p === 'check') return p;
  const page = p ? pageById(view, p) : undefined;
  if (page?.visible) return p;
  if (isMultiPart(view)) return 'tasks';
  const first = view.sections.find((s) => s.visible);
  return (first && firstPageOf(first)) ?? 'check';
}

export function issuesOn(view: DossierView, pageId: string): IssueDto[] {
  return view.issues.filter((i) => i.page === pageId);
}

/** The first problem of a field: its own path, or (for an address) its parts. */
export function issueFor(issues: IssueDto[], path: string): IssueDto | undefined {
  return issues.find((i) => i.path === path);
}

/** Papers still needed before the dossier can be ready. */
export function missingPapers(view: DossierView): number {
  return view.documents.filter((d) => d.status === 'missing' || d.status === 'later').length;
}
