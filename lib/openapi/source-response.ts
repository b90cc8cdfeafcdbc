import { z } from 'zod';

/** The answers of /api/sources for the OpenAPI document (checked against SourceItem and PollResult by tsc). */

const instant = z.string().meta({ format: 'date-time', description: 'ISO instant (UTC)' });
const count = z.number().int().min(0);

export const sourceItemSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.literal('rss').meta({ description: 'RSS 2.0, Atom 1.0 or RSS 1.0 (RDF), told apart by the document' }),
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
  })
  .meta({ id: 'SourcePoll' });
