/**
 * Regenerate the generated tables of the docs: the tracking columns in README.md and
 * docs/tracking-columns.md (from src/core/tracking-columns.ts), the configuration keys
 * in docs/configuration.md (from the schema in src/core/config/schema.ts, the shipped
 * workshop.config.json and the environment-variable table), and the model table of
 * docs/model-catalog.md and the emulated models' habits in docs/local-endpoint.md (from
 * data/model_catalog.json). Run: `npm run docs`.
 * Tests fail when they are out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configKeysMarkdown } from '../src/core/config';
import { trackingColumnsMarkdown } from '../src/core/tracking-columns';
import { catalogMarkdown, loadCatalog } from '../src/core/catalog';
import { emulationDocMarkdown } from '../src/core/emulation';

const root = path.resolve(__dirname, '..');
const table = trackingColumnsMarkdown();

const readme = path.join(root, 'README.md');
const text = readFileSync(readme, 'utf8');
const updated = text.replace(
  /<!-- tracking-columns:start -->[\s\S]*?<!-- tracking-columns:end -->/,
  `<!-- tracking-columns:start -->\n${table}\n<!-- tracking-columns:end -->`,
);
if (updated === text && !text.includes(table)) throw new Error('README.md has no <!-- tracking-columns:start/end --> markers');
writeFileSync(readme, updated);

/** How every CSV the workshop writes stays safe to open in a spreadsheet (src/core/csv.ts); also in README's tracking section. */
const SPREADSHEET_SAFE =
  "**Safe to open in a spreadsheet.** A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so a document, an answer or a model name could make it fetch a web page or run a command ([OWASP \"CSV Injection\"](https://owasp.org/www-community/attacks/CSV_Injection)). Every CSV file the workshop writes — this one, the step-3 and step-4 result files, the judge sanity check and calibration, batch imports — puts one apostrophe `'` in front of such a cell, which the spreadsheet shows as text; a plain number such as `-0.5` or `-1e-7` is left alone and stays a number. The workshop's own readers remove that apostrophe again and get the original text back exactly (a cell that already starts with apostrophes before such a character gets one more, so this holds for any text); other programs (pandas, polars) see the `'`. The rule lives in one place, `src/core/csv.ts` (`spreadsheetSafe`), and a property-based test round-trips random text through it. If your spreadsheet splits columns on `;` (some European locales), import the file with *Data → From Text/CSV* and choose the comma, so a `;` inside a cell cannot start a new one.";

writeFileSync(
  path.join(root, 'docs', 'tracking-columns.md'),
  `# The evaluation-tracking CSV

\`data/evaluation_tracking.csv\` has one row per model (the source model and each candidate). Notebook 01 creates it; each later notebook reads it, adds its own columns and writes it back atomically. Empty cells mean "not measured yet". Columns you add by hand are kept, after these.

${table}

${SPREADSHEET_SAFE}
`,
);
const configDoc = path.join(root, 'docs', 'configuration.md');
const shipped = JSON.parse(readFileSync(path.join(root, 'workshop.config.json'), 'utf8')) as Record<string, unknown>;
const configText = readFileSync(configDoc, 'utf8');
if (!configText.includes('<!-- config-keys:start -->'))
  throw new Error('docs/configuration.md has no <!-- config-keys:start/end --> markers');
writeFileSync(
  configDoc,
  configText.replace(
    /<!-- config-keys:start -->[\s\S]*?<!-- config-keys:end -->/,
    `<!-- config-keys:start -->\n${configKeysMarkdown(shipped)}\n<!-- config-keys:end -->`,
  ),
);
const catalogDoc = path.join(root, 'docs', 'model-catalog.md');
const doc = readFileSync(catalogDoc, 'utf8');
const models = doc.replace(
  /<!-- catalog-table:start -->[\s\S]*?<!-- catalog-table:end -->/,
  `<!-- catalog-table:start -->\n${catalogMarkdown(loadCatalog())}\n<!-- catalog-table:end -->`,
);
if (!doc.includes('<!-- catalog-table:start -->')) throw new Error('docs/model-catalog.md has no <!-- catalog-table:start/end --> markers');
writeFileSync(catalogDoc, models);
const endpointDoc = path.join(root, 'docs', 'local-endpoint.md');
const endpointText = readFileSync(endpointDoc, 'utf8');
if (!endpointText.includes('<!-- emulation-habits:start -->'))
  throw new Error('docs/local-endpoint.md has no <!-- emulation-habits:start/end --> markers');
writeFileSync(
  endpointDoc,
  endpointText.replace(
    /<!-- emulation-habits:start -->[\s\S]*?<!-- emulation-habits:end -->/,
    `<!-- emulation-habits:start -->\n${emulationDocMarkdown(loadCatalog().models)}\n<!-- emulation-habits:end -->`,
  ),
);
console.log('README.md, docs/tracking-columns.md, docs/configuration.md, docs/model-catalog.md and docs/local-endpoint.md updated.');
