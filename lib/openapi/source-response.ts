import { z } from 'zod';
import { SYNC_PHASES } from '@/lib/acled/sync-state';

/** The answers of /api/sources for the OpenAPI document (checked against SourceItem and PollResult by tsc). */

const instant = z.string().meta({ format: 'date-time', description: 'ISO instant (UTC)' });
const count = z.number().int().min(0);

const syncViewSchema = z
  .object({
    phase: z
      .enum(SYNC_PHASES)
      .meta({ description: '`backfill` (first sync, from `since`) or `delta` (rows modified since the last one stored)' }),
    country: z.string().nullable().meta({ description: 'the country being read; null between passes' }),
    page: z.number().int().min(1).meta({ description: 'the next page to read for that country' }),
    pages: count.meta({ description: 'pages read over the source’s life' }),
    rows: count.meta({ description: 'rows stored over the source’s life' }),
    skipped: count.meta({ description: 'rows the import rules refused (kept out)' }),
    lastSkip: z.string().nullable().meta({ description: 'why the last refused row was refused' }),
    deleted: count.meta({ description: 'incidents removed because ACLED deleted them' }),
    lastTimestamp: instant.nullable().meta({ description: 'newest ACLED `timestamp` (modification) stored' }),
    lastDeletedTimestamp: instant.nullable().meta({ description: 'newest ACLED `deleted_timestamp` applied' }),
  })
  .meta({ id: 'AcledSync' });

export const sourceItemSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.enum(['rss', 'acled']).meta({
      description:
        '`rss`: RSS 2.0, Atom 1.0 or RSS 1.0 (RDF), told apart by the document; `acled`: the ACLED API (docs/intake.md, "ACLED API sync")',
    }),
    url: z.string(),
    pollMinutes: z.number().int().meta({ description: '1–1440' }),
    enabled: z.boolean(),
    keywords: z
      .array(z.string())
      .meta({ description: 'keep only items whose title or text contains one (case-insensitive); empty keeps all' }),
    lastFetchAt: instant.nullable().meta({ description: 'start of the last poll, successful or not' }),
    lastSuccessAt: instant.nullable(),
    lastError: z.string().nullable().meta({ description: 'one line; null once a poll succeeds' }),
    nextFetchAt: instant
      .nullable()
      .meta({ description: 'when the scheduler polls next (null while disabled); failures back off, doubling up to 6 h' }),
    itemsSeen: count.meta({ description: 'reports this source has created' }),
    synthetic: z.boolean().meta({ description: 'a demo or simulator feed' }),
    email: z.string().nullable().meta({ description: 'ACLED: the account; null for feeds' }),
    hasPassword: z
      .boolean()
      .meta({ description: 'ACLED: a password is stored (sealed with SECRETS_KEY). The password itself is never returned.' }),
    countries: z.array(z.string()).nullable().meta({ description: 'ACLED: the countries read, one request per country' }),
    since: z.string().nullable().meta({ description: 'ACLED: first event date of the backfill (YYYY-MM-DD)' }),
    authFailed: z
      .boolean()
      .meta({ description: 'ACLED refused the credentials ("authentication failed"): not polled again until the source is edited' }),
    sync: syncViewSchema.nullable().meta({ description: 'ACLED: the sync’s cursor and progress; null for feeds' }),
  })
  .meta({ id: 'Source' });

export const pollResultSchema = z
  .object({
    fetched: count.meta({ description: 'items that passed the keywords (0 on 304 Not Modified or a failure)' }),
    filtered: count.meta({ description: 'items the keywords left out' }),
    created: count,
    duplicates: count.meta({ description: 'items already stored (fetched before, or found first in another feed)' }),
    errors: z.array(
      z.object({
        item: z.string().optional().meta({ description: 'the item’s identity; absent when the whole feed failed' }),
        message: z.string(),
      }),
    ),
    sync: z.object({ pages: count, rows: count, inserted: count, updated: count, unchanged: count, deleted: count }).optional().meta({
      description: 'ACLED sources: pages and rows read, incidents inserted, updated, unchanged, and removed by ACLED’s deletions',
    }),
  })
  .meta({ id: 'SourcePoll' });
