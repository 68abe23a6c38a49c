/**
 * Which Alt+Shift keys does this Chromium give an extension that suggests them? Chrome silently leaves a
 * command without a key when the browser itself (or another extension) holds it, so the defaults in
 * wxt.config.ts were chosen from what this prints (README, "Shortcuts"). Four suggested keys per extension
 * at most, so one throwaway extension per four keys, each in a fresh profile.
 *
 *   npm run probe:shortcuts [-- A B C ...]   (default: A-Z and 0-9)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const keys = process.argv.slice(2).length ? process.argv.slice(2) : [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const work = mkdtempSync(path.join(tmpdir(), 'probe-shortcuts-'));
const given = new Map<string, string>();
for (let i = 0; i < keys.length; i += 4) {
  const group = keys.slice(i, i + 4);
  const ext = path.join(work, `ext${i}`);
  mkdirSync(ext);
  const commands = Object.fromEntries(group.map((k) => [`key-${k}`, { suggested_key: { default: `Alt+Shift+${k}` }, description: k }]));
  writeFileSync(
    path.join(ext, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'probe', version: '1', background: { service_worker: 'bg.js' }, commands }),
  );
  writeFileSync(path.join(ext, 'bg.js'), '');
  const context = await chromium.launchPersistentContext(path.join(work, `profile${i}`), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  type Command = { description?: string; shortcut?: string };
  const commands_ = await worker.evaluate(() => (globalThis as unknown as { chrome: { commands: { getAll(): Promise<Command[]> } } }).chrome.commands.getAll());
  for (const c of commands_) if (c.description) given.set(c.description, c.shortcut ?? '');
  await context.close();
}
rmSync(work, { recursive: true, force: true });
const version = (await import('node:child_process'))
  .execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  .trim();
console.log(version);
console.log(
  'given:   ',
  keys
    .filter((k) => given.get(k))
    .map((k) => `Alt+Shift+${k}`)
    .join(' '),
);
console.log(
  'refused: ',
  keys
    .filter((k) => !given.get(k))
    .map((k) => `Alt+Shift+${k}`)
    .join(' '),
);
