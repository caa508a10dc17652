/** Layer rules of DESIGN.md: arrows point inward; each SDK stays in its adapter. */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'domain/ imports nothing of the project outside domain/ and no package but zod.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: ['^src/domain/', '^node_modules/zod/', '^(node:)?(crypto)$'] },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'app-depends-on-domain-only',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(graph|store|bot|simulator)/|^src/(main|config)\\.ts$' },
    },
    {
      name: 'graph-adapter-stands-apart',
      severity: 'error',
      from: { path: '^src/graph/' },
      to: { path: '^src/(bot|simulator|store)/' },
    },
    {
      name: 'store-adapter-stands-apart',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(bot|simulator|graph)/' },
    },
    {
      name: 'bot-talks-to-use-cases',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: '^src/(graph|store|simulator)/' },
    },
    {
      name: 'simulator-stands-alone',
      severity: 'error',
      from: { path: '^src/simulator/' },
      to: { path: '^src/', pathNot: '^src/simulator/' },
    },
    {
      name: 'cosmos-only-in-store',
      severity: 'error',
      from: { pathNot: '^src/store/' },
      to: { path: 'node_modules/@azure/cosmos/' },
    },
    {
      name: 'graph-client-only-in-graph',
      severity: 'error',
      from: { pathNot: '^src/graph/' },
      to: { path: 'node_modules/@microsoft/microsoft-graph-client/' },
    },
    {
      name: 'botbuilder-only-in-bot',
      comment:
        'The Bot Framework SDK is archived: keep it in bot/ (conversation) and server/ (hosting) so a move to the Agents SDK is two folders of work.',
      severity: 'error',
      from: { pathNot: '^src/(bot|server)/|^src/main\\.ts$' },
      to: { path: 'node_modules/(botbuilder|botframework-)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
