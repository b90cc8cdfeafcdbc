import { z } from 'zod';

/** `GET /api/reports/weekly` as a zod schema for the OpenAPI document (checked against WeeklyReport in the tests). */

const int = z.number().int();
const counts = { incidents: int, killed: int, injured: int };
const split = z.object({
  security: int,
  civilians: int,
  militants: int,
  unattributed: int.meta({ description: 'casualties of rows without a split' }),
});
const totals = z.object({ ...counts, killedBy: split, injuredBy: split });

const change = z
  .object({
    kind: z.enum(['unchanged', 'new', 'up', 'down']),
    from: z.number(),
    to: z.number(),
    delta: z.number(),
    pct: z.number().nullable().meta({ description: 'null when there is no baseline (0 → n)' }),
    label: z.string(),
  })
  .meta({ id: 'WeeklyChange' });

const changeSet = z.object({
  incidents: change,
  killed: change,
  injured: change,
  direction: z.enum(['deteriorated', 'improved', 'unchanged']),
});

const breakdown = {
  ...counts,
  previous: z.object(counts),
  delta: z.object(counts),
  change: z.object({ incidents: change, killed: change }),
};

const incidentRef = z
  .object({
    id: int,
    date: z.string(),
    occurredAt: z.string(),
    timePrecision: int,
    place: z.string(),
    region: z.string().nullable(),
    group: z.string(),
    groupName: z.string(),
    eventType: z.string(),
    subEventType: z.string(),
    killed: int.nullable(),
    injured: int.nullable(),
    claimStatus: z.string(),
    link: z.string(),
  })
  .meta({ id: 'WeeklyIncidentRef' });

export const weeklyReportSchema = z
  .object({
    week: z.string().meta({ example: '2024-W50' }),
    start: z.string(),
    end: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    complete: z.boolean(),
    filters: z.object({ group: z.array(z.string()), region: z.array(z.string()), source: z.array(z.string()) }),
    totals,
    previous: totals.extend({ week: z.string() }),
    fourWeekAverage: z.object({ ...counts, weeks: z.array(z.string()) }),
    change: z.object({ previous: changeSet, fourWeekAverage: changeSet }),
    byRegion: z.array(z.object({ ...breakdown, region: z.string(), name: z.string() })),
    byGroup: z.array(
      z.object({
        ...breakdown,
        group: z.string(),
        name: z.string(),
        abbreviation: z.string().nullable(),
        colour: z.string(),
        claimed: int,
      }),
    ),
    byType: z.array(z.object({ ...breakdown, eventType: z.string() })),
    trend: z.array(z.object({ ...counts, week: z.string(), start: z.string(), byRegion: z.record(z.string(), z.object(counts)) })),
    notable: z.array(incidentRef),
    alerts: z.array(
      z.object({ id: int, ruleName: z.string(), severity: z.string(), status: z.string(), firedAt: z.string(), summary: z.string() }),
    ),
    newActors: z.array(
      z.object({
        group: z.string(),
        groupName: z.string(),
        region: z.string(),
        regionName: z.string(),
        firstIncidentId: int,
        incidents: int,
      }),
    ),
    crossBorder: z.array(incidentRef),
    crossBorderCount: int,
    claims: z
      .array(
        z.object({
          kind: z.enum(['claim', 'denial']),
          group: z.string(),
          groupName: z.string(),
          by: z.string().nullable(),
          at: z.string().meta({ description: 'when the report carrying it was published (else fetched)' }),
          incidentId: int,
          incidentDate: z.string(),
          place: z.string(),
          link: z.string(),
        }),
      )
      .meta({ description: 'claims and denials made this week (first 100, oldest first) on incidents inside the filter' }),
    imprecise: z.object({ count: int, ids: z.array(int) }),
    provenance: z.object({ demo: int, imported: int, live: int }),
    revisions: z.object({ deleted: int, updated: int }).meta({
      description:
        'revised since first published: incidents of this week that ACLED deleted or updated after the week ended (whole week, whatever the filter)',
    }),
    narrative: z.string(),
  })
  .meta({ id: 'WeeklyReport' });
