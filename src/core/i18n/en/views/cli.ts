/** `npm run workshop`'s own lines in the terminal (English). */
export const cli = {
  header: (p: { edition: string; steps: number; answers: boolean; outDir: string }) =>
    `Bedrock migration workshop${p.edition ? ` (${p.edition} edition)` : ''} — ${p.steps} step(s), headless${p.answers ? ', with the "Try it" worked answers' : ''}; executed notebooks go to ${p.outDir}/`,
  notBuilt: (p: { step: string; file: string; translated: boolean }) =>
    `[${p.step}] not built yet — ${p.file} does not exist${p.translated ? ' (`npm run notebooks` generates the translated notebooks)' : ''}.`,
  cell: (p: { step: string; done: number; total: number; id: string; ok: boolean; seconds: string }) =>
    `[${p.step}] cell ${p.done}/${p.total} (${p.id}) ${p.ok ? '✓' : '✗'} ${p.seconds}s`,
  failed: (p: { message: string; outFile: string }) => `✗ ${p.message}\nThe outputs up to that cell are in ${p.outFile}.`,
  stack: (p: { traceback: string }) => `What the kernel printed (with the JavaScript stack):\n${p.traceback}`,
  stackHint: '(Run with --verbose to see the JavaScript stack.)',
  summary: 'Summary',
  statusNotBuilt: 'not built yet',
  statusOk: (p: { cells: string; seconds: string }) => `ok      ${p.cells} code cells  ${p.seconds} s`,
  statusFailed: (p: { cell: string; id: string }) => `FAILED  at code cell ${p.cell} (${p.id})`,
  statusNotRun: 'not run (an earlier step failed)',
  executed: (p: { dir: string }) => `Executed notebooks: ${p.dir}/`,
  report: (p: { file: string }) => `Report: ${p.file}  (open it in a browser)`,
  pdf: (p: { file: string }) => `PDF:    ${p.file}`,
  noPdf:
    'PDF:    not printed — Chromium is not installed here (Debian/Ubuntu: `sudo apt-get install chromium`, or set CHROMIUM_PATH); the HTML report is complete.',
};
