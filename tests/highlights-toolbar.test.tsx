/** entrypoints/engine/highlight-toolbar.tsx: the toolbar's element in the page, where it goes and where the focus goes. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createToolbarElement, type ToolbarElement } from '../entrypoints/engine/highlight-toolbar';
import type { ToolbarView } from '../utils/highlights/toolbar-state';
import { toolbarView } from './highlight-fixtures';

const view = (over: Partial<ToolbarView> = {}) => toolbarView({ color: 'green', ...over });
const rect = (left: number, top: number, width = 100, height = 20) => new DOMRect(left, top, width, height);
const viewport = (width: number, height: number) => {
  Object.defineProperty(document.documentElement, 'clientWidth', { configurable: true, value: width });
  Object.defineProperty(document.documentElement, 'clientHeight', { configurable: true, value: height });
};

beforeEach(() => viewport(1000, 800));
afterEach(() => {
  document.body.replaceChildren();
  // back to jsdom's own (the prototype's) sizes
  Reflect.deleteProperty(document.documentElement, 'clientWidth');
  Reflect.deleteProperty(document.documentElement, 'clientHeight');
});

const made: ToolbarElement[] = [];
afterEach(() => {
  for (const bar of made.splice(0)) bar.remove();
});

function setup() {
  const onLostAnchor = vi.fn();
  const bar = createToolbarElement(document, onLostAnchor);
  made.push(bar);
  const shadow = bar.host.shadowRoot!;
  const button = (name: string) => [...shadow.querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);
  return { bar, shadow, button, onLostAnchor };
}

describe('createToolbarElement', () => {
  it('shows the bar last in the body, over what it is for, and hides it', () => {
    const { bar, shadow } = setup();
    document.body.append(document.createElement('p'));
    bar.show(view(), () => rect(400, 300));
    expect(document.body.lastElementChild).toBe(bar.host);
    expect(bar.host.hasAttribute('data-hl-ignore')).toBe(true);
    expect(bar.host.style.display).toBe('block');
    expect(shadow.querySelector('[role="toolbar"]')!.getAttribute('aria-label')).toBe('标注');
    expect([bar.host.style.top, bar.host.style.left]).toEqual(['252px', '340px']);
    // something the page added after it: the next show puts it last again
    document.body.append(document.createElement('div'));
    bar.show(view(), () => rect(400, 300));
    expect(document.body.lastElementChild).toBe(bar.host);
    bar.hide();
    expect(bar.host.style.display).toBe('none');
    expect(shadow.querySelector('[role="toolbar"]')).toBeNull();
  });

  it('follows its anchor, and says so when the anchor is gone', () => {
    const { bar, onLostAnchor } = setup();
    let anchor: DOMRect | undefined = rect(400, 300);
    bar.show(view(), () => anchor);
    anchor = rect(100, 500);
    bar.place();
    expect([bar.host.style.top, bar.host.style.left]).toEqual(['452px', '40px']);
    anchor = undefined;
    bar.place();
    expect(onLostAnchor).toHaveBeenCalledTimes(1);
    bar.hide();
    bar.place(); // hidden: nothing to follow
    expect(onLostAnchor).toHaveBeenCalledTimes(1);
  });

  it('renders what changed in place', () => {
    const { bar, button } = setup();
    bar.show(view(), () => rect(0, 0));
    expect(button('添加笔记')).toBeTruthy();
    bar.update(view({ note: '我的想法', color: 'pink' }));
    expect(button('编辑笔记')).toBeTruthy();
    expect(button('粉色高亮')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('opened from the keyboard takes the focus, unless the focus is in it already', () => {
    const { bar, shadow, button } = setup();
    const mark = document.createElement('mark');
    mark.tabIndex = 0;
    document.body.append(mark);
    mark.focus();
    bar.show(view({ mode: 'new' }), () => rect(0, 0), { focus: true });
    expect(document.activeElement).toBe(bar.host);
    expect(shadow.activeElement).toBe(button('黄色高亮'));
    button('添加笔记')!.focus();
    bar.show(view({ mode: 'new' }), () => rect(0, 0), { focus: true });
    expect(shadow.activeElement).toBe(button('添加笔记'));
  });

  it('gives the focus back when it closes with the focus inside, and leaves it alone when the focus is elsewhere', () => {
    const { bar, button } = setup();
    const mark = document.createElement('mark');
    mark.tabIndex = 0;
    const elsewhere = document.createElement('button');
    document.body.append(mark, elsewhere);
    bar.show(view(), () => rect(0, 0), { focus: true });
    bar.hide(() => mark);
    expect(document.activeElement).toBe(mark);

    bar.show(view(), () => rect(0, 0), { focus: true });
    expect(document.activeElement).toBe(bar.host);
    elsewhere.focus(); // the user clicked or tabbed away
    const returnFocus = vi.fn(() => mark);
    bar.hide(returnFocus);
    expect(document.activeElement).toBe(elsewhere);
    expect(returnFocus).not.toHaveBeenCalled();
    expect(button('黄色高亮')).toBeUndefined();
  });

  it('tells its own events from the page\'s, and leaves the page when removed', () => {
    const { bar, button } = setup();
    bar.show(view(), () => rect(0, 0));
    const seen: boolean[] = [];
    document.addEventListener('click', (e) => seen.push(bar.contains(e)), { once: false });
    button('黄色高亮')!.click();
    document.body.click();
    expect(seen).toEqual([true, false]);
    bar.remove();
    expect(bar.host.isConnected).toBe(false);
  });
});
