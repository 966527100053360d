/** Erros do dataset (`core/dataset`): o arquivo, o formato, as colunas, as linhas — português do Brasil. */
import type { dataset as En } from '../../en/errors/dataset';

export const dataset: typeof En = {
  jsonlLine: (p) => `${p.shown}, linha ${p.line}, não é um JSON válido (${p.message}).`,
  jsonlNotObject: (p) => `${p.shown}, linha ${p.line}, não é um objeto JSON.`,
  jsonlFix: 'um objeto JSON por linha.',
  setByEnv: 'a variável de ambiente WORKSHOP_DATASET',
  setByConfig: 'dataset.path no workshop.config.json',
  changeConfig: 'dataset.path',
  notFound: (p) => `O dataset ${p.shown} não existe (definido por ${p.setting}).`,
  notFoundFix: (p) => `confira o caminho (relativo à raiz do repositório), ou mude ${p.change}.`,
  kindFifo: 'um named pipe (FIFO)',
  kindCharDevice: 'um dispositivo de caractere (como /dev/zero, /dev/stdin ou um terminal)',
  kindBlockDevice: 'um dispositivo de bloco (um disco)',
  kindSocket: 'um socket',
  kindOther: 'algo que não é um arquivo comum',
  notRegular: (p) =>
    `O dataset ${p.shown} (definido por ${p.setting}) é ${p.kind}, não um arquivo comum: ele poderia não ter fim, então não é lido.`,
  notRegularFix: (p) => `salve os dados num arquivo .csv, .jsonl ou .xlsx e aponte ${p.change} para ele.`,
  megabytes: (p) => `${p.mb.replace('.', ',')} MB`,
  over4Gb: 'mais de 4 GB',
  sizeIs: (p) => `tem ${p.size}`,
  sizeUnpacks: (p) => `descompacta para ${p.size} de dados de planilha (um .xlsx é um arquivo compactado)`,
  sizeGrew: (p) => `cresceu para pelo menos ${p.size} enquanto era lido`,
  tooBig: (p) => `O dataset ${p.shown} ${p.what}, acima do limite de ${p.max} MB (dataset.maxMegabytes).`,
  tooBigFix:
    'aumente dataset.maxMegabytes no workshop.config.json se esta máquina tiver memória (a seção "Scale-out" do README traz o pico medido para um arquivo de 1.000.000 de linhas), ou use uma amostra das linhas (alguns milhares de documentos bastam para comparar modelos; um batch job aceita no máximo 50.000 registros).',
  empty: (p) => `O dataset ${p.shown} está vazio.`,
  emptyFix: (p) => `acrescente linhas com uma coluna "${p.column}", ou aponte dataset.path para outro arquivo.`,
  csvFix:
    'confira as aspas nessa linha (campos com vírgulas ou quebras de linha precisam estar entre aspas duplas), e dê a cada coluna um nome único.',
  noRows: (p) => `O dataset ${p.shown} tem cabeçalho, mas nenhuma linha.`,
  noRowsFix: 'acrescente pelo menos um documento.',
  noColumn: (p) => `O dataset ${p.shown} não tem a coluna "${p.column}" (${p.setting}). Colunas encontradas: ${p.found}.`,
  noColumnFix: (p) => `renomeie a coluna no arquivo ou mude ${p.setting} no workshop.config.json.`,
  rows: (p) => `${p.jsonl ? 'linha(s) do arquivo' : 'linha(s)'} ${p.list}`,
  andMore: (p) => ` e mais ${p.count}`,
  emptyDocuments: (p) => `O dataset ${p.shown} tem células "${p.column}" vazias na(s) ${p.rows}.`,
  emptyDocumentsFix: 'preencha essas células ou apague essas linhas.',
  badLatency: (p) => `O dataset ${p.shown} tem valores não numéricos em "${p.column}" na(s) ${p.rows}.`,
  badLatencyFix: 'latências em milissegundos, como números simples.',
  emptyLabels: (p) =>
    `O dataset ${p.shown} tem células "${p.column}" (label) vazias na(s) ${p.rows}: uma task de classificação precisa do rótulo verdadeiro de cada linha.`,
  emptyLabelsFix: 'preencha essas células, ou apague essas linhas.',
  unknownLabels: (p) =>
    `O dataset ${p.shown} tem rótulos que não estão entre os labels da task (${p.labels}): ${p.values} na(s) ${p.rows}.`,
  unknownLabelsFix: (p) =>
    `corrija essas células, ou acrescente os rótulos a "labels" em ${p.taskFile} (o prompt oferece exatamente esses).`,
  factsNoRows: 'datasetFacts precisa de pelo menos uma linha.',
  factsNoRowsFix: 'carregue um dataset com pelo menos um documento.',
};
