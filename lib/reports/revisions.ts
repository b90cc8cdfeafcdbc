import type { WeekRevisions } from './types';

/** The brief's note on a week ACLED revised after it ended (web page and Markdown say the same). */
export function revisedSinceFirstPublished({ deleted, updated }: WeekRevisions): string {
  const n = deleted + updated;
  const parts = [deleted ? `${deleted} deleted` : '', updated ? `${updated} updated` : ''].filter(Boolean).join(', ');
  return `Revised since first published: ${n} incident${n === 1 ? '' : 's'} (${parts}) by ACLED after the week ended; the figures above are as they stand now.`;
}
