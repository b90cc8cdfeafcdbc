import { sql, type SQL } from 'drizzle-orm';
import { incidents } from '@/db/schema';
import { DATASET_BIT, SOURCE_DATASET } from '@/lib/datasets/dataset-bits';

// The CASE arms come from constants of lib/datasets (never from a request), so they are inlined:
// a bind parameter in a THEN arm would leave PostgreSQL guessing the CASE's type.
const ARMS = Object.entries(SOURCE_DATASET)
  .map(([source, dataset]) => `WHEN '${source}' THEN ${DATASET_BIT[dataset]}`)
  .join(' ');

/**
 * An incident's dataset bits in SQL, as lib/datasets/dataset-bits.ts `datasetMask` computes them:
 * the origin dataset named by `source` (anything not listed is `api`) plus the merged ones. The
 * same expression on both engines (`|` and `&` are integer operators on SQLite and PostgreSQL).
 */
export const datasetMaskSql = (): SQL<number> =>
  sql<number>`(CASE ${incidents.source} ${sql.raw(ARMS)} ELSE ${sql.raw(String(DATASET_BIT.api))} END | ${incidents.mergedDatasets})`;

/** True when the incident rests on any dataset of `mask` (a whole number built from DATASET_BIT). */
export function datasetCondition(mask: number): SQL {
  if (!Number.isSafeInteger(mask) || mask < 0) throw new RangeError(`bad dataset mask ${mask}`);
  return sql`(${datasetMaskSql()} & ${sql.raw(String(mask))}) <> 0`;
}

/** The same bits as raw SQL text over unqualified columns, for statements prepared from strings. */
export const datasetMaskSqlText = (prefix = ''): string =>
  `(CASE ${prefix}source ${ARMS} ELSE ${DATASET_BIT.api} END | ${prefix}merged_datasets)`;
