/**
 * What each query parameter means, in the words of docs/api.md. Kept beside the document rather
 * than as `.meta()` on the shared schemas so the filter's definition stays about validation;
 * the document builder adds these to every parameter of that name that has no description yet.
 */
export const PARAM_DESCRIPTIONS: Record<string, string> = {
  from:
    'Inclusive lower bound: a date YYYY-MM-DD is a calendar day in the reporting time zone (REPORT_TIME_ZONE); ' +
    'an ISO instant with offset compares the exact instant.',
  to: 'Inclusive upper bound, as `from`.',
  group: 'Group slugs, comma-separated or repeated (ttp,bla,…).',
  region: 'kp, balochistan, barmal, tajikistan, or none (outside every monitored region); comma-separated or repeated.',
  type: 'ACLED event types or sub-event types; an incident matches either. Comma-separated or repeated.',
  minKilled: 'Whole number ≥ 0; incidents with unknown killed are excluded when > 0.',
  minSources:
    'Whole number ≥ 1: incidents resting on at least this many independent sources (the origin row, plus each report accepted or merged).',
  claimStatus: 'claimed, unclaimed or disputed (a denial, or two claimants); comma-separated or repeated.',
  source:
    'Datasets: acled, ucdp, gtd, report (accepted from the intake queue), api (entered through the API or a native CSV), demo ' +
    '(demo and simulator data); comma-separated or repeated. An incident matches when any of its datasets is listed: one merged ' +
    'from two datasets (POST /api/matches/{id}/merge) matches both. Unknown values → 400.',
  q: 'Full text over location and admin names, actors and notes; every word is a prefix term.',
  bbox: 'west,south,east,north in degrees (-180 ≤ west ≤ east ≤ 180, -90 ≤ south ≤ north ≤ 90).',
  limit: 'Page size.',
  cursor: 'The `nextCursor` of the previous page.',
  facets: 'true adds `facets` (the body of GET /api/incidents/facets for the same filter) to the page.',
  zoom: 'Map zoom level 0–22.',
  format: 'Output (or, for the import, input) format.',
  dryRun: 'Validate and count without writing anything.',
  week: 'ISO week like 2024-W50; defaults to the latest complete week in the reporting zone.',
  status: 'Only alerts (or, for /api/reports, reports) in this state.',
  sourceId: 'Only reports of this feed (GET /api/sources).',
  ruleId: 'Only deliveries of this rule.',
  lastEventId: 'Resume after this event id (browsers send the Last-Event-ID header instead).',
};
