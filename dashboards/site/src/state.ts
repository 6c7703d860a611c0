/** View state kept in the URL hash: `#/{page}?period=2026-11&lang=en&district=futian&sort=col:desc`. */
import type { Lang, PageId } from '../../definitions/types.ts';

/** Everything a shared link must reproduce. */
export interface ViewState {
  page: PageId;
  /** Period label; undefined = the latest month. */
  period?: string;
  lang: Lang;
  /** Participation drill-down: a district slug, undefined = city. */
  district?: string;
  /** Table sort: `column:asc|desc`. */
  sort?: string;
}

const PAGE_IDS: readonly PageId[] = ['overview', 'participation', 'projects', 'purchase', 'quality'];

/**
 * Reads the state from a location hash.
 *
 * @example
 * parseHash('#/participation?period=2026-Q4&lang=en'); // { page: 'participation', period: '2026-Q4', lang: 'en' }
 */
export function parseHash(hash: string): ViewState {
  const [route = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const page = (PAGE_IDS as readonly string[]).includes(route) ? (route as PageId) : 'overview';
  return {
    page,
    period: params.get('period') ?? undefined,
    lang: params.get('lang') === 'en' ? 'en' : 'zh',
    district: params.get('district') ?? undefined,
    sort: params.get('sort') ?? undefined,
  };
}

/**
 * Writes the state as a location hash (defaults omitted).
 *
 * @example
 * toHash({ page: 'overview', lang: 'zh', period: '2026-11' }); // '#/overview?period=2026-11'
 */
export function toHash(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.period !== undefined) params.set('period', state.period);
  if (state.lang !== 'zh') params.set('lang', state.lang);
  if (state.district !== undefined) params.set('district', state.district);
  if (state.sort !== undefined) params.set('sort', state.sort);
  const query = params.toString();
  return `#/${state.page}${query === '' ? '' : `?${query}`}`;
}

export { PAGE_IDS };
