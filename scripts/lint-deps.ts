/**
 * `npm run lint:deps`: the folder rules of .dependency-cruiser.cjs over the whole project, through
 * dependency-cruiser's API. (Its command line refuses node 20, which these machines run; the API works.)
 * Prints each broken rule and exits non-zero when there is one.
 */
import path from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const scanned = ['utils', 'components', 'shell', 'entrypoints', 'cli', 'bench', 'scripts', 'tools', 'tests', 'wxt.config.ts'];

const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const tsConfig = extractTSConfig(options.tsConfig?.fileName ?? 'tsconfig.json');
// WXT's generated `#i18n` module: its tsconfig path starts with `#`, which the tsconfig-paths resolver skips.
const resolve = { alias: { '#i18n': path.resolve('.wxt/i18n/index.ts') } };
const result = await cruise(scanned, { ...options, outputType: 'err' }, resolve, { tsConfig });
process.stdout.write(String(result.output));
process.exitCode = result.exitCode;
