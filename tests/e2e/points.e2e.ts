/**
 * The 要点 list by its one rule (utils/points.ts), in the popup and in reader mode, with the built
 * extension in headless Chromium: the author's bold, else the numbered section headings (the
 * skeleton, which jump to their sections), else the key sentences, each under its own label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, shot, type Session } from '../../tools/browser-harness';
import { pointsOf } from '../../utils/points';
import { fixtureArticle as expected } from '../helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => s?.close());

const cases = [
  { name: 'pmd-2025-6195764', url: 'https://www.woshipm.com/pmd/6195764.html', kind: 'keyPoints', card: '要点（作者加粗）', reader: '要点（作者加粗）' },
  {
    name: 'zhichang-2025-6191298',
    url: 'https://www.woshipm.com/zhichang/6191298.html',
    kind: 'skeleton',
    card: '文章骨架（小标题）',
    reader: '文章骨架（小标题）',
  },
  {
    name: 'chuangye-2021-4425532',
    url: 'https://www.woshipm.com/chuangye/4425532.html',
    kind: 'keySentences',
    card: '关键句（自动摘取）',
    reader: '关键句（自动摘取）',
  },
] as const;

describe('the points of an article', () => {
  it.each(cases)('$kind: the card and the reader list them under their label ($name)', async ({ name, url, kind, card, reader }) => {
    const article = expected(name);
    const points = pointsOf(article);
    expect(points.kind).toBe(kind); // the fixture is of the kind this case is about
    expect(points.items.length).toBeGreaterThanOrEqual(3);

    const { page, tabId } = await s.openSite(url);
    const popup = await s.openPopup(tabId);
    await popup.locator('.card-title').waitFor();
    const section = popup.locator(`section.keypoints.${kind}`);
    expect(await section.locator('h2').textContent()).toBe(card);
    expect((await section.locator('ol > li').allInnerTexts()).map((t) => t.trim())).toEqual(points.items);
    expect(await popup.locator('section.keypoints').count()).toBe(1);
    await shot(popup, `popup-points-${kind}`);

    await popup.getByRole('button', { name: '阅读模式' }).click();
    await page.bringToFront();
    const aside = page.locator('woshipm-reader aside.points');
    await aside.waitFor();
    expect(await aside.locator('h2').textContent()).toBe(reader);
    expect((await aside.locator('li').allInnerTexts()).map((t) => t.trim())).toEqual(points.items);
    await page.keyboard.press('Escape');
    await page.locator('woshipm-reader').waitFor({ state: 'detached' });
    await popup.close();
  });

  it('jumps from a skeleton heading in the popup to its section in the page', async () => {
    const { name, url } = cases[1];
    const points = pointsOf(expected(name));
    const target = points.items[2]!;
    const { page, tabId } = await s.openSite(url);
    const popup = await s.openPopup(tabId);
    await popup.locator('section.keypoints.skeleton').waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await popup.locator('section.keypoints.skeleton li').nth(2).locator('button.jump').click();
    // the page's own heading of that section comes into view
    const inView = (text: string) => {
      const heading = [...document.querySelectorAll('h1, h2, h3, h4, p, strong')].find((el) => el.textContent?.trim() === text);
      const top = heading?.getBoundingClientRect().top ?? -1;
      return window.scrollY > 0 && top >= 0 && top < window.innerHeight;
    };
    await expect.poll(() => page.evaluate(inView, target), { timeout: 10_000 }).toBe(true);
    await popup.close();
  });
});
