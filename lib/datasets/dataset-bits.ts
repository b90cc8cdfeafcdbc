/**
 * The datasets an incident can rest on, as the `source` filter names them. An incident's origin
 * dataset follows from `incidents.source` (`datasetOfSource`); a merge of two incidents of
 * different datasets (db/services/dataset-merge.ts) adds the merged-away incident's datasets to
 * the kept one's `merged_datasets` bits, so the kept incident answers for both.
 */
export const DATASET_NAMES = ['acled', 'ucdp', 'gtd', 'report', 'api', 'demo'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** One bit per dataset, in DATASET_NAMES order (acled 1, ucdp 2, gtd 4, report 8, api 16, demo 32). */
export const DATASET_BIT: Readonly<Record<DatasetName, number>> = Object.fromEntries(DATASET_NAMES.map((d, i) => [d, 1 << i])) as Record<
  DatasetName,
  number
>;
export const ALL_DATASETS_MASK = (1 << DATASET_NAMES.length) - 1;

export const isDatasetName = (v: string): v is DatasetName => (DATASET_NAMES as readonly string[]).includes(v);

/**
 * `incidents.source` values that name a dataset other than `api`. The simulator's incidents are
 * demo data; everything else (the API's default `api`, the native CSV's `native`, or any source
 * name an API client chose) was entered directly and counts as `api`.
 */
export const SOURCE_DATASET: Readonly<Record<string, Exclude<DatasetName, 'api'>>> = {
  acled: 'acled',
  ucdp: 'ucdp',
  gtd: 'gtd',
  report: 'report',
  demo: 'demo',
  simulator: 'demo',
};

export function datasetOfSource(source: string): DatasetName {
  return Object.hasOwn(SOURCE_DATASET, source) ? SOURCE_DATASET[source] : 'api';
}

/** The bits of the incident's datasets: its origin's and those merged into it. */
export const datasetMask = (source: string, mergedDatasets: number): number => DATASET_BIT[datasetOfSource(source)] | mergedDatasets;

export function maskOf(names: readonly string[]): number {
  let m = 0;
  for (const n of names) if (isDatasetName(n)) m |= DATASET_BIT[n];
  return m;
}

/** Dataset names of a mask, in DATASET_NAMES order. */
export const namesOf = (mask: number): DatasetName[] => DATASET_NAMES.filter((d) => (mask & DATASET_BIT[d]) !== 0);
