/**
 * Regenerate the tracking-column tables in README.md and docs/tracking-columns.md from
 * the column registry (src/core/tracking-columns.ts), and the model table of
 * docs/model-catalog.md from data/model_catalog.json. Run: `node --import tsx scripts/update-docs.ts`.
 * A test fails when they are out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { trackingColumnsMarkdown } from '../src/core/tracking-columns';
import { catalogMarkdown, loadCatalog } from '../src/core/catalog';

const root = path.resolve(__dirname, '..');
const table = trackingColumnsMarkdown();

const readme = path.join(root, 'README.md');
const text = readFileSync(readme, 'utf8');
const updated = text.replace(/<!-- tracking-columns:start -->[\s\S]*?<!-- tracking-columns:end -->/, `<!-- tracking-columns:start -->\n${table}\n<!-- tracking-columns:end -->`);
if (updated === text && !text.includes(table)) throw new Error('README.md has no <!-- tracking-columns:start/end --> markers');
writeFileSync(readme, updated);

writeFileSync(
  path.join(root, 'docs', 'tracking-columns.md'),
  `# The evaluation-tracking CSV

\`data/evaluation_tracking.csv\` has one row per model (the source model and each candidate). Notebook 01 creates it; each later notebook reads it, adds its own columns and writes it back atomically. Empty cells mean "not measured yet". Columns you add by hand are kept, after these.

${table}
`,
);
const catalogDoc = path.join(root, 'docs', 'model-catalog.md');
const doc = readFileSync(catalogDoc, 'utf8');
const models = doc.replace(/<!-- catalog-table:start -->[\s\S]*?<!-- catalog-table:end -->/, `<!-- catalog-table:start -->\n${catalogMarkdown(loadCatalog())}\n<!-- catalog-table:end -->`);
if (!doc.includes('<!-- catalog-table:start -->')) throw new Error('docs/model-catalog.md has no <!-- catalog-table:start/end --> markers');
writeFileSync(catalogDoc, models);
console.log('README.md, docs/tracking-columns.md and docs/model-catalog.md updated.');
