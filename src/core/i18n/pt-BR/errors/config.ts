/** Erros da configuração: leitura, validação (os issues do zod em palavras), variáveis de ambiente, idioma — português do Brasil. */
import type { config as En } from '../../en/errors/config';

const TYPES: Record<string, string> = {
  string: 'texto',
  number: 'número',
  integer: 'inteiro',
  boolean: 'booleano (true/false)',
  object: 'objeto',
  array: 'lista',
  null: 'null',
  undefined: 'nada (chave ausente)',
  nan: 'NaN',
  date: 'data',
};
const type = (t: string) => TYPES[t] ?? t;
const size = (t: string) => (t === 'array' ? 'item(ns)' : 'caractere(s)');

export const config: typeof En = {
  notFound: (p) => `Não foi possível carregar a configuração do workshop ${p.shown}: arquivo não encontrado.`,
  notFoundFixEnv:
    'confira o caminho em WORKSHOP_CONFIG (relativo à raiz do repositório), ou remova a variável para usar o workshop.config.json.',
  notFoundFix: 'restaure o arquivo com `git checkout workshop.config.json`, ou confira o caminho.',
  badJson: (p) => `Não foi possível carregar a configuração do workshop ${p.shown}: ${p.message}.`,
  badJsonFix: 'restaure o arquivo com `git checkout workshop.config.json` ou corrija o JSON.',
  problems: (p) => `A configuração do workshop ${p.shown} tem ${p.count} problema(s):\n${p.lines}${p.more}\n`,
  problemsMore: (p) => `\n… e mais ${p.count}`,
  problemsFix: 'corrija essas configurações (o docs/configuration.md lista cada chave e os valores aceitos).',
  topLevel: '(nível raiz)',
  setByEnv: (p) => `${p.key} (definido pela variável de ambiente ${p.variable})`,
  inFile: (p) => `${p.key} (em ${p.shown})`,
  unknownKeys: (p) => `- ${p.where}: chave(s) desconhecida(s) ${p.hints}`,
  didYouMean: (p) => `"${p.key}" — você quis dizer "${p.near}"?`,
  issue: (p) => `- ${p.where}: ${p.message} (veio ${p.value})`,
  schema: {
    region: 'o nome de uma região, como us-east-1',
    oneCandidate: 'pelo menos um modelo candidato',
    weightsZero: 'os pesos somam 0: dê um peso positivo a pelo menos um entre quality, latency e cost',
    marginPositive: 'uma margem > 0 (um teste de superioridade é outra pergunta)',
  },
  zodIssue: ({ issue, defaultMessage }) => {
    const i = issue;
    switch (i.code) {
      case 'invalid_type':
        return i.received === 'undefined' ? 'obrigatório' : `esperava ${type(String(i.expected))}, veio ${type(String(i.received))}`;
      case 'invalid_enum_value':
        return `valor inválido: esperava ${(i.options ?? []).map((o) => `'${String(o)}'`).join(' | ')}, veio '${String(i.received)}'`;
      case 'invalid_literal':
        return `valor inválido: esperava ${JSON.stringify(i.expected)}`;
      case 'too_small':
        return i.type === 'array' || i.type === 'string'
          ? `precisa ter ${i.exact ? 'exatamente' : i.inclusive ? 'no mínimo' : 'mais de'} ${String(i.minimum)} ${size(i.type)}`
          : `o número precisa ser ${i.exact ? 'exatamente' : i.inclusive ? 'maior ou igual a' : 'maior que'} ${String(i.minimum)}`;
      case 'too_big':
        return i.type === 'array' || i.type === 'string'
          ? `pode ter ${i.exact ? 'exatamente' : i.inclusive ? 'no máximo' : 'menos de'} ${String(i.maximum)} ${size(i.type)}`
          : `o número precisa ser ${i.exact ? 'exatamente' : i.inclusive ? 'menor ou igual a' : 'menor que'} ${String(i.maximum)}`;
      case 'not_multiple_of':
        return 'o número não é um múltiplo do valor exigido';
      case 'invalid_string':
        return i.validation === 'regex' ? 'texto em formato inválido' : `texto inválido (${String(i.validation)})`;
      case 'invalid_union':
        return 'valor inválido: não corresponde a nenhuma das formas aceitas';
      case 'unrecognized_keys':
        return 'chave(s) desconhecida(s)';
      case 'invalid_union_discriminator':
        return `valor inválido: esperava ${(i.options ?? []).map((o) => `'${String(o)}'`).join(' | ')}`;
      case 'custom':
        return 'valor inválido';
      default:
        return defaultMessage;
    }
  },
  classificationNeedsLabel: (p) =>
    `A task "${p.task}" é de classificação, então o dataset precisa dizer qual coluna traz o rótulo verdadeiro (label).`,
  classificationNeedsLabelFix: 'defina dataset.columns.label (por exemplo "category").',
  recordAndReplay: (p) => `${p.record} e ${p.replay} estão os dois definidos: uma execução ou grava ou reproduz.`,
  recordAndReplayFix: 'remova um dos dois.',
  recordNeedsAws: (p) => `${p.record} pede para gravar, mas o backend é "${p.backend}": um cassette grava chamadas reais ao Bedrock.`,
  recordNeedsAwsFix: 'defina "backend": "aws" (ou WORKSHOP_BACKEND=aws) com credenciais da AWS, ou desligue a gravação.',
  replayNeedsLocal: (p) =>
    `${p.replay} pede para reproduzir um cassette, mas o backend é "${p.backend}": quem serve uma reprodução é o endpoint local.`,
  replayNeedsLocalFix: 'defina "backend": "local" (ou WORKSHOP_BACKEND=local), ou desligue a reprodução.',
  recordedNeedsColumns: (p) =>
    `models.source.kind é "recorded" em ${p.shown}, então o dataset precisa dizer onde estão as respostas e as latências do modelo de origem.`,
  recordedNeedsColumnsFix: 'defina dataset.columns.sourceResponse e dataset.columns.sourceLatencyMs.',
  duplicateModel: (p) => `O modelo "${p.model}" aparece duas vezes em ${p.shown} (models.source / models.candidates).`,
  duplicateModelFix: 'liste cada modelo uma vez só.',
  envNotNumber: (p) => `A variável de ambiente ${p.name}=${p.raw} não é um número.`,
  envNotNumberFix: 'defina um número, ou remova a variável para usar o workshop.config.json.',
  envNotBoolean: (p) => `A variável de ambiente ${p.name}=${p.raw} não é true/false.`,
  envNotBooleanFix: 'use true ou false.',
  badLanguage: (p) => `${p.setting} é ${p.value}, que não é um idioma do workshop (${p.languages}).`,
  badLanguageFixExact: (p) => `escreva exatamente "${p.near}".`,
  badLanguageFix: (p) => `defina ${p.setting} como um destes: ${p.languages}, ou deixe sem definir.`,
};
