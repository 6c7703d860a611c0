/**
 * The aggregation SQL: one `.sql` file per table in `sql/`, shared CTEs in `sql/fragments/`.
 * Templates use `{{name}}` placeholders (tables and literals bound per engine and run) and
 * `{{> fragment key=value}}` includes (a fragment's own `{{key}}` takes the given value).
 *
 * Lambda bundles must ship the `sql/` folder beside this module (esbuild: copy it, or load
 * `.sql` files with the `text` loader).
 */
import { readFileSync } from 'node:fs';

/** The statements of the aggregation job, in the order a run executes them. */
export const SQL_NAMES = [
  'int_volunteer_month',
  'int_registrations',
  'int_batch_rows',
  'agg_participation',
  'agg_project_outcomes',
  'agg_purchase_delivery',
  'agg_purchase_breakdown',
  'agg_star_levels',
  'agg_data_quality',
  'volunteer_profiles',
] as const;

export type SqlName = (typeof SQL_NAMES)[number];

const cache = new Map<string, string>();

function readTemplate(relative: string): string {
  let text = cache.get(relative);
  if (text === undefined) {
    text = readFileSync(new URL(`./sql/${relative}.sql`, import.meta.url), 'utf8');
    cache.set(relative, text);
  }
  return text;
}

/** Strips `--` comment lines at the start of a fragment (they would swallow what follows inline). */
function fragmentBody(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .trim();
}

const FRAGMENT = /\{\{>\s*([\w-]+)((?:\s+\w+=[\w.]+)*)\s*\}\}/g;
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

function expandFragments(text: string, depth = 0): string {
  if (depth > 8) throw new Error('SQL fragments nest too deeply');
  return text.replace(FRAGMENT, (_match, name: string, args: string) => {
    let body = fragmentBody(readTemplate(`fragments/${name}`));
    for (const pair of args.trim().split(/\s+/).filter(Boolean)) {
      const [key, value] = pair.split('=') as [string, string];
      body = body.replaceAll(`{{${key}}}`, value);
    }
    return expandFragments(body, depth + 1);
  });
}

/**
 * The template of a statement with its fragments expanded and its placeholders still in place.
 *
 * @example
 * sqlTemplate('agg_participation').includes('{{int_volunteer_month}}'); // true
 */
export function sqlTemplate(name: SqlName): string {
  return expandFragments(readTemplate(name));
}

/** The placeholder names a template needs. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].sort();
}

/**
 * Renders a statement: fragments expanded, every placeholder bound. Throws when one is unbound.
 *
 * @example
 * renderSql('agg_project_outcomes', { int_volunteer_month: 'int_volunteer_month', … });
 */
export function renderSql(name: SqlName, bindings: Record<string, string>): string {
  return sqlTemplate(name).replace(PLACEHOLDER, (_match, key: string) => {
    const value = bindings[key];
    if (value === undefined) throw new Error(`SQL ${name}: placeholder {{${key}}} is not bound`);
    return value;
  });
}
