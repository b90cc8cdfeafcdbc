import { parseOr400 } from '@/server/http/respond';
import { weeklyParamsFromSearch, type WeeklyParams } from '@/lib/reports/params';
import { formatWeek, latestCompleteWeek, parseWeek } from '@/lib/reports/week';
import type { z } from 'zod';

/** Parses the query of a weekly endpoint; a missing week means the latest complete week in `timeZone`. */
export function parseWeeklyQuery<S extends z.ZodType<WeeklyParams>>(schema: S, url: string, timeZone: string, nowMs = Date.now()) {
  const params = parseOr400(schema, weeklyParamsFromSearch(new URL(url).searchParams), 'query');
  const week = params.week ? parseWeek(params.week)! : latestCompleteWeek(nowMs, timeZone);
  return { ...params, week: formatWeek(week) };
}
