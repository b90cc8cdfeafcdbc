import { describe, expect, it } from 'vitest';
import { auditBound, auditFilterSchema } from '@/lib/validation/audit-filter';

describe('audit filter', () => {
  it('treats blank form fields as absent and bounds every field', () => {
    expect(auditFilterSchema.parse({ actor: '', action: ' ', from: '', cursor: '' })).toEqual({ limit: 100 });
    expect(auditFilterSchema.safeParse({ actor: 'x'.repeat(201) }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(auditFilterSchema.safeParse({ limit: '501' }).success).toBe(false);
  });
  it('reads dates as whole UTC days and datetime-local values as UTC minutes', () => {
    expect(auditBound('2026-11-25', false)).toBe(Date.UTC(2026, 10, 25));
    expect(auditBound('2026-11-25', true)).toBe(Date.UTC(2026, 10, 26));
    expect(auditBound('2026-11-25T12:30', false)).toBe(Date.UTC(2026, 10, 25, 12, 30));
    expect(auditBound('2026-11-25T12:30:00+05:00', false)).toBe(Date.UTC(2026, 10, 25, 7, 30));
    expect(auditBound(undefined, false)).toBeUndefined();
  });
});
