/** The Node command as a real process, `tsx cli/md.ts`: every case of tests/cli-cases.ts. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describeCli } from '../cli-cases';

const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

describeCli('a tsx process', async (...args) => {
  const run = spawnSync(tsx, [path.join(root, 'cli', 'md.ts'), ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
});
