/** Plain data (no imports), so Playwright specs can use it without loading the extractors. */
interface Item {
  title: string | null;
  text: string;
  url: string | null;
  publishedAt: string;
  sourceName: string;
}

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
} satisfies Record<string, Item>;
