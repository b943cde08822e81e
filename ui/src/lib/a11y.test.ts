// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { announcePage, skipToContent } from './a11y';

describe('announcePage', () => {
  it('names the page in the title and focuses its heading', () => {
    document.body.innerHTML = '<main><h2>Hồ sơ</h2><button>x</button></main>';
    const main = document.querySelector('main') as HTMLElement;
    announcePage(main, 'Gõ Cửa', false);
    expect(document.title).toBe('Hồ sơ — Gõ Cửa');
    expect(document.activeElement?.textContent).toBe('Hồ sơ');
    expect(document.activeElement?.getAttribute('tabindex')).toBe('-1');
  });

  it('on the home screen focuses the search box and keeps the app name as title', () => {
    document.body.innerHTML = '<main><h2>Tìm</h2><input id="catalog-query" /></main>';
    announcePage(document.querySelector('main') as HTMLElement, 'Gõ Cửa', true);
    expect(document.title).toBe('Gõ Cửa');
    expect(document.activeElement?.id).toBe('catalog-query');
  });

  it('waits for a heading that arrives late', async () => {
    document.body.innerHTML = '<main></main>';
    const main = document.querySelector('main') as HTMLElement;
    announcePage(main, 'Gõ Cửa', false);
    setTimeout(() => (main.innerHTML = '<h1>Người dân</h1>'), 100);
    await new Promise((r) => setTimeout(r, 300));
    expect(document.title).toBe('Người dân — Gõ Cửa');
  });

  it('leaves focus where the person already put it', async () => {
    document.body.innerHTML = '<main><input id="a" /></main>';
    const main = document.querySelector('main') as HTMLElement;
    announcePage(main, 'Gõ Cửa', false);
    (document.getElementById('a') as HTMLInputElement).focus();
    setTimeout(() => main.insertAdjacentHTML('afterbegin', '<h2>Late</h2>'), 60);
    await new Promise((r) => setTimeout(r, 200));
    expect(document.activeElement?.id).toBe('a');
    expect(document.title).toBe('Late — Gõ Cửa');
  });

  it('the skip link lands on the heading', () => {
    document.body.innerHTML = '<a href="#x">menu</a><main><h2>Báo cáo</h2></main>';
    skipToContent(document.querySelector('main'));
    expect(document.activeElement?.textContent).toBe('Báo cáo');
  });
});
