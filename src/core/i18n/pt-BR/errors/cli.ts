/** A linha de comando (`src/bin/`) e o executor headless de notebooks (`src/workshop/`) — português do Brasil. */
import type { cli as En } from '../../en/errors/cli';

export const cli: typeof En = {
  workshopUsage:
    'Uso: npm run workshop [-- [--verbose] [--answers] [--notebooks-dir DIR] [STEP …]]  (STEP: 01…05, um nome como latency, ou 03_latency; WORKSHOP_LANGUAGE=pt-BR roda os notebooks <step>.pt-BR.ipynb)',
  kernelUsage: 'Uso: npm run kernel:install [-- --dir DIR | --prefix PREFIX | --jupyter-path]',
  needsFolder: (p) => `${p.flag} precisa de uma pasta. ${p.usage}`,
  needsFolderFix: (p) => `informe a pasta depois de ${p.flag}.`,
  unknownOption: (p) => `Opção desconhecida "${p.option}". ${p.usage}`,
  unknownOptionKernelFix: 'use uma das opções acima (ou nenhuma).',
  unknownOptionWorkshopFix: 'use uma das opções acima (--help mostra todas).',
  unknownStep: (p) => `Passo desconhecido "${p.step}".`,
  unknownStepFix: (p) => `use um número ou um nome: ${p.steps}.`,
  badPort: (p) => `--port precisa de um número de porta entre 0 e 65535 (veio ${p.got}).`,
  badPortFix: 'por exemplo `npm run local-bedrock -- --port 8080`, ou deixe o --port de fora para pegar uma porta livre.',
  noTslab: (p) => `O tslab não está instalado (${p.path} não existe).`,
  noTslabFix: 'rode `npm ci` na pasta do repositório.',
  noLauncher: (p) => `O launcher compilado do kernel não existe (${p.path}).`,
  runBuildFix: 'rode `npm run build`.',
  notebookJson: (p) => `O notebook ${p.shown} não é um JSON válido (${p.message}).`,
  notebookJsonFix: (p) => `desfaça a última edição manual, ou restaure o arquivo com \`git checkout -- ${p.shown}\`.`,
  notNotebook: (p) => `${p.shown} não é um notebook Jupyter (não tem a lista "cells").`,
  notNotebookFix: 'passe um arquivo .ipynb salvo pelo Jupyter.',
  noLibrary: (p) => `A biblioteca compilada não existe (${p.shown}).`,
  noNotebook: (p) => `O notebook ${p.shown} não existe.`,
  noNotebookFix: 'confira o caminho.',
  noChromium: 'Nenhum Chromium encontrado (procurei em /usr/bin/chromium).',
  noChromiumFix: '`sudo apt-get install chromium` (Debian/Ubuntu), ou defina CHROMIUM_PATH.',
};
