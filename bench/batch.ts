/**
 * Batch export of open tabs in headless Chromium with the built extension (`npm run build` first):
 * 20 article tabs (the fixture pages, repeated), one popup click, time until every file is saved.
 * `npm run bench:batch`
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { launch, root } from '../tools/browser-harness';

const count = Number(process.env.BENCH_TABS ?? 20);
const manifest: { url: string }[] = JSON.parse(readFileSync(path.join(root, 'tests', 'fixtures', 'manifest.json'), 'utf8'));
const s = await launch();
try {
  let last = 0;
  for (let i = 0; i < count; i++) last = (await s.openSite(manifest[i % manifest.length]!.url)).tabId;
  const popup = await s.openPopup(last);
  const button = popup.getByRole('button', { name: new RegExp(`（${count} 篇）`) });
  await button.waitFor();
  const start = performance.now();
  await button.click();
  await popup.getByText(`完成：导出 ${count} 篇，失败 0 篇`).waitFor({ timeout: 120_000 });
  const exported = performance.now() - start;
  const saved = () => readdirSync(s.downloads).filter((f) => f.endsWith('.md')).length;
  while (saved() < count) await new Promise((r) => setTimeout(r, 20));
  const total = performance.now() - start;
  console.log(`Batch export of ${count} open article tabs (headless Chromium, 2 cores)`);
  console.log(
    `  all tabs exported: ${(exported / 1000).toFixed(2)} s; all ${count} files on disk: ${(total / 1000).toFixed(2)} s (${(total / count).toFixed(0)} ms per tab)`,
  );
} finally {
  await s.close();
}
