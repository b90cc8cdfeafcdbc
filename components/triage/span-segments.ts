import type { IntakeField, Span } from '@/lib/intake/types';

/** A stretch of the analysed text and the fields whose spans cover it (none: plain text). */
export interface Segment {
  start: number;
  end: number;
  text: string;
  /** Covering fields, the narrowest span's first: its colour is the one shown. */
  fields: IntakeField[];
}

/**
 * Cuts `text` at every span boundary so overlapping spans ("three soldiers" for killed inside
 * "three soldiers were martyred" for the event) each stay visible: every piece lists all the
 * fields covering it. Spans outside the text are clipped, empty ones dropped. Offsets are UTF-16,
 * as JavaScript strings index them.
 */
export function spanSegments(text: string, spans: readonly Span[]): Segment[] {
  const valid = spans.map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(text.length, s.end) })).filter((s) => s.end > s.start);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const covering = valid.filter((s) => s.start <= start && s.end >= end).sort((a, b) => a.end - a.start - (b.end - b.start));
    const fields = [...new Set(covering.map((s) => s.field))];
    const prev = out.at(-1);
    // Neighbours with the same fields merge back into one piece (fewer elements to render).
    if (prev && prev.fields.join() === fields.join()) {
      prev.end = end;
      prev.text = text.slice(prev.start, end);
    } else out.push({ start, end, text: text.slice(start, end), fields });
  }
  return out;
}

/** The legend's categories: related fields share a colour. */
export const FIELD_CATEGORIES = [
  { id: 'place', label: 'Place', fields: ['location', 'admin2', 'admin1', 'country'] },
  { id: 'date', label: 'Date', fields: ['date'] },
  { id: 'group', label: 'Group or claim', fields: ['group', 'claim'] },
  { id: 'type', label: 'Event type', fields: ['eventType', 'subEventType'] },
  { id: 'casualties', label: 'Casualties', fields: ['killed', 'injured'] },
  { id: 'target', label: 'Target', fields: ['target'] },
  { id: 'border', label: 'Cross-border', fields: ['crossBorder'] },
  { id: 'not', label: 'Not an incident', fields: ['notIncident'] },
] as const satisfies readonly { id: string; label: string; fields: readonly IntakeField[] }[];

export type FieldCategory = (typeof FIELD_CATEGORIES)[number]['id'];

const CATEGORY_OF = new Map<IntakeField, FieldCategory>(FIELD_CATEGORIES.flatMap((c) => c.fields.map((f) => [f, c.id] as const)));

export function categoryOf(field: IntakeField): FieldCategory {
  return CATEGORY_OF.get(field) ?? 'not';
}

const FIELD_LABELS: Record<IntakeField, string> = {
  location: 'place',
  admin2: 'district',
  admin1: 'province',
  country: 'country',
  group: 'group',
  claim: 'claim',
  killed: 'killed',
  injured: 'injured',
  eventType: 'event type',
  subEventType: 'sub-event type',
  date: 'date',
  crossBorder: 'cross-border',
  target: 'target',
  notIncident: 'not an incident',
};

export const fieldLabel = (f: IntakeField) => FIELD_LABELS[f];
