import { describe, expect, it } from 'vitest';
import type { DossierView, PageDto, SectionDto } from '$lib/ipc';
import { isMultiPart, nextPosition, previousPosition, startPosition } from './flow';

const text = (vi: string) => ({ vi, en: null });
const page = (id: string, visible = true): PageDto => ({ id, title: text(id), hint: null, visible, fields: [] });
const section = (id: string, pages: PageDto[], visible = true): SectionDto => ({
  id,
  title: text(id),
  status: 'not_started',
  visible,
  pages,
});

function view(sections: SectionDto[], position = ''): DossierView {
  return {
    id: 'd',
    procedure_code: 'P',
    procedure_name: text('p'),
    title: text('t'),
    state: 'draft',
    state_label: 'Đang soạn',
    editable: true,
    revision: 1,
    position,
    citizen: null,
    schema_version: 1,
    sections,
    answers: { values: {}, items: {} },
    hidden: [],
    shown: {},
    official: {},
    issues: [],
    documents: [],
    changes: [],
    newer_version: null,
    portal_code: null,
    places: {},
    supplement_note: null,
  };
}

describe('wizard flow', () => {
  const multi = view([
    section('a', [page('a1'), page('a2', false), page('a3')]),
    section('b', [page('b1')]),
    section('hidden', [page('h1')], false),
  ]);

  it('skips hidden pages and returns to the task list at the end of a task', () => {
    expect(isMultiPart(multi)).toBe(true);
    expect(nextPosition(multi, 'a1')).toBe('a3');
    expect(nextPosition(multi, 'a3')).toBe('tasks');
    expect(previousPosition(multi, 'a3')).toBe('a1');
    expect(previousPosition(multi, 'a1')).toBe('tasks');
  });

  it('goes on after a page its own answer just hid', () => {
    expect(nextPosition(multi, 'a2')).toBe('a3');
  });

  it('a one-part form goes from its last page to the papers, with no task list', () => {
    const single = view([section('only', [page('p1'), page('p2')])]);
    expect(isMultiPart(single)).toBe(false);
    expect(nextPosition(single, 'p2')).toBe('documents');
    expect(previousPosition(single, 'p1')).toBeNull();
    expect(startPosition(single)).toBe('p1');
  });

  it('resumes where the volunteer left, unless that page is gone', () => {
    expect(startPosition(view(multi.sections, 'a3'))).toBe('a3');
    expect(startPosition(view(multi.sections, 'a2'))).toBe('tasks');
    expect(startPosition(view(multi.sections, 'check'))).toBe('check');
    expect(startPosition(view(multi.sections, 'nope'))).toBe('tasks');
  });
});
