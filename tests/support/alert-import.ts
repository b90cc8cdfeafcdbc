import type { Db } from '@/db/connection';
import { importCsv } from '@/server/import/import';

export interface Row {
  sourceId: string;
  occurredAt: string;
  country?: string;
  admin1?: string;
  admin2?: string;
  lat: number;
  lon: number;
  eventType?: string;
  subEventType?: string;
  group?: string;
  killed?: number;
  injured?: number;
  crossBorder?: boolean;
}

const COLS = [
  'sourceId',
  'occurredAt',
  'country',
  'admin1',
  'admin2',
  'lat',
  'lon',
  'eventType',
  'subEventType',
  'group',
  'killed',
  'injured',
  'crossBorder',
] as const;

/** Native CSV for rows (defaults: a TTP suicide bombing in Pakistan, no casualties). */
export function nativeCsv(rows: Row[]): string {
  const full = rows.map((r) => ({
    country: 'PK',
    eventType: 'Explosions/Remote violence',
    subEventType: 'Suicide bomb',
    group: 'TTP',
    killed: 0,
    injured: 0,
    crossBorder: false,
    admin1: '',
    admin2: '',
    ...r,
  }));
  return [COLS.join(','), ...full.map((r) => COLS.map((c) => String(r[c] ?? '')).join(','))].join('\n');
}

/** Imports through the product's CSV import service (one transaction incl. afterIngest). */
export async function importRows(db: Db, rows: Row[], now: number) {
  const report = await importCsv(db, nativeCsv(rows), { format: 'native', timeZone: 'Asia/Karachi', now });
  if (report.errors.length) throw new Error(JSON.stringify(report.errors));
  return report;
}

export const hoursAgo = (now: number, h: number) => new Date(now - h * 3_600_000).toISOString();
