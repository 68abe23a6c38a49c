/**
 * WCAG AA contrast of every theme's colours, read from the style sheets themselves: the extension pages
 * (components/palette.css, light and dark), the reader (components/reader/reader.css: light, sepia,
 * dark, and auto under a dark system theme), the highlight marks over each reader theme, and the
 * highlight toolbar. axe (tests/e2e/a11y.e2e.ts) checks the text on screen; this checks each pair a
 * theme can put together, including the ones no fixture page happens to show (a caption, a table, a
 * warning), and the bold text's two backgrounds, which axe cannot read from a gradient.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = (file: string) => readFileSync(path.resolve(__dirname, '..', file), 'utf8');

type Rgba = [number, number, number, number];

function parseColor(value: string): Rgba {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)).concat(1) as Rgba;
  }
  const rgba = /^rgba?\(\s*(\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\s*\)$/.exec(value.trim());
  if (rgba) return [Number(rgba[1]), Number(rgba[2]), Number(rgba[3]), rgba[4] === undefined ? 1 : Number(rgba[4])];
  throw new Error(`not a colour: ${value}`);
}

/** `top` painted over the opaque `bottom`. */
const over = ([r, g, b, a]: Rgba, bottom: Rgba): Rgba => [r * a + bottom[0] * (1 - a), g * a + bottom[1] * (1 - a), b * a + bottom[2] * (1 - a), 1];

const luminance = ([r, g, b]: Rgba) => {
  const linear = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
};
const ratio = (a: Rgba, b: Rgba) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

/** The custom properties set in the first block whose selector is `selector` (after `from`, when given). */
function variables(sheet: string, selector: string, from = 0): Record<string, string> {
  const start = sheet.indexOf(`${selector} {`, from);
  if (start < 0) throw new Error(`no block ${selector}`);
  const body = sheet.slice(start + selector.length + 2, sheet.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** Each text colour on each background it is used on, and the smallest ratio allowed (4.5:1 text, 3:1 large or graphical). */
function expectPairs(theme: string, colours: Record<string, string>, pairs: [string, string, number?][]) {
  const failures = pairs
    .map(([fg, bg, least = 4.5]) => ({ fg, bg, least, value: ratio(parseColor(colours[fg]!), parseColor(colours[bg]!)) }))
    .filter((p) => !(p.value >= p.least))
    .map((p) => `${theme}: ${p.fg} on ${p.bg} is ${p.value.toFixed(2)}:1, under ${p.least}:1`);
  expect(failures).toEqual([]);
}

describe('extension pages (palette.css)', () => {
  const sheet = css('components/palette.css');
  const light = variables(sheet, ':root');
  const dark = { ...light, ...variables(sheet, ':root', sheet.indexOf('prefers-color-scheme: dark')) };

  it.each([
    ['light', light],
    ['dark', dark],
  ])('%s: every text colour on the page and on the soft panels; the primary button', (theme, colours) => {
    expect(Object.keys(colours)).toEqual(expect.arrayContaining(['bg', 'fg', 'muted', 'accent', 'accent-fg', 'warn', 'ok', 'danger', 'soft', 'line']));
    const texts = ['fg', 'muted', 'accent', 'warn', 'ok', 'danger'];
    expectPairs(theme, colours, [...texts.flatMap((t): [string, string][] => [[t, 'bg'], [t, 'soft']]), ['accent-fg', 'accent']]);
  });
});

describe('reader themes (reader.css)', () => {
  const sheet = css('components/reader/reader.css');
  const light = variables(sheet, '.reader');
  const themes = {
    light,
    sepia: { ...light, ...variables(sheet, '.reader.theme-sepia') },
    dark: { ...light, ...variables(sheet, '.reader.theme-dark') },
    'auto (dark system theme)': { ...light, ...variables(sheet, '.reader.theme-auto', sheet.indexOf('prefers-color-scheme: dark')) },
  };

  it('auto under a dark system theme is the dark theme', () => {
    expect(themes['auto (dark system theme)']).toEqual(themes.dark);
  });

  it.each(Object.entries(themes))('%s: body, captions, links, lead, bar, bold over its marker, primary button', (theme, colours) => {
    expectPairs(theme, colours, [
      ['fg', 'bg'],
      ['muted', 'bg'], // meta, captions, outline, quotes
      ['accent', 'bg'], // links, the current outline entry
      ['fg', 'soft'], // lead, bar controls, code, table heads
      ['muted', 'soft'],
      ['mark-fg', 'mark'], // bold: its lower part on the marker…
      ['mark-fg', 'bg'], // …its upper part on the page
      ['bg', 'accent'], // 导出 Markdown
    ]);
  });

  // The marks are translucent: the text keeps the theme's colour over the mark blended with the background.
  const marks = css('components/highlights/marks.css');
  const markColours = (dark: boolean) =>
    Object.fromEntries(
      ['yellow', 'green', 'blue', 'pink'].map((name) => {
        const rule = new RegExp(`${dark ? '\\.theme-dark ' : '^'}mark\\[data-hl-color=["']${name}["']\\]\\s*\\{\\s*background:\\s*(rgba\\([^)]+\\))`, 'm');
        const found = rule.exec(marks)?.[1];
        if (!found) throw new Error(`no ${dark ? 'dark ' : ''}${name} mark`);
        return [name, parseColor(found)];
      }),
    );

  it.each(Object.entries(themes))('%s: text over each highlight colour', (theme, colours) => {
    const bg = parseColor(colours.bg!);
    const failures = Object.entries(markColours(theme === 'dark' || theme.startsWith('auto')))
      .map(([name, mark]) => ({ name, value: ratio(parseColor(colours.fg!), over(mark, bg)) }))
      .filter((m) => m.value < 4.5)
      .map((m) => `${theme}: text on a ${m.name} highlight is ${m.value.toFixed(2)}:1`);
    expect(failures).toEqual([]);
  });
});

describe('highlight toolbar (toolbar.css)', () => {
  it('its text on the bar and on the 保存 button', () => {
    const sheet = css('components/highlights/toolbar.css');
    const value = (selector: string, property: string) => new RegExp(`${selector.replace(/[.[\]]/g, '\\$&')} \\{[^}]*?${property}: (#[0-9a-f]{3,6})`, 'i').exec(sheet)?.[1];
    const colours = { text: value('.hl-toolbar', 'color')!, bar: value('.hl-toolbar', 'background')!, primary: value('.hl-primary', 'background')! };
    expect(Object.values(colours).every(Boolean)).toBe(true);
    expectPairs('toolbar', colours, [
      ['text', 'bar'],
      ['text', 'primary'],
    ]);
  });
});
