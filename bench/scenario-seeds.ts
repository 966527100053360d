/**
 * How many endpoint seeds give step 5 every branch to teach? Runs steps 3–5 of the workshop
 * in-process (bench/scenario.ts) for seeds 1…20 at latency scale 0 and prints, per seed, the
 * answer diversity, the spread of the candidates' primary means and the branches — then the
 * count. The README's figure comes from here.
 *
 *   node --import tsx bench/scenario-seeds.ts                                      # summarization, seeds 1–20
 *   node --import tsx bench/scenario-seeds.ts --config workshop.classification.config.json
 *   node --import tsx bench/scenario-seeds.ts --seeds 42                           # one seed, e.g. the default's
 *   node --import tsx bench/scenario-seeds.ts --config workshop.pt-BR.config.json  # the pt-BR edition (Portuguese data)
 */
import { namer } from '../src/core/model-names';
import { runScenario } from './scenario';

function seedList(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a] : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  });
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const configFile = opt('--config');
  const seeds = seedList(opt('--seeds') ?? '1-20');
  let good = 0;
  for (const seed of seeds) {
    const r = await runScenario({ configFile, seed });
    const name = namer(r.comparison.models.map((m) => m.model));
    const h = r.highlights;
    if (r.everyBranch) good++;
    const means = r.comparison.models.map((m) => `${name(m.model)} ${m.evidence.primary?.value?.toFixed(3) ?? '—'}`).join(' · ');
    console.log(
      `seed ${seed}: ${r.everyBranch ? 'every branch' : 'not every branch'} — ${r.task === 'generation' ? `diverse answers on ${r.diverseDocuments}/${r.documents} documents; ` : ''}` +
        `non-inferior ${h.nonInferior.map(name).join(', ') || 'none'} (cheaper: ${h.nonInferiorCheaper.map(name).join(', ') || 'none'}); ` +
        `not non-inferior ${h.notNonInferior.map((n) => name(n.model)).join(', ') || 'none'}; trade-off ${h.tradeOff ? 'yes' : 'no'}; ` +
        `zero-width intervals ${h.zeroWidth.length}; span of candidate means ${h.primarySpan?.toFixed(3) ?? '—'}; cut off at maxTokens ${r.truncated}`,
    );
    console.log(`   ${means}; recommended ${r.comparison.recommended ? name(r.comparison.recommended) : 'none'}`);
  }
  console.log(
    `\n${good} of ${seeds.length} seed(s) give every branch step 5 teaches (${configFile ?? 'workshop.config.json'}, latency scale 0).`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
