import type { Db } from '@/db/connection';
import { ingestReports, type IncomingReport } from '@/server/intake/ingest-reports';

/** Three outlets on one roadside bomb in Bannu: a claim, a rising toll with a second claimant and a denial, a funeral. */
export const BANNU = {
  first: {
    title: 'Four soldiers martyred in Bannu IED blast',
    text:
      'BANNU: Four soldiers were martyred and two others injured when an improvised explosive device hit a security forces vehicle ' +
      'in Bannu district on Tuesday, the ISPR said. The banned Tehreek-e-Taliban Pakistan claimed responsibility for the attack.',
    url: 'https://dawn.example/bannu-ied',
    publishedAt: '2026-11-04T09:00:00Z',
    sourceName: 'Dawn',
  },
  followUp: {
    title: 'Bannu blast toll rises to six',
    text:
      "BANNU: The death toll from Tuesday's roadside bomb attack on a military convoy in Bannu district rose to six soldiers, " +
      'officials said. Hafiz Gul Bahadur group also claimed the attack, while the TTP denied involvement.',
    url: 'https://tribune.example/bannu-toll',
    publishedAt: '2026-11-05T07:00:00Z',
    sourceName: 'The Express Tribune',
  },
  hearing: {
    title: null,
    text: 'ISLAMABAD: The Supreme Court adjourned the hearing of the review petition until next month, a court official said.',
    url: null,
    publishedAt: '2026-11-05T07:00:00Z',
    sourceName: 'APP',
  },
} satisfies Record<string, Omit<IncomingReport, 'sourceId' | 'itemKey'>>;

/** Stores the given reports through the one intake path; returns their ids. */
export function storeReports(db: Db, ...items: Omit<IncomingReport, 'sourceId' | 'itemKey'>[]): number[] {
  return ingestReports(
    db,
    items.map((i) => ({ ...i, sourceId: null, itemKey: i.url })),
    { timeZone: 'Asia/Karachi', now: Date.parse('2026-11-06T00:00:00Z') },
  ).created;
}
