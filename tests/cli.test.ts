/** The Node command end to end: a real process, real files. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readFixture } from './helpers';

const root = path.resolve(__dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const page = (name: string) => path.join(fixturesDir, name, 'page.html');

function md(...args: string[]) {
  const run = spawnSync(tsx, [path.join(root, 'cli', 'md.ts'), ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run md', () => {
  it('prints the Markdown of one page, the same as the reviewed expectation', () => {
    const run = md(page('woshipm-6025589'), '--template', 'gitbook', '--key-points');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFixture('woshipm-6025589', 'expected.md'));
  });

  it('prints the Article as JSON', () => {
    const run = md(page('pmd-2021-5239764'), '--format', 'json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(readFixture('pmd-2021-5239764', 'expected.json')));
  });

  it('writes one file per page with --out, named by the template', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wr-out-'));
    const run = md(page('woshipm-6025589'), page('pmd-2025-6195764'), '--out', out);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '2024-04-02-2024，大厂人“卷”向海外.md',
      '2025-03-23-有产品实习但拿不到offer？你可能在无效积累（附自检清单）.md',
    ]);
    expect(readFileSync(path.join(out, readdirSync(out).sort()[0]!), 'utf8')).toMatch(/^---\ntitle: "2024，大厂人“卷”向海外"/);
  });

  it('reads a GBK-encoded saved page by its meta charset', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wr-gbk-'));
    const utf8 = readFixture('pmd-2025-6195764', 'page.html').replace('<meta charset="utf-8">', '<meta charset="gbk">');
    const gbk = path.join(dir, 'gbk.html');
    writeFileSync(gbk, new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK//TRANSLIT'], { input: utf8 })));
    const run = md(gbk, '--format', 'json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).title).toBe('有产品实习但拿不到offer？你可能在无效积累（附自检清单）');
  });

  it('fails clearly for a page that is not an article, and for a missing file', () => {
    const list = md(path.join(fixturesDir, 'non-article', 'list.html'));
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/不是文章.*not-article/);
    const missing = md('no/such/page.html');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/无法读取 no\/such\/page\.html：ENOENT/);
  });

  it('asks for --url when the page does not say where it came from', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wr-url-'));
    const file = path.join(dir, 'saved.html');
    writeFileSync(file, readFixture('non-article', 'search.html'));
    const run = md(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--url');
    const given = md(page('pmd-2025-6195764'), '--url', 'https://www.woshipm.com/pmd/6195764.html', '--format', 'card');
    expect(given.stdout).toContain('《有产品实习但拿不到offer？你可能在无效积累（附自检清单）》');
  });

  it('rejects unknown options with usage', () => {
    const run = md(page('pmd-2025-6195764'), '--template', 'docx');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('未知模板');
    expect(run.stderr).toContain('用法');
  });
});
