/**
 * The emulated Advanced Prompt Optimization job on the sample data (`npm run bench`, item 7):
 * step 2's jobs prepared from the configuration (the source as baseline plus up to four
 * candidates per job, `promptOptimization.samples` evaluation samples), submitted to the local
 * endpoint, polled and imported — timed at latency scale 0, so the figure is this project's
 * own work (every documented rewrite tried, each scored on the samples by the emulated
 * models and the emulated judge), not an emulated wait. Offline and emulated: it measures
 * this project's code, not Bedrock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSession } from '../src/runs/session';
import { loadMigrationPlan } from '../src/steps/plan/migration-plan';
import { prepareOptimizationJobs, runOptimizationJobs } from '../src/steps/plan/optimization-job';

export interface PromptJobBench {
  jobs: number;
  /** Models optimized (baselines included), over all jobs. */
  models: number;
  samples: number;
  /** Wall time of submit → poll → import, all jobs side by side. */
  seconds: number;
  /** Models whose result came back `Completed` with scores. */
  completed: number;
  /** Median of (optimized − original) mean score over the completed candidates, for context. */
  medianGain: number | null;
}

/** One fresh run: a new endpoint and outputs folder, so no job is answered from an earlier one. */
async function oneRun(): Promise<{
  seconds: number;
  prepared: Awaited<ReturnType<typeof prepareOptimizationJobs>>;
  outcome: Awaited<ReturnType<typeof runOptimizationJobs>>;
}> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-apo-'));
  const session = await openSession({
    step: 1,
    env: {
      WORKSHOP_TRACKING_FILE: path.join(dir, 't.csv'),
      WORKSHOP_OUTPUTS_DIR: path.join(dir, 'out'),
      LOCAL_BEDROCK_LATENCY_SCALE: '0',
    },
  });
  try {
    const plan = await loadMigrationPlan(session);
    const prepared = await prepareOptimizationJobs(session, plan);
    const t0 = performance.now();
    const outcome = await runOptimizationJobs(session, prepared);
    return { seconds: (performance.now() - t0) / 1000, prepared, outcome };
  } finally {
    await session.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPromptJob(rounds = 3): Promise<PromptJobBench> {
  const runs = [];
  for (let r = 0; r < rounds; r++) runs.push(await oneRun());
  const times = runs.map((r) => r.seconds).sort((a, b) => a - b);
  const { prepared, outcome } = runs[runs.length - 1];
  {
    const results = outcome.runs.flatMap((run) => run.results);
    const gains = results
      .filter((x) => x.role === 'candidate' && x.originalScore !== null && x.optimizedScore !== null)
      .map((x) => (x.optimizedScore as number) - (x.originalScore as number))
      .sort((a, b) => a - b);
    return {
      jobs: prepared.jobs.length,
      models: prepared.jobs.reduce((n, j) => n + j.models.length, 0),
      samples: prepared.jobs[0]?.lines[0]?.evaluationSamples.length ?? 0,
      seconds: times[Math.floor(times.length / 2)],
      completed: results.filter((x) => x.status === 'SUCCESS' && x.optimizedScore !== null).length,
      medianGain: gains.length ? gains[Math.floor(gains.length / 2)] : null,
    };
  }
}

if (require.main === module) {
  benchPromptJob().then(
    (b) => console.log(JSON.stringify(b, null, 2)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
