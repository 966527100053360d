/** Os arquivos de rubrica do juiz (`core/judge/rubrics`) — português do Brasil. */
import type { judge as En } from '../../en/errors/judge';

export const judge: typeof En = {
  noSeparator: (p) => `${p.shown}: falta a linha "---" que separa o cabeçalho do texto da rubrica.`,
  noSeparatorFix: 'acrescente essa linha depois da linha "description:".',
  badHeaderLine: (p) => `${p.shown}, linha ${p.line}: esperava "chave: valor", veio ${p.got}.`,
  badHeaderLineFix:
    'escreva cada linha do cabeçalho como chave: valor (name, scale, bedrock_metric, description), e depois uma linha com ---.',
  badName: (p) => `${p.shown}: "name:" precisa ser um nome de métrica em minúsculas, como correctness (veio ${p.got}).`,
  badNameFix: 'use letras minúsculas, dígitos e _ , começando por uma letra.',
  badScale: (p) => `${p.shown}: "scale:" precisa ter o formato 1-5 (veio ${p.got}).`,
  badScaleFix: 'escreva a menor e a maior nota, por exemplo scale: 1-5.',
  emptyBody: (p) => `${p.shown}: o texto da rubrica depois de "---" está vazio.`,
  emptyBodyFix: 'descreva o que cada nota significa.',
  twoNamed: (p) => `Dois arquivos de rubrica em ${p.shown} têm o nome "${p.name}".`,
  twoNamedFix: 'dê a cada métrica um nome próprio.',
  noRubric: (p) => `Nenhuma rubrica chamada "${p.name}" em ${p.shown} (encontradas: ${p.found}).`,
  noRubricFix: 'use um dos nomes encontrados, ou crie um arquivo de rubrica com esse nome.',
  noRubrics: (p) => `Nenhum arquivo de rubrica em ${p.shown}.`,
  noRubricsFix: 'restaure data/judge/ a partir do git.',
};
