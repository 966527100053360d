/** As linhas do próprio `npm run workshop` no terminal — português do Brasil. */
import type { cli as En } from '../../en/views/cli';

export const cli: typeof En = {
  header: (p) =>
    `Workshop de migração para o Bedrock${p.edition ? ` (edição ${p.edition})` : ''} — ${p.steps} passo(s), headless${p.answers ? ', com as respostas dos exercícios "Experimente"' : ''}; os notebooks executados vão para ${p.outDir}/`,
  notBuilt: (p) =>
    `[${p.step}] ainda não existe — ${p.file} não foi encontrado${p.translated ? ' (`npm run notebooks` gera os notebooks traduzidos)' : ''}.`,
  cell: (p) => `[${p.step}] célula ${p.done}/${p.total} (${p.id}) ${p.ok ? '✓' : '✗'} ${p.seconds}s`,
  failed: (p) => `✗ ${p.message}\nAs saídas até essa célula estão em ${p.outFile}.`,
  stack: (p) => `O que o kernel imprimiu (com a pilha do JavaScript):\n${p.traceback}`,
  stackHint: '(Rode com --verbose para ver a pilha do JavaScript.)',
  summary: 'Resumo',
  statusNotBuilt: 'ainda não existe',
  statusOk: (p) => `ok      ${p.cells} células de código  ${p.seconds} s`,
  statusFailed: (p) => `FALHOU  na célula de código ${p.cell} (${p.id})`,
  statusNotRun: 'não rodou (um passo anterior falhou)',
  executed: (p) => `Notebooks executados: ${p.dir}/`,
  report: (p) => `Relatório: ${p.file}  (abra no navegador)`,
  pdf: (p) => `PDF:       ${p.file}`,
  noPdf:
    'PDF:       não foi gerado — o Chromium não está instalado aqui (Debian/Ubuntu: `sudo apt-get install chromium`, ou defina CHROMIUM_PATH); o relatório HTML está completo.',
};
