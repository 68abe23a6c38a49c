/** scripts/check-budgets.ts on a made-up build: what it counts, and that it fails over budget. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgets, importsOf, measure, overBudget, scriptsOf } from '../scripts/check-budgets';

/** A build with a content script, a popup whose chunks import each other, engine and background. */
function build(lazyChunkBytes: number, sideChunkBytes = 0): string {
  const root = mkdtempSync(path.join(tmpdir(), 'budgets-'));
  mkdirSync(path.join(root, 'chunks'));
  mkdirSync(path.join(root, 'content-scripts'));
  const manifest = {
    manifest_version: 3,
    action: { default_popup: 'popup.html' },
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['*://*/*'], js: ['content-scripts/content.js'] }],
  };
  writeFileSync(path.join(root, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(
    path.join(root, 'popup.html'),
    '<!doctype html><script type="module" src="/chunks/popup.js"></script><link rel="modulepreload" href="/chunks/shared.js"><script src="https://cdn.example/x.js"></script>',
  );
  writeFileSync(path.join(root, 'chunks/popup.js'), 'import{a}from"./shared.js";import"./side.js";const l=()=>import("./lazy.js");');
  writeFileSync(path.join(root, 'chunks/shared.js'), 'import{b}from"./popup.js";export const a=1;');
  writeFileSync(path.join(root, 'chunks/side.js'), `console.log("${randomBytes(sideChunkBytes).toString('base64')}")`);
  // Random bytes do not compress: the lazy chunk weighs what it is told to.
  writeFileSync(path.join(root, 'chunks/lazy.js'), `export const x="${randomBytes(lazyChunkBytes).toString('base64')}";`);
  writeFileSync(path.join(root, 'chunks/unused.js'), 'never loaded');
  writeFileSync(path.join(root, 'content-scripts/content.js'), 'import"../chunks/side.js";');
  writeFileSync(path.join(root, 'engine.js'), 'engine');
  writeFileSync(path.join(root, 'background.js'), 'background');
  return root;
}

describe('size budgets', () => {
  it('finds imports in minified chunks', () => {
    const code = 'import{a as b}from"./x.js";import"./y.js";const z=()=>import("../z.js");const s="from nowhere";';
    expect(importsOf(code)).toEqual(['./x.js', './y.js', '../z.js']);
    expect(importsOf(code, { dynamic: false })).toEqual(['./x.js', './y.js']);
    expect(scriptsOf('<script type="module" src="/a.js"></script><link rel="modulepreload" href="b.js"><script src="https://x/y.js"></script>')).toEqual([
      '/a.js',
      'b.js',
    ]);
  });

  it('counts the content script, the chunks the popup loads as it opens and those it loads on demand, each once', () => {
    const entries = measure(build(100));
    const files = (group: string) => entries.filter((e) => e.group === group).map((e) => e.file);
    expect(files('content')).toEqual(['content-scripts/content.js', 'chunks/side.js']);
    expect(files('popup')).toEqual(['chunks/popup.js', 'chunks/shared.js', 'chunks/side.js']);
    expect(files('popup-lazy')).toEqual(['chunks/lazy.js']);
    expect(files('info')).toEqual(['engine.js', 'background.js']);
    expect(overBudget(entries)).toEqual([]);
  });

  it('fails naming the files when what the popup opens with is over budget', () => {
    const problems = overBudget(measure(build(100, budgets.popup)));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^popup JS at open over budget: \d+ B gzip > 25000 B \(.*chunks\/side\.js \d+ B/);
  });

  it('fails naming the files when what the popup loads on demand is over budget', () => {
    const root = build(budgets['popup-lazy']);
    const problems = overBudget(measure(root));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^popup JS on demand over budget: \d+ B gzip > 15000 B \(chunks\/lazy\.js \d+ B/);
    let status = 0;
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'scripts/check-budgets.ts', root], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      ({ status, stderr } = error as { status: number; stderr: string });
    }
    expect(status).toBe(1);
    expect(stderr).toContain('chunks/lazy.js');
  });
});
