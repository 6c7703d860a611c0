/** Fetches the exported JSON (relative to the page, so the site works under any prefix). */
import type { IndexPayload } from '../../../pipeline/dashboard-export/payloads.ts';

const cache = new Map<string, Promise<unknown>>();

/** Fetches and caches one data file, e.g. `data/overview/2026-11.json`. */
export function loadJson<T>(path: string): Promise<T> {
  let pending = cache.get(path);
  if (pending === undefined) {
    pending = fetch(path).then((response) => {
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return response.json();
    });
    pending.catch(() => cache.delete(path));
    cache.set(path, pending);
  }
  return pending as Promise<T>;
}

/** The data index (available periods). */
export function loadIndex(): Promise<IndexPayload> {
  return loadJson<IndexPayload>('data/index.json');
}
