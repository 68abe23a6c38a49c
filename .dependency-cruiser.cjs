/**
 * Which folder may import which (see README "How it works"). `npm run lint:deps` checks these on
 * every `npm test`: a broken rule is a finding, not a review comment.
 *
 *   utils/        the core: plain TypeScript over the DOM, shared with the CLI; no browser extension APIs
 *   components/   presentational Preact: components/ and utils/ only
 *   shell/        everything that talks to the browser: shell/ and utils/ only
 *   entrypoints/  the pages and scripts WXT builds: may use all of the above; nothing else imports them
 */
/** Extension runtime packages: the browser, storage, WXT's helpers (resolved paths; node_modules may be a symlink). */
const extensionApis = '(^|/)node_modules/(wxt|@wxt-dev/browser|@wxt-dev/storage|webextension-polyfill)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood, tested or moved one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'utils-is-the-core',
      severity: 'error',
      comment: 'utils/ runs in the page, the popup and under Node (the CLI): it imports only utils/ and plain libraries.',
      from: { path: '^utils/' },
      to: { path: ['^(shell|components|entrypoints)/', '^[.]wxt/'] },
    },
    {
      name: 'utils-has-no-browser-apis',
      severity: 'error',
      comment: 'No browser.*, storage or WXT helpers in the core (they are not there under Node).',
      from: { path: '^utils/' },
      to: { path: [extensionApis, '(^|/)node_modules/@wxt-dev/i18n/'] },
    },
    {
      name: 'the-core-is-given-its-site',
      severity: 'error',
      comment:
        'A site table (utils/site/woshipm.ts) is chosen at the edges (entrypoints/, shell/, cli/, wxt.config.ts, tests, benches, tools) ' +
        'and handed to the core as a value: utils/ and components/ take a SiteProfile or its light part SiteUrls (utils/site/profile.ts) ' +
        'as an argument, so a second site is a second table, not edits across utils/. dependency-cruiser sees modules, not the names ' +
        'imported from them: that the edges read the table only through `woshipm` and `woshipmUrls` holds because those are all it ' +
        'exports, which tests/site.test.ts checks.',
      from: { path: '^(utils|components)/', pathNot: '^utils/site/' },
      to: { path: '^utils/site/', pathNot: '^utils/site/profile[.]ts$' },
    },
    {
      name: 'components-are-presentational',
      severity: 'error',
      comment: 'components/ render what they are given: components/ and utils/ only; data loading lives next to its entrypoint.',
      from: { path: '^components/' },
      to: { path: ['^(shell|entrypoints)/', extensionApis] },
    },
    {
      name: 'shell-has-no-ui',
      severity: 'error',
      comment: 'shell/ is the browser side (messages, settings, downloads, tabs): shell/ and utils/ only.',
      from: { path: '^shell/' },
      to: { path: '^(components|entrypoints)/' },
    },
    {
      name: 'entrypoints-are-leaves',
      severity: 'error',
      comment: 'Only entrypoints/ (and the tests that drive them) import entrypoints/: shared code belongs in utils/, components/ or shell/.',
      from: { path: '^(utils|components|shell|cli|bench|scripts|tools)/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'node-tools-use-the-core',
      severity: 'error',
      comment: 'The CLI, scripts and tools run under Node: utils/ yes, the extension (shell/, components/) no.',
      from: { path: '^(cli|scripts|tools)/' },
      to: { path: ['^(shell|components|entrypoints)/', extensionApis] },
    },
    {
      name: 'tests-and-benches-apart',
      severity: 'error',
      comment: 'Tests check behaviour and benches print figures: neither imports the other; shared helpers live in tools/.',
      from: { path: '^(tests|bench)/' },
      to: { path: '^(tests|bench)/', pathNot: '^$1/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing package.',
      from: {},
      to: { couldNotResolve: true, pathNot: ['[?](inline|raw|url)$'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^[.]wxt/'] },
    exclude: { path: ['^[.]output/', '^node_modules/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
