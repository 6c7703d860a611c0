/** What every page renderer receives. */
import type { IndexPayload } from '../../../../pipeline/dashboard-export/payloads.ts';
import type { ViewState } from '../state.ts';

export interface PageContext {
  /** Where the page draws (already emptied). */
  root: HTMLElement;
  state: ViewState & { period: string };
  index: IndexPayload;
  /** Changes part of the view state (and the URL). */
  navigate: (change: Partial<ViewState>) => void;
}
