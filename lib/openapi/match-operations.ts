import { z } from 'zod';
import { MATCH_STATUSES, TYPE_COMPATIBILITIES } from '@/lib/datasets/match-types';
import { matchListQuery } from '@/lib/validation/match-queries';
import type { Operation } from './operations';
import { incidentItemSchema } from './responses';

const int = z.number().int();
const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const post = (
  path: string,
  role: Operation['role'],
  summary: string,
  spec: Omit<Operation, 'path' | 'method' | 'tag' | 'role' | 'summary'>,
) => ({ path, method: 'post', tag: 'Matches', role, summary, ...spec }) satisfies Operation;

export const matchItemSchema = z
  .object({
    id: int,
    status: z.enum(MATCH_STATUSES),
    score: z.number().meta({ description: '0–1; orders the proposals' }),
    dayGap: int.meta({ description: 'days between the two date ranges (0: they overlap); at most 1' }),
    distanceKm: z
      .number()
      .meta({ description: 'between the two points; at most 30 unless a point is a province centre (then the district agrees)' }),
    typeCompatibility: z.enum(TYPE_COMPATIBILITIES),
    actorSimilarity: z.number().meta({ description: '0–1: 1 the same group, 0.7 one family, else the word overlap of the actor names' }),
    datasetA: z.string(),
    datasetB: z.string(),
    importBatchId: int.nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    incidentA: incidentItemSchema.nullable().meta({ description: 'the incident stored first, which stays on a merge' }),
    incidentB: incidentItemSchema.nullable().meta({ description: 'the imported incident; once merged, as archived' }),
  })
  .meta({ id: 'DatasetMatch' });

export const matchPageSchema = z.object({ items: z.array(matchItemSchema), nextCursor: int.nullable() }).meta({ id: 'DatasetMatchPage' });

const decided = (what: string) => ({ 200: json(z.object({ match: matchItemSchema }), what) });

/** Cross-dataset match proposals (db/services/dataset-matches.ts) and the decisions on them. */
export const matchOps: Operation[] = [
  {
    path: '/api/matches',
    method: 'get',
    tag: 'Matches',
    role: 'viewer',
    summary: 'List cross-dataset match proposals',
    description:
      'An import proposes, for each row it inserts, up to three stored incidents of other datasets whose dates come within a day, ' +
      'within 30 km, with a compatible type. Newest first; proposed pairs are listed while both incidents exist.',
    query: matchListQuery,
    ok: { 200: json(matchPageSchema, 'A page of proposals.') },
  },
  post('/api/matches/{id}/merge', 'analyst', 'Merge B into A', {
    description:
      'A stays; B becomes one of its sources (an incident_sources row with B’s dataset, id and figures), A gains B’s datasets ' +
      '(`source=` then finds A under both) and independent sources; B leaves the map, counts, exports and weekly brief through ' +
      'the delete path, archived in the match. 409 unless proposed, or when an incident no longer exists.',
    ok: decided('The merged match.'),
    errors: [404, 409],
  }),
  post('/api/matches/{id}/reject', 'analyst', 'Mark the two incidents as different events', {
    description: 'Both incidents stay. 409 unless proposed.',
    ok: decided('The rejected match.'),
    errors: [404, 409],
  }),
  post('/api/matches/{id}/undo', 'analyst', 'Take a merge or rejection back', {
    description:
      'A merge is undone: B is restored under its id with its claims and source rows, A loses B’s dataset and sources. A ' +
      'rejection is reopened. Back to proposed. 409 when the match is not decided, or when B’s record was stored again meanwhile.',
    ok: decided('The reopened match.'),
    errors: [404, 409],
  }),
];
