/**
 * Etapa 5: a decisão, as frases da recomendação, os destaques, as ressalvas, as tabelas e os
 * gráficos — português do Brasil. Mesmas chaves de `../en/compare.ts`.
 */
import type { compare as En } from '../en/compare';
import { decisionSentences } from './compare-decide';
import { compareTables } from './compare-tables';

/** Os nomes dos testes como o CSV de acompanhamento guarda (em inglês), ditos em português. */
const TEST_NAMES: Record<string, string> = {
  'Wilcoxon signed-rank, one-sided, differences shifted by the margin':
    'Wilcoxon signed-rank, unilateral, diferenças deslocadas pela margem',
  'paired-proportion score test of non-inferiority (Nam 1997, Tango 1998); McNemar exact for any difference':
    'score test de proporções pareadas para não inferioridade (Nam 1997, Tango 1998); McNemar exato para qualquer diferença',
  'not enough paired items': 'itens pareados insuficientes',
  "McNemar's exact test, two-sided": 'teste exato de McNemar, bilateral',
  'Wilcoxon signed-rank, two-sided': 'Wilcoxon signed-rank, bilateral',
};

export const compare: typeof En = {
  notAvailable: 'n/d',
  and: 'e',
  yes: 'sim',
  no: 'não',
  none: 'nenhum',
  unknown: 'desconhecido',
  notMeasured: 'não medida',
  criterion: { quality: 'qualidade', latency: 'latência', cost: 'custo' },
  latencyVerdict: {
    faster: 'mais rápido',
    slower: 'mais lento',
    'no clear difference': 'sem diferença clara',
    'not enough data': 'dados insuficientes',
  },
  testName: (p) => TEST_NAMES[p.test] ?? p.test,
  ...decisionSentences,
  ...compareTables,
};
