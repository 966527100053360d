/**
 * The library's layers, and the one direction imports may run (checked in `npm test` by
 * `npm run check:layers`):
 *
 *   core  ←  local-bedrock (the offline endpoint)
 *   core  ←  runs (session, backend, resumable runs)  ←  results (typed step results)  ←  steps/<step>  ←  workshop, bin
 *
 * - core (files, CSV, config, catalogue, tokens, stats, text metrics, display primitives,
 *   the Bedrock client) imports nothing of ours outside core;
 * - the offline endpoint uses core only — never a step;
 * - a step uses core, the run machinery and the results layer; it reads an earlier step's
 *   results through `src/results`, never through another step's modules;
 * - the workshop shell (runner, kernel, notebook format) and bin sit on top.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const layer = (name, allowed) => ({
  name: `${name}-imports-only-${allowed.map((a) => a.replace(/[^a-z]/g, '')).join('-')}`,
  severity: 'error',
  comment: `${name} may import only ${allowed.join(', ')}`,
  from: { path: `^src/${name}/` },
  to: { path: '^src/', pathNot: allowed.map((a) => `^src/${a}/`) },
});

module.exports = {
  forbidden: [
    layer('core', ['core']),
    layer('local-bedrock', ['core', 'local-bedrock']),
    layer('runs', ['core', 'local-bedrock', 'runs']),
    layer('results', ['core', 'results']),
    {
      name: 'steps-use-no-other-step',
      severity: 'error',
      comment: "a step reads an earlier step's results through src/results, never its modules",
      from: { path: '^src/steps/([^/]+)/' },
      to: { path: '^src/steps/([^/]+)/', pathNot: '^src/steps/$1/' },
    },
    {
      name: 'steps-import-no-shell',
      severity: 'error',
      comment: 'steps sit below the workshop shell and bin',
      from: { path: '^src/steps/' },
      to: { path: '^src/(workshop|bin)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules that import each other cannot be read (or tested) one at a time',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'], mainFields: ['main', 'types'] },
  },
};
