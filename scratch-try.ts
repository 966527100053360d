import { loadDataset } from './src/core/dataset';
import { loadTask, loadTaskTemplate, taskPrompt } from './src/core/task';
import { loadCatalog, findModel } from './src/core/catalog';
import { generateAnswer } from './src/local-bedrock/emulator';
import { splitSentences } from './src/local-bedrock/emulator/text';
const main = async () => {
  const { rows } = await loadDataset({ path: 'data/pt-BR/document_sample_10.csv', columns: { document: 'document', reference: 'referenceResponse' } });
  const task = loadTask('document_summarization', { language: 'pt-BR' });
  const cat = loadCatalog();
  const i = Number(process.argv[2] ?? 0);
  console.log(splitSentences(rows[i].document).map((s) => `[${s}]`).join('\n'));
  for (const [id, tpl] of [['us.anthropic.claude-sonnet-4-5-20250929-v1:0','source'],['us.amazon.nova-2-lite-v1:0','nova'],['us.meta.llama4-maverick-17b-instruct-v1:0','llama'],['mistral.mistral-large-3-675b-instruct','source']]) {
    const model = findModel(cat, id)!;
    const prompt = taskPrompt(task, loadTaskTemplate(`data/pt-BR/prompts/${tpl}.txt`), rows[i].document);
    const a = generateAnswer({ model, system: [], messages: [{ role: 'user', text: prompt }], maxTokens: 512, temperature: 0.2, seed: 42 });
    console.log('\n==', id, a.kind, a.stopReason, '\n', a.text);
  }
};
main();
