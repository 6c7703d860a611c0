/**
 * An OpsStore in process memory, for the ingest-core benchmark (parse → validate →
 * pseudonymise → Parquet without DynamoDB): same semantics as the DynamoDB adapter for puts,
 * conditions and gets, no secondary-index ordering guarantees beyond a sort.
 */
import { ConditionFailedError, type Item, type KeyQuery, type OpsStore, type WriteCondition } from '../../adapters/ports.ts';

const DONE: Promise<void> = Promise.resolve();

/** True when a write condition holds against the item currently stored (or its absence). */
function holds(condition: WriteCondition, existing: Item | undefined): boolean {
  switch (condition.kind) {
    case 'notExists':
      return existing === undefined;
    case 'absentOrLessThan':
      return (
        existing?.[condition.attribute] === undefined || (existing[condition.attribute] as string | number) < condition.value
      );
    case 'attributeIn':
      return existing !== undefined && condition.values.includes(existing[condition.attribute] as string | number);
  }
}

/** In-memory OpsStore. */
export class MemoryOpsStore implements OpsStore {
  /** Items by pk, then sk (two lookups instead of building a `pk + sk` key per call). */
  private readonly items = new Map<string, Map<string, Item>>();

  /**
   * @param keepRecords false: record items (`REC#…`) are accepted and forgotten, so memory stays
   *   flat as it would with DynamoDB (a fresh batch of unique keys never reads them back).
   */
  constructor(private readonly keepRecords = true) {}

  private kept(pk: string): boolean {
    return this.keepRecords || !pk.startsWith('REC#');
  }

  private find(pk: string, sk: string): Item | undefined {
    // Forgotten record items are never there: no lookup needed.
    if (!this.kept(pk)) return undefined;
    return this.items.get(pk)?.get(sk);
  }

  private store(pk: string, sk: string, item: Item): void {
    if (!this.kept(pk)) return;
    let bySk = this.items.get(pk);
    if (bySk === undefined) {
      bySk = new Map();
      this.items.set(pk, bySk);
    }
    bySk.set(sk, item);
  }

  get(pk: string, sk: string): Promise<Item | undefined> {
    return Promise.resolve(this.find(pk, sk));
  }

  batchGet(keys: { pk: string; sk: string }[]): Promise<Item[]> {
    const found: Item[] = [];
    for (const k of keys) {
      const item = this.find(k.pk, k.sk);
      if (item !== undefined) found.push(item);
    }
    return Promise.resolve(found);
  }

  // put and batchPut answer with one shared settled promise instead of an async function's
  // own: the ingest benchmark puts a pointer per row, and a store in memory should not cost
  // more per call than the code calling it. Failures still arrive as rejections, as they do
  // from DynamoDB.
  put(item: Item, condition?: WriteCondition): Promise<void> {
    try {
      const pk = String(item.pk);
      const sk = String(item.sk);
      if (condition && !holds(condition, this.find(pk, sk))) return Promise.reject(new ConditionFailedError());
      this.store(pk, sk, item);
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  batchPut(items: Item[]): Promise<void> {
    try {
      for (const item of items) this.store(String(item.pk), String(item.sk), item);
      return DONE;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async query(q: KeyQuery): Promise<Item[]> {
    const [pk, sk] =
      q.index === 'byDistrict' ? ['gsi1pk', 'gsi1sk'] : q.index === 'byVolunteer' ? ['gsi2pk', 'gsi2sk'] : ['pk', 'sk'];
    const candidates = pk === 'pk' ? [...(this.items.get(q.partition)?.values() ?? [])] : this.all();
    const found = candidates
      .filter((i) => i[pk] === q.partition && String(i[sk] ?? '').startsWith(q.sortPrefix ?? ''))
      .sort((a, b) => compareKeys(String(a[sk] ?? ''), String(b[sk] ?? '')));
    if (q.descending) found.reverse();
    return q.limit === undefined ? found : found.slice(0, q.limit);
  }

  async delete(pk: string, sk: string): Promise<void> {
    const bySk = this.items.get(pk);
    if (bySk === undefined) return;
    bySk.delete(sk);
    if (bySk.size === 0) this.items.delete(pk);
  }

  private all(): Item[] {
    const all: Item[] = [];
    for (const bySk of this.items.values()) for (const item of bySk.values()) all.push(item);
    return all;
  }
}

/** Sort-key order as DynamoDB has it for strings (binary, not locale collation). */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
