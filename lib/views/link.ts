/**
 * What the browser needs of saved views (no zod here: the views menu stays small); the request
 * schemas are in ./schema.
 */

/** The URL parameter that names a saved view: the dashboard takes its map position from it. */
export const VIEW_PARAM = 'view';
export const VIEW_NAME_MAX = 80;

export interface SavedView {
  id: number;
  name: string;
  query: string;
  map: { lat: number; lon: number; zoom: number };
  shared: boolean;
  /** Whether the asking principal saved it (and so may delete it). */
  mine: boolean;
  /** Whether it is the asking principal's start page. */
  start: boolean;
  createdAt: number;
}

/** The dashboard link of a view: its filters, and its id for the map position. */
export function viewHref(view: Pick<SavedView, 'id' | 'query'>): string {
  return `/?${[view.query, `${VIEW_PARAM}=${view.id}`].filter(Boolean).join('&')}`;
}
