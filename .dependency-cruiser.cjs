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
      comment: 'bot/ reaches Graph and Cosmos only through the use cases it is given.',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: '^src/(graph|store|simulator)/' },
    },
    {
      name: 'bot-gets-use-cases-not-their-insides',
      comment:
        'bot/ calls the requests, runs, notices, history, templates, views and selection slices through their use cases (*-use-cases.ts, built once in server/); from the rest it takes types only (outcomes, decisions).',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: {
        path: '^src/app/(requests|runs|notices|history|reports|templates|views|selection|alerts|schedules)/',
        pathNot: '-use-cases\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'bot-never-holds-run-ports',
      comment:
        "What writes licenses and runs operations is the use cases' alone: bot/ never sees the license writer, leases, items, change notices, the template store, SKU holders or the use cases' dependency bag, not even as a type.",
      severity: 'error',
      from: { path: '^src/bot/' },
      to: {
        path: [
          '^src/app/ports/(license-writer|lease-store|operation-item-store|change-notice-store|template-store|sku-holders)\\.ts$',
          '^src/app/requests/request-deps\\.ts$',
        ],
      },
    },
    {
      name: 'api-talks-to-use-cases',
      comment:
        'api/ (the REST API) reaches Graph, Cosmos and the bot only through the use cases the composition root gives it.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: {
        path: '^src/(graph|store|simulator|bot|server|embedded|telemetry)/|^src/(main|config)\\.ts$',
      },
    },
    {
      name: 'api-gets-use-cases-not-their-insides',
      comment:
        'From app/, api/ takes use cases (*-use-cases.ts) and types only: never a port, a store or a use case function of its own choosing.',
      severity: 'error',
      from: { path: '^src/api/' },
      to: { path: '^src/app/', pathNot: '-use-cases\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'jobs-get-use-cases',
      comment: 'The background jobs are given use cases, never ports.',
      severity: 'error',
      from: { path: '^src/server/(request|alert|schedule)-jobs\\.ts$' },
      to: { path: '^src/app/', pathNot: '-use-cases\\.ts$' },
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
      name: 'telemetry-sdk-only-in-telemetry',
      comment:
        'OpenTelemetry and Azure Monitor stay in telemetry/; everything else gets the Telemetry port (app/ports/telemetry.ts).',
      severity: 'error',
      from: { pathNot: '^src/telemetry/' },
      to: { path: 'node_modules/(@opentelemetry|@azure/monitor-opentelemetry)/' },
    },
    {
      name: 'telemetry-is-an-adapter',
      comment:
        'telemetry/ implements a port: it reads app ports and domain types, no other adapter.',
      severity: 'error',
      from: { path: '^src/telemetry/' },
      to: { path: '^src/(graph|store|bot|server|simulator|embedded)/|^src/(main|config)\\.ts$' },
    },
    {
      name: 'telemetry-loaded-only-when-set',
      comment:
        'Without APPLICATIONINSIGHTS_CONNECTION_STRING nothing of OpenTelemetry is loaded: its implementation is reached only by the dynamic import in open-telemetry-at-start.ts.',
      severity: 'error',
      from: { pathNot: '^src/telemetry/azure-monitor\\.ts$' },
      to: {
        path: '^src/telemetry/(azure-monitor|open-telemetry)\\.ts$',
        dependencyTypesNot: ['dynamic-import'],
      },
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
