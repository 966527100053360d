/**
 * Steps 3 and 4 as notebooks 03 and 04 run them, for tests of what comes after: every model
 * of the session benchmarked on `docs` and recorded, then every answer judged and recorded.
 */
import { allModels } from '../../src/core/config';
import type { DatasetRow } from '../../src/core/dataset';
import { loadRubrics } from '../../src/core/judge/rubrics';
import type { WorkshopSession } from '../../src/runs/session';
import { benchmarkModel } from '../../src/steps/latency/benchmark';
import { recordLatency, summarizeModel } from '../../src/steps/latency/summary';
import { runQuality } from '../../src/steps/quality/run';
import { recordQuality, summarizeQuality } from '../../src/steps/quality/summary';

export async function runSteps3And4(s: WorkshopSession, docs: DatasetRow[]) {
  const results = [];
  for (const m of allModels(s.config)) results.push(await benchmarkModel(s, m, docs, { print: () => {} }));
  recordLatency(
    s,
    results,
    results.map((r) => summarizeModel(r)),
  );
  const rubrics = loadRubrics();
  const quality = await runQuality(s, { print: () => {}, rubrics });
  recordQuality(
    s,
    quality,
    quality.map((q) => summarizeQuality(q, rubrics)),
  );
  return { results, rubrics, quality };
}
