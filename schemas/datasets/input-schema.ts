/** Builds the documentation schema of a dataset's input row from its column list. */
import { z } from 'zod';
import type { InputColumn } from '../dataset.ts';

/**
 * The input row shape for district IT's JSON Schema: one property per column, with the
 * Chinese title, English description and accepted header aliases.
 *
 * @example
 * inputSchemaOf(SERVICE_RECORD_COLUMNS).shape.record_id;
 */
export function inputSchemaOf(columns: readonly InputColumn[]): z.ZodObject {
  return z.object(
    Object.fromEntries(
      columns.map((c) => {
        const base = c.numeric ? z.union([z.number(), z.string()]) : z.string();
        const field = c.required === true ? base : base.optional();
        return [c.key, field.meta({ title: c.zh, description: c.en, 'x-aliases': c.aliases })];
      }),
    ),
  );
}

/** Caches one compiled row schema per batch context. */
export function perContext<C extends object, S>(build: (ctx: C) => S): (ctx: C) => S {
  const cache = new WeakMap<C, S>();
  return (ctx) => {
    let schema = cache.get(ctx);
    if (!schema) {
      schema = build(ctx);
      cache.set(ctx, schema);
    }
    return schema;
  };
}
