/**
 * Shared shapes of the intake extractors (lib/intake/*): pure, deterministic functions over the
 * analysed text, `title + "\n" + text`. Every extractor says where its values came from, so the
 * triage page can highlight them and an analyst can see why a field was filled.
 */
import type { TARGET_CATEGORIES } from '@/lib/incidents/record';

export type IntakeField =
  | 'location'
  | 'admin2'
  | 'admin1'
  | 'country'
  | 'group'
  | 'claim'
  | 'killed'
  | 'injured'
  | 'eventType'
  | 'subEventType'
  | 'date'
  | 'crossBorder'
  | 'target'
  | 'notIncident';

/** A stretch of the analysed text (UTF-16 offsets, end exclusive) that supports one field. */
export interface Span {
  field: IntakeField;
  start: number;
  end: number;
  text: string;
}

export type TargetCategory = (typeof TARGET_CATEGORIES)[number];

/** Casualties by who they were, as POST /api/incidents takes them. */
export interface CasualtySplit {
  security: number | null;
  civilians: number | null;
  militants: number | null;
}
