/**
 * Assembling step 5's report: every chart with how to read it, the tables, and the file.
 */
import { modelName } from '../../core/model-names';
import { displayPath } from '../../core/paths';
import { trackingByColumn, trackingView } from '../../core/tracking-view';
import path from 'node:path';
import { allModels } from '../../core/config';
import { currentLanguage, localeOf, m } from '../../core/i18n';
import type { WorkshopSession } from '../../runs/session';
import { costQualityFigure, latencyDistributionFigure, latencyPercentilesFigure, qualityBarsFigure, qualityRadarFigure } from './charts';
import { writeReport, type ReportChart } from './report-page';
import { decisionSettingsOf } from './decide';
import { comparisonTable, type Comparison } from './decision';
import { deploymentOptionsView, optionNoteColumns, type DeploymentOptionsView } from './options-table';
import { compareVariants, promptVariantsFigure, variantSentence, variantsTable, type VariantsReport } from './variants';

/** The report's before/after section of the prompt variants; offline, its caption says the figures are emulated. */
export function promptVariantsSection(v: VariantsReport): { caption: string; sentences: string[]; rows: Record<string, unknown>[] } {
  return {
    caption: m().report.variantsCaption({ source: v.source, label: v.label }),
    sentences: v.comparisons.map((c) => variantSentence(c, v.margin)),
    rows: variantsTable(v),
  };
}

export function migrationCharts(c: Comparison, label: string): ReportChart[] {
  const t = m().report.charts;
  return [
    { id: 'latency-distribution', ...t.latencyDistribution, figure: latencyDistributionFigure(c, label) },
    { id: 'latency-percentiles', ...t.latencyPercentiles, figure: latencyPercentilesFigure(c, label) },
    { id: 'quality-metrics', ...t.qualityMetrics, figure: qualityBarsFigure(c, label) },
    { id: 'quality-radar', ...t.qualityRadar, figure: qualityRadarFigure(c, label) },
    { id: 'cost-quality', ...t.costQuality, figure: costQualityFigure(c, label) },
  ];
}

/** The before/after chart of the prompt variants, when a candidate ran both (else none). */
export function promptVariantsChart(v: VariantsReport): ReportChart[] {
  const figure = promptVariantsFigure(v);
  return figure ? [{ id: 'prompt-variants-chart', ...m().report.charts.promptVariants, figure }] : [];
}

/** When the report was written, as the reader writes a date (`Intl`, the language's locale). */
export function reportDate(date: Date = new Date()): string {
  return new Intl.DateTimeFormat(localeOf(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
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
    title: m().report.title({ task: session.config.task.replace(/_/g, ' ') }),
    backend:
      session.backend.kind === 'local'
        ? m().report.offlineBackend
        : session.backend.kind === 'replay'
          ? session.backend.label
          : m().report.bedrockBackend({ region: session.config.region }),
    dataset: session.config.dataset.path,
    models: allModels(session.config).map((m) => `${modelName(m.modelId)}${modelName(m.modelId) === m.modelId ? '' : ` (${m.modelId})`}`),
    source: modelName(c.source),
    runDate: reportDate(),
    recommendation: c.recommendation,
    caveats: c.caveats,
    comparison: comparisonTable(c),
    deploymentOptions: { ...options, wide: optionNoteColumns() },
    charts: [...charts, ...(variants ? promptVariantsChart(variants) : [])],
    ...(variants?.comparisons.length ? { promptVariants: promptVariantsSection(variants) } : {}),
    tracking: trackingView(session.tracking, 5),
    trackingAll: trackingByColumn(session.tracking),
    trackingFile: displayPath(session.tracking.file),
    language: currentLanguage(),
    whatIf: {
      language: currentLanguage(),
      input: c.decisionInput,
      configured: decisionSettingsOf(c.settings),
      configuredRecommended: c.recommended,
      subtitle: session.label,
    },
  });
}
