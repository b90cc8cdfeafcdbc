import { describe, expect, it } from 'vitest';
import { copyPlan, escapeText, rollupPlan } from '@/db/pg/copy-plan';

/**
 * The parts of `npm run db:copy` that need no server: the order tables are copied in and how each
 * SQLite value is written in COPY's text format (tests/integration/db-copy.test.ts copies for real).
 */
const column = (table: string, name: string) =>
  copyPlan()
    .find((t) => t.name === table)!
    .columns.find((c) => c.name === name)!;

describe('db:copy plan', () => {
  it('copies every parent before the tables that refer to it, and not the rollup', () => {
    const order = copyPlan().map((t) => t.name);
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    before('groups', 'incidents');
    before('import_batches', 'incidents');
    before('incidents', 'alert_incidents');
    before('alerts', 'alert_incidents');
    before('alert_rules', 'alerts');
    before('sources', 'reports');
    before('reports', 'incident_claims');
    before('users', 'sessions');
    expect(order).not.toContain('incident_day_stats');
    expect(rollupPlan().name).toBe('incident_day_stats');
  });

  it('names the identity column whose sequence moves past the copied ids', () => {
    const identity = Object.fromEntries(copyPlan().map((t) => [t.name, t.identity]));
    expect(identity).toMatchObject({ incidents: 'id', events: 'seq', meta: null, groups: null, alert_incidents: null });
  });

  it('writes values in COPY text format', () => {
    expect(escapeText('a\tb\nc\rd\\e \\N')).toBe('a\\tb\\nc\\rd\\\\e \\\\N');
    expect(column('incidents', 'cross_border').encode(1)).toBe('t');
    expect(column('incidents', 'cross_border').encode(0)).toBe('f');
    expect(column('incidents', 'occurred_at').encode(1_795_605_211_065)).toBe('1795605211065');
    expect(column('incidents', 'lat').encode(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(column('import_batches', 'changed_ids').encode(Buffer.from([0, 0xff]))).toBe('\\\\x00ff');
    expect(column('incidents', 'notes').encode('پشاور\t')).toBe('پشاور\\t');
  });

  it('refuses a value the column cannot hold, naming the column', () => {
    expect(() => column('incidents', 'cross_border').encode(2)).toThrow(/cross_border \(boolean\)/);
    expect(() => column('incidents', 'killed').encode(1.5)).toThrow(/killed \(integer\)/);
    expect(() => column('incidents', 'lat').encode('x')).toThrow(/lat \(double precision\)/);
  });
});
