/** The judge's rubric files (`core/judge/rubrics`) (English). */
export const judge = {
  noSeparator: (p: { shown: string }) => `${p.shown}: no "---" line separating the header from the rubric text.`,
  noSeparatorFix: 'add it after the "description:" line.',
  badHeaderLine: (p: { shown: string; line: number; got: string }) => `${p.shown}, line ${p.line}: expected "key: value", got ${p.got}.`,
  badHeaderLineFix: 'write each header line as key: value (name, scale, bedrock_metric, description), then a line with ---.',
  badName: (p: { shown: string; got: string }) =>
    `${p.shown}: "name:" must be a lower-case metric name such as correctness (got ${p.got}).`,
  badNameFix: 'use lower-case letters, digits and _ , starting with a letter.',
  badScale: (p: { shown: string; got: string }) => `${p.shown}: "scale:" must look like 1-5 (got ${p.got}).`,
  badScaleFix: 'write the lowest and highest score, e.g. scale: 1-5.',
  emptyBody: (p: { shown: string }) => `${p.shown}: the rubric text after "---" is empty.`,
  emptyBodyFix: 'describe what each score means.',
  twoNamed: (p: { shown: string; name: string }) => `Two rubric files in ${p.shown} are named "${p.name}".`,
  twoNamedFix: 'give each metric its own name.',
  noRubric: (p: { name: string; shown: string; found: string }) => `No rubric named "${p.name}" in ${p.shown} (found: ${p.found}).`,
  noRubricFix: 'use one of the names found, or add a rubric file with that name.',
  noRubrics: (p: { shown: string }) => `No rubric files in ${p.shown}.`,
  noRubricsFix: 'restore data/judge/ from git.',
};
