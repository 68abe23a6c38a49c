/**
 * The Node command's behaviour, declared once for two ways to run it: in process through `main`
 * (the fast tier, tests/cli.test.ts) and as a real `tsx cli/md.ts` process (the reliability tier,
 * tests/reliability/cli-process.test.ts), which adds argv, stdio and the exit code.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureArticle, fixturesDir, readFixture } from './helpers';

/** What one run of `npm run md -- ...args` gave. */
interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const page = (name: string) => path.join(fixturesDir, name, 'page.html');

/** A folder of saved pages: three articles (one in a subfolder, saved as .htm) and a list page. */
function savedFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wr-saved-'));
  mkdirSync(path.join(dir, 'older'));
  copyFileSync(page('woshipm-6025589'), path.join(dir, 'a.html'));
  copyFileSync(page('zhichang-2025-6191298'), path.join(dir, 'b.html'));
  copyFileSync(page('pmd-2021-5239764'), path.join(dir, 'older', 'c.htm'));
  copyFileSync(path.join(fixturesDir, 'non-article', 'list.html'), path.join(dir, 'list.html'));
  writeFileSync(path.join(dir, 'notes.txt'), 'not a page');
  return dir;
}

/** The files under `dir`, relative, with / separators, sorted. */
export const files = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[])
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => /\.\w+$/.test(f))
    .sort();

/** The command's cases, each run through `md`. */
export function describeCli(how: string, md: (...args: string[]) => Promise<Run>): void {
  describe(`npm run md (${how})`, () => {
    it('prints the Markdown of one page, the same as the reviewed expectation', async () => {
      const run = await md(page('woshipm-6025589'), '--template', 'gitbook', '--key-points');
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(readFixture('woshipm-6025589', 'expected.md'));
    });

    it('ends the Markdown with the credit lines with --attribution, as the extension option does', async () => {
      const { attribution } = fixtureArticle('woshipm-6025589');
      expect(attribution).toContain('来源公众号：霞光社（ID：Globalinsights）；看见新经济的万丈霞光。');
      const without = await md(page('woshipm-6025589'));
      const run = await md(page('woshipm-6025589'), '--attribution');
      expect(run.code).toBe(0);
      for (const line of attribution) expect(without.stdout).not.toContain(line);
      expect(run.stdout.startsWith(without.stdout.trimEnd())).toBe(true);
      expect(run.stdout.slice(without.stdout.trimEnd().length)).toBe(`\n\n---\n\n${attribution.join('\n\n')}\n`);
      expect((await md('--help')).stdout).toContain('--attribution');
    });

    it('prints the Article as JSON', async () => {
      const run = await md(page('pmd-2021-5239764'), '--format', 'json');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(fixtureArticle('pmd-2021-5239764'));
    });

    it('writes one file per page with --out, named by the template', async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'wr-out-'));
      const run = await md(page('woshipm-6025589'), page('pmd-2025-6195764'), '--out', out);
      expect(run.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual([
        '2024-04-02-2024，大厂人“卷”向海外.md',
        '2025-03-23-有产品实习但拿不到offer？你可能在无效积累（附自检清单）.md',
      ]);
      expect(readFileSync(path.join(out, readdirSync(out).sort()[0]!), 'utf8')).toMatch(/^---\ntitle: "2024，大厂人“卷”向海外"/);
    });

    it('reads a GBK-encoded saved page by its meta charset', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'wr-gbk-'));
      const utf8 = readFixture('pmd-2025-6195764', 'page.html').replace('<meta charset="utf-8">', '<meta charset="gbk">');
      const gbk = path.join(dir, 'gbk.html');
      writeFileSync(gbk, new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK//TRANSLIT'], { input: utf8 })));
      const run = await md(gbk, '--format', 'json');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).title).toBe('有产品实习但拿不到offer？你可能在无效积累（附自检清单）');
    });

    it('fails clearly for a page that is not an article, and for a missing file', async () => {
      const list = await md(path.join(fixturesDir, 'non-article', 'list.html'));
      expect(list.code).toBe(1);
      expect(list.stderr).toMatch(/不是文章.*not-article/);
      const missing = await md('no/such/page.html');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/无法读取 no\/such\/page\.html：ENOENT/);
    });

    it('asks for --url when the page does not say where it came from', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'wr-url-'));
      const file = path.join(dir, 'saved.html');
      writeFileSync(file, readFixture('non-article', 'search.html'));
      const run = await md(file);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('--url');
      const given = await md(page('pmd-2025-6195764'), '--url', 'https://www.woshipm.com/pmd/6195764.html', '--format', 'card');
      expect(given.stdout).toContain('《有产品实习但拿不到offer？你可能在无效积累（附自检清单）》');
    });


    it('rejects unknown options with usage', async () => {
      const run = await md(page('pmd-2025-6195764'), '--template', 'docx');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('未知模板');
      expect(run.stderr).toContain('用法');
    });
  });

  describe(`npm run md -- <folder> --out DIR: a Markdown library (${how})`, () => {
    it('writes <category>/<year>/<file> per article and SUMMARY.md, skips what is not an article, sums up', async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'wr-library-'));
      const run = await md(savedFolder(), '--out', out);
      expect(run.code).toBe(0);
      expect(files(out)).toEqual([
        'SUMMARY.md',
        'library.json',
        'pmd/2021/2021-12-07-深度思考 - 产品经理要不要懂技术的底层逻辑.md',
        'zhichang/2024/2024-04-02-2024，大厂人“卷”向海外.md',
        'zhichang/2025/2025-03-12-体验设计师应该向产品经理转岗吗？.md',
      ]);
      expect(readFileSync(path.join(out, 'SUMMARY.md'), 'utf8')).toBe(`# Summary

## 产品经理

### 2021

* [深度思考 | 产品经理要不要懂技术的底层逻辑](pmd/2021/2021-12-07-深度思考%20-%20产品经理要不要懂技术的底层逻辑.md)

## 职场攻略

### 2025

* [体验设计师应该向产品经理转岗吗？](zhichang/2025/2025-03-12-体验设计师应该向产品经理转岗吗？.md)

### 2024

* [2024，大厂人“卷”向海外](zhichang/2024/2024-04-02-2024，大厂人“卷”向海外.md)
`);
      expect(run.stderr).toMatch(/✗ .*list\.html：这个页面不是文章.*（not-article）/);
      expect(run.stderr.trim().split('\n').at(-1)).toBe('转换 3 篇，跳过 1 篇（not-article: 1）');
      // each file is what converting the page alone prints (front matter template by default)
      const single = await md(page('woshipm-6025589'));
      expect(readFileSync(path.join(out, 'zhichang/2024/2024-04-02-2024，大厂人“卷”向海外.md'), 'utf8')).toBe(single.stdout);
      // library.json: what the extension's library imports from this folder, each article at its file
      const json = JSON.parse(readFileSync(path.join(out, 'library.json'), 'utf8'));
      expect([json.format, json.version, json.generator]).toEqual(['woshipm-reader-library', 1, 'cli']);
      expect(json.articles.map((a: { path: string }) => a.path).sort()).toEqual(files(out).filter((f) => f.endsWith('.md') && f !== 'SUMMARY.md'));
    });

    it('uses the --template and --key-points given, and takes files and folders together', async () => {
      const out = mkdtempSync(path.join(tmpdir(), 'wr-library-'));
      const dir = mkdtempSync(path.join(tmpdir(), 'wr-saved-'));
      copyFileSync(page('woshipm-6025589'), path.join(dir, 'a.html'));
      const run = await md(dir, page('pmd-2025-6195764'), '--out', out, '--template', 'gitbook', '--key-points');
      expect(run.code).toBe(0);
      expect(readFileSync(path.join(out, 'zhichang/2024/2024-04-02-2024，大厂人“卷”向海外.md'), 'utf8')).toBe(readFixture('woshipm-6025589', 'expected.md'));
      expect(readFileSync(path.join(out, 'pmd/2025/2025-03-23-有产品实习但拿不到offer？你可能在无效积累（附自检清单）.md'), 'utf8')).toBe(
        readFixture('pmd-2025-6195764', 'expected.md'),
      );
      expect(run.stderr.trim().split('\n').at(-1)).toBe('转换 2 篇，跳过 0 篇');
    });

    it('exits 1 when nothing in the folder could be converted', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'wr-saved-'));
      copyFileSync(path.join(fixturesDir, 'non-article', 'list.html'), path.join(dir, 'list.html'));
      copyFileSync(path.join(fixturesDir, 'non-article', 'tag.html'), path.join(dir, 'tag.html'));
      copyFileSync(path.join(fixturesDir, 'non-article', 'search.html'), path.join(dir, 'search.html'));
      const out = mkdtempSync(path.join(tmpdir(), 'wr-library-'));
      const run = await md(dir, '--out', out);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n').at(-1)).toBe('转换 0 篇，跳过 3 篇（no-url: 1, not-article: 2）');
      expect(readdirSync(out)).toEqual([]);
    });

  });
}
