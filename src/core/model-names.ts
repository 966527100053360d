/**
 * Human model names for tables and charts ("Claude 3 Sonnet" rather than
 * `anthropic.claude-3-sonnet-20240229-v1:0`), from the model catalogue. A model the
 * catalogue does not know keeps its id; two ids that would read the same (a model and its
 * inference profile, say) get the id's prefix to tell them apart.
 */
import { findModel, loadCatalog, type ModelCatalog } from './catalog';

let defaultCatalog: ModelCatalog | null | undefined;

function catalogOrNull(): ModelCatalog | null {
  if (defaultCatalog === undefined) {
    try {
      defaultCatalog = loadCatalog();
    } catch {
      defaultCatalog = null;
    }
  }
  return defaultCatalog;
}

/** The catalogue's name of one model id (ids, inference profile ids and ARNs are understood), else the id. */
export function modelName(id: string, catalog: ModelCatalog | null = catalogOrNull()): string {
  return (catalog && findModel(catalog, id)?.name) || id;
}

/** A name per id, unique among `ids`: duplicates get the part of the id that differs. */
export function modelNames(ids: readonly string[], catalog: ModelCatalog | null = catalogOrNull()): Map<string, string> {
  const names = new Map(ids.map((id) => [id, modelName(id, catalog)]));
  const counts = new Map<string, number>();
  for (const n of names.values()) counts.set(n, (counts.get(n) ?? 0) + 1);
  for (const [id, n] of names) if ((counts.get(n) ?? 0) > 1 && n !== id) names.set(id, `${n} (${id.split('.')[0]})`);
  return names;
}

/** A function from id to its unique name among `ids` (unknown ids map to themselves). */
export function namer(ids: readonly string[], catalog?: ModelCatalog | null): (id: string) => string {
  const names = catalog === undefined ? modelNames(ids) : modelNames(ids, catalog);
  return (id) => names.get(id) ?? modelName(id, catalog === undefined ? undefined : catalog);
}
