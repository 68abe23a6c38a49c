/**
 * The folder -> library conversion on 200 saved pages, in process: `npm run bench:cli`.
 *
 * The pages are copies of the 16 fixture pages, each copy with its article id changed everywhere
 * in the page (og:url, canonical, JSON-LD, links), so that every page is a distinct article.
 * Prints the total time and pages per second.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../cli/md';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'tests', 'fixtures');
const pages = Number(process.env.BENCH_PAGES ?? 200);
const manifest: { name: string; url: string }[] = JSON.parse(readFileSync(path.join(fixtures, 'manifest.json'), 'utf8'));

const work = mkdtempSync(path.join(tmpdir(), 'wr-bench-'));
const saved = path.join(work, 'saved');
const library = path.join(work, 'library');
try {
  for (let i = 0; i < pages; i++) {
    const { name, url } = manifest[i % manifest.length]!;
    const id = /(\d+)\.html$/.exec(url)![1]!;
    const copy = Math.floor(i / manifest.length);
    const html = readFileSync(path.join(fixtures, name, 'page.html'), 'utf8').replaceAll(id, String(Number(id) * 10 + copy));
    const dir = path.join(saved, `batch-${copy}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.html`), html);
  }

  let log = '';
  const sink = { write: (s: string) => ((log += s), true) };
  const start = performance.now();
  const code = await main([saved, '--out', library], sink, sink);
  const seconds = (performance.now() - start) / 1000;

  const written = readdirSync(library, { recursive: true }).filter((f) => String(f).endsWith('.md')).length;
  console.log(`${pages} pages -> ${library}`);
  console.log(log.trim().split('\n').at(-1));
  console.log(`exit ${code}, ${written - 1} articles + SUMMARY.md written`);
  console.log(
    `total ${seconds.toFixed(2)} s, ${(pages / seconds).toFixed(1)} pages/s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (node ${process.version})`,
  );
} finally {
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}
