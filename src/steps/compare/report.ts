/**
 * Assembling step 5's report: every chart with how to read it, the tables, and the file.
 */
import { modelName } from '../../core/model-names';
import { displayPath } from '../../core/paths';
import { trackingByColumn, trackingView } from '../../core/tracking-view';
import dayjs from 'dayjs';
import path from 'node:path';
import { allModels } from '../../core/config';
import type { WorkshopSession } from '../../runs/session';
import { costQualityFigure, latencyDistributionFigure, latencyPercentilesFigure, qualityBarsFigure, qualityRadarFigure } from './charts';
import { writeReport, type ReportChart } from './report-page';
import { decisionSettingsOf } from './decide';
import { comparisonTable, type Comparison } from './decision';
import { deploymentOptionsView, OPTION_NOTE_COLUMNS, type DeploymentOptionsView } from './options-table';
import { compareVariants, promptVariantsFigure, variantSentence, variantsTable, type VariantsReport } from './variants';

/** The report's before/after section of the prompt variants; offline, its caption says the figures are emulated. */
export function promptVariantsSection(v: VariantsReport): { caption: string; sentences: string[]; rows: Record<string, unknown>[] } {
  return {
    caption: `Per candidate: the task's primary metric with its task prompt and with step 2's optimized prompt, on the same documents (paired, two-sided test), the cost per call of each, and the variant compared with the source (${v.source}) — ${v.label}`,
    sentences: v.comparisons.map((c) => variantSentence(c, v.margin)),
    rows: variantsTable(v),
  };
}

export function migrationCharts(c: Comparison, label: string): ReportChart[] {
  return [
    {
      id: 'latency-distribution',
      title: 'Latency distribution per model',
      figure: latencyDistributionFigure(c, label),
      howToRead:
        'The line in each box is the median; the box holds the middle half of the calls; dots are individual calls. Lower boxes are faster, shorter boxes more predictable.',
    },
    {
      id: 'latency-percentiles',
      title: 'P50 and P90 latency',
      figure: latencyPercentilesFigure(c, label),
      howToRead:
        'P50 is the typical call, P90 the slow one in ten that users remember; the gap between them is the "bad day" penalty. Time to first token is what a chat user feels.',
    },
    {
      id: 'quality-metrics',
      title: 'Quality per metric',
      figure: qualityBarsFigure(c, label),
      howToRead:
        "Mean judge score per metric on a 0–1 scale, with 95% confidence intervals. Where a candidate's interval sits clearly below the source's, it is weaker on that metric.",
    },
    {
      id: 'quality-radar',
      title: 'Quality profile',
      figure: qualityRadarFigure(c, label),
      howToRead:
        'Each model is a shape; further out is better. A shape that caves in on one axis reveals a weakness that an average hides.',
    },
    {
      id: 'cost-quality',
      title: 'Cost vs quality, and the Pareto front',
      figure: costQualityFigure(c, label),
      howToRead:
        'Up is better quality, left is cheaper (log scale), bigger markers are slower. Models on the dotted Pareto front are those no other model matches or beats on all of quality, latency and cost while being strictly better on one; the orange marker is the source.',
    },
  ];
}

/** The before/after chart of the prompt variants, when a candidate ran both (else none). */
export function promptVariantsChart(v: VariantsReport): ReportChart[] {
  const figure = promptVariantsFigure(v);
  return figure
    ? [
        {
          id: 'prompt-variants-chart',
          title: 'Task prompt vs optimized prompt',
          figure,
          howToRead:
            "Each pair of bars is one candidate on the same documents: its task's primary metric with the task prompt and with step 2's optimized prompt. A taller optimized bar is not yet a better prompt — the table above says whether the paired test found a change, and what each prompt costs per call.",
        },
      ]
    : [];
}

/** Write outputs/report.html (self-contained) and return its path. */
export function writeMigrationReport(
  session: WorkshopSession,
  c: Comparison,
  charts: ReportChart[],
  options: DeploymentOptionsView = deploymentOptionsView(session, c),
  variants: VariantsReport | null = compareVariants(session, c.settings.margin),
): string {
  return writeReport(path.join(session.outputsDir, 'report.html'), {
    title: `Model migration report — ${session.config.task.replace(/_/g, ' ')}`,
    backend:
      session.backend.kind === 'local'
        ? 'OFFLINE — local emulated endpoint'
        : session.backend.kind === 'replay'
          ? session.backend.label
          : `Amazon Bedrock (${session.config.region})`,
    dataset: session.config.dataset.path,
    models: allModels(session.config).map((m) => `${modelName(m.modelId)}${modelName(m.modelId) === m.modelId ? '' : ` (${m.modelId})`}`),
    source: modelName(c.source),
    runDate: dayjs().format('YYYY-MM-DD HH:mm'),
    recommendation: c.recommendation,
    caveats: c.caveats,
    comparison: comparisonTable(c),
    deploymentOptions: { ...options, wide: OPTION_NOTE_COLUMNS },
    charts: [...charts, ...(variants ? promptVariantsChart(variants) : [])],
    ...(variants?.comparisons.length ? { promptVariants: promptVariantsSection(variants) } : {}),
    tracking: trackingView(session.tracking, 5),
    trackingAll: trackingByColumn(session.tracking),
    trackingFile: displayPath(session.tracking.file),
    whatIf: {
      input: c.decisionInput,
      configured: decisionSettingsOf(c.settings),
      configuredRecommended: c.recommended,
      subtitle: session.label,
    },
  });
}
