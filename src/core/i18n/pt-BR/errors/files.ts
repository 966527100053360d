/** Erros do sistema de arquivos (`core/files`): o que cada código significa e como resolver — português do Brasil. */
import type { files as En } from '../../en/errors/files';

/** O que um arquivo é para quem lê (os `FileRole.what` dos módulos, que vêm em inglês). */
const WHAT: Record<string, string> = {
  'the batch file': 'o arquivo do batch',
  'the batch manifest': 'o manifesto do batch',
  'the batch output folder': 'a pasta de saída do batch',
  'the cassette file': 'o arquivo do cassette',
  'the cassette folder': 'a pasta do cassette',
  'the cassette': 'o cassette',
  'the checkpoint': 'o checkpoint',
  'the dataset': 'o dataset',
  'the emulated S3 object': 'o objeto S3 emulado',
  'the folder': 'a pasta',
  'the judge folder': 'a pasta do juiz',
  'the kernel spec': 'o kernel spec',
  'the model catalogue': 'o catálogo de modelos',
  'the notebook': 'o notebook',
  'the notebooks folder': 'a pasta dos notebooks',
  'the off-topic control answer': 'a resposta de controle fora do assunto',
  'the optimized prompt': 'o prompt otimizado',
  'the prompt template': 'o template de prompt',
  'the rubric': 'a rubrica',
  'the run log': 'o log da execução',
  'the shared prefix file': 'o arquivo do prefixo compartilhado',
  'the task file': 'o arquivo da task',
  'the task folder': 'a pasta da task',
  'the tracking CSV': 'o CSV de tracking',
  'the workbook': 'a planilha',
  'the workshop configuration': 'a configuração do workshop',
  "the report's page script (run `npm run build`)": 'o script da página do relatório (rode `npm run build`)',
  'plotly.js (run `npm ci`)': 'o plotly.js (rode `npm ci`)',
};

const ACTIONS: Record<string, string> = {
  read: 'ler',
  write: 'gravar',
  'write in': 'gravar em',
  create: 'criar',
  list: 'listar',
  'append to': 'acrescentar a',
  copy: 'copiar',
  remove: 'remover',
};

/** "gravar em" + "a pasta x" → "gravar na pasta x"; "acrescentar a" + "o log" → "acrescentar ao log". */
function contract(action: string, where: string): string {
  const joined: Record<string, string> = { 'em o': 'no', 'em a': 'na', 'a o': 'ao', 'a a': 'à' };
  const [, verb, prep] = action.match(/^(.*) (em|a)$/) ?? [];
  const [, article, rest] = where.match(/^(o|a) (.*)$/) ?? [];
  return verb && article ? `${verb} ${joined[`${prep} ${article}`]} ${rest}` : `${action} ${where}`;
}

const orPoint = (setting: string | undefined, where: string) => (setting ? `, ou aponte ${setting} para ${where}` : '');

export const files: typeof En = {
  codes: {
    ENOENT: {
      meaning: (c) => (c.reading ? 'ele não existe' : 'uma pasta do caminho não existe'),
      fix: (c) => `confira o caminho (um caminho relativo começa na raiz do repositório)${c.orSetting}.`,
    },
    EISDIR: {
      meaning: (c) => (c.reading ? 'é uma pasta, não um arquivo' : 'uma pasta com esse nome está no caminho'),
      fix: (c) =>
        c.reading
          ? `informe o caminho de um arquivo dentro dessa pasta (por exemplo ${c.example}), ou mude ${c.setting ?? 'o caminho'}.`
          : `mova ou renomeie a pasta ${c.shown}${c.orSetting}.`,
    },
    ENOTDIR: {
      meaning: () => 'uma parte do caminho é um arquivo, não uma pasta',
      fix: (c) =>
        `confira o caminho: toda parte antes da última tem que ser uma pasta — tire dali o arquivo que está atrapalhando${c.orSetting}.`,
    },
    EACCES: {
      meaning: () => 'permissão negada',
      fix: (c) =>
        c.reading
          ? `dê permissão de leitura ao seu usuário (\`ls -l ${c.shown}\` mostra o dono e as permissões; \`chmod u+r ${c.shown}\`)${c.orSetting}.`
          : `dê permissão de escrita em ${c.dir} ao seu usuário (\`ls -ld ${c.dir}\` mostra o dono e as permissões; \`chmod u+w ${c.dir}\`)${orPoint(c.setting, 'uma pasta em que você possa gravar')}.`,
    },
    EPERM: {
      meaning: () => 'a operação não é permitida',
      fix: (c) =>
        `${c.reading ? `dê permissão de leitura ao seu usuário (\`ls -l ${c.shown}\`)` : `dê permissão de escrita em ${c.dir} ao seu usuário (\`ls -ld ${c.dir}\`; \`chmod u+w ${c.dir}\`)${orPoint(c.setting, 'uma pasta em que você possa gravar')}`}; no Windows, feche o arquivo se uma planilha ou um editor estiver com ele aberto.`,
    },
    EROFS: {
      meaning: () => 'o disco é somente leitura',
      fix: (c) => `aponte ${c.setting ?? 'o caminho'} para uma pasta num disco gravável.`,
    },
    ENOSPC: {
      meaning: () => 'o disco está cheio',
      fix: (c) =>
        `libere espaço no disco de ${c.dir} (\`df -h ${c.dir}\` mostra quanto sobra; execuções antigas em outputs/ podem ser apagadas)${orPoint(c.setting, 'outro disco')}, e rode de novo.`,
    },
    EDQUOT: {
      meaning: () => 'sua cota de disco acabou',
      fix: (c) =>
        `apague arquivos de que você não precisa mais (execuções antigas em outputs/ podem ser apagadas)${orPoint(c.setting, 'outro disco')}, e rode de novo.`,
    },
    EMFILE: {
      meaning: () => 'este processo está com arquivos abertos demais',
      fix: () =>
        'diminua benchmark.num_parallel_calls, ou aumente o limite antes de abrir o Jupyter ou rodar `npm run workshop` (`ulimit -n 4096`); depois reinicie o kernel e rode de novo.',
    },
    ENFILE: {
      meaning: () => 'o sistema está com arquivos abertos demais',
      fix: () => 'feche programas de que você não precisa (e os kernels de outros notebooks: Kernel → Shut Down), e rode de novo.',
    },
    ENAMETOOLONG: {
      meaning: () => 'o caminho é longo demais',
      fix: (c) => `use um nome de arquivo ou de pasta mais curto${c.orSetting}.`,
    },
    ELOOP: {
      meaning: () => 'o caminho dá voltas num loop de links simbólicos',
      fix: (c) => `conserte os links simbólicos do caminho (\`ls -l\` em cada parte)${c.orSetting}.`,
    },
    EBUSY: {
      meaning: () => 'outro programa está usando o arquivo — ocupado ou travado',
      fix: () => 'feche o arquivo no outro programa (uma planilha trava os arquivos que tem abertos), e rode de novo.',
    },
    ETXTBSY: {
      meaning: () => 'outro programa está usando o arquivo — ocupado',
      fix: () => 'feche o arquivo no outro programa, e rode de novo.',
    },
    EEXIST: {
      meaning: () => 'já existe algo com esse nome',
      fix: (c) => `tire ${c.shown} dali ou escolha outro nome${c.orSetting}.`,
    },
    EIO: {
      meaning: () => 'o disco informou um erro de entrada/saída',
      fix: (c) => `verifique o disco ou o drive de rede onde ele está; copie o arquivo para um disco local${c.orSetting}.`,
    },
  },
  what: (p) => WHAT[p.what] ?? p.what,
  action: (p) => ACTIONS[p.action] ?? p.action,
  cannot: (p) => `Não foi possível ${contract(p.action, p.where)}: ${p.meaning}.`,
  orSetting: (p) => `, ou mude ${p.setting}`,
  unknownFix: (p) => `confira o caminho e se você tem permissão para ${p.action}${p.orSetting}.`,
  previousUnchanged: (p) => `${p.problem} A versão anterior, se havia uma, continua intacta.`,
  fileNotFolder: (p) => `${p.shown} é um arquivo, não uma pasta (${p.setting}).`,
  fileNotFolderFix: (p) =>
    `aponte ${p.setting} (no workshop.config.json, ou pela variável de ambiente dele) para uma pasta em que você possa gravar, ou tire esse arquivo dali.`,
  notUtf8: (p) =>
    `${p.what ? `${p.what[0].toUpperCase()}${p.what.slice(1)} ` : ''}${p.shown} não está em UTF-8 válido: byte 0x${p.byte} na linha ${p.line} (offset ${p.offset}).`,
  notUtf8Fix: 'salve o arquivo em UTF-8 (numa planilha: "CSV UTF-8").',
  notUtf8Near: (p) => `${p.shown} não está em UTF-8 válido: na linha ${p.line} (perto do offset ${p.offset}).`,
  notUtf8NearFix: 'salve o arquivo em UTF-8.',
  writerClosed: (p) => `${p.shown} já foi confirmado (commit) ou abortado.`,
  writerClosedFix:
    'grave cada versão de um arquivo por um novo AtomicFileWriter (um que já foi confirmado ou abortado não aceita mais dados).',
};
