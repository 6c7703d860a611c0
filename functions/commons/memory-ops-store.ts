/**
 * An OpsStore in process memory, for the ingest-core benchmark (parse → validate →
 * pseudonymise → Parquet without DynamoDB): same semantics as the DynamoDB adapter for puts,
 * conditions and gets, no secondary-index ordering guarantees beyond a sort.
 */
import { ConditionFailedError, type Item, type KeyQuery, type OpsStore, type WriteCondition } from '../../adapters/ports.ts';

/** In-memory OpsStore. */
export class MemoryOpsStore implements OpsStore {
  private readonly items = new Map<string, Item>();

  /**
   * @param keepRecords false: record items (`REC#…`) are accepted and forgotten, so memory stays
   *   flat as it would with DynamoDB (a fresh batch of unique keys never reads them back).
   */
  constructor(private readonly keepRecords = true) {}

  private kept(item: Item): boolean {
    return this.keepRecords || !String(item.pk).startsWith('REC#');
  }

  private static id(pk: string, sk: string): string {
    return `${pk}\u0000${sk}`;
  }

  async get(pk: string, sk: string): Promise<Item | undefined> {
    return this.items.get(MemoryOpsStore.id(pk, sk));
  }

  async batchGet(keys: { pk: string; sk: string }[]): Promise<Item[]> {
    return keys.map((k) => this.items.get(MemoryOpsStore.id(k.pk, k.sk))).filter((i): i is Item => i !== undefined);
  }

  async put(item: Item, condition?: WriteCondition): Promise<void> {
    const id = MemoryOpsStore.id(String(item.pk), String(item.sk));
    const existing = this.items.get(id);
    if (condition) {
      const ok =
        condition.kind === 'notExists'
          ? existing === undefined
          : condition.kind === 'absentOrLessThan'
            ? existing?.[condition.attribute] === undefined ||
              (existing[condition.attribute] as string | number) < condition.value
            : existing !== undefined && condition.values.includes(existing[condition.attribute] as string | number);
      if (!ok) throw new ConditionFailedError();
    }
    if (this.kept(item)) this.items.set(id, item);
  }

  async batchPut(items: Item[]): Promise<void> {
    for (const item of items) if (this.kept(item)) this.items.set(MemoryOpsStore.id(String(item.pk), String(item.sk)), item);
  }

  async query(q: KeyQuery): Promise<Item[]> {
    const [pk, sk] =
      q.index === 'byDistrict' ? ['gsi1pk', 'gsi1sk'] : q.index === 'byVolunteer' ? ['gsi2pk', 'gsi2sk'] : ['pk', 'sk'];
    const found = [...this.items.values()]
      .filter((i) => i[pk] === q.partition && String(i[sk] ?? '').startsWith(q.sortPrefix ?? ''))
      .sort((a, b) => String(a[sk]).localeCompare(String(b[sk])));
    if (q.descending) found.reverse();
    return q.limit === undefined ? found : found.slice(0, q.limit);
  }

  async delete(pk: string, sk: string): Promise<void> {
    this.items.delete(MemoryOpsStore.id(pk, sk));
  }
}
