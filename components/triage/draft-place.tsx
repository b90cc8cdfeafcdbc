'use client';
import { useId, useMemo, useState } from 'react';
import { INTAKE_PLACES } from '@/lib/intake/gazetteer';
import type { IntakePlace } from '@/lib/intake/place-types';
import type { ReportDraft } from '@/lib/intake/report-types';
import { parseCoordinate, placeLabel, withPlace } from './draft-model';

const COUNTRIES = [
  { code: 'PK', name: 'Pakistan' },
  { code: 'AF', name: 'Afghanistan' },
  { code: 'TJ', name: 'Tajikistan' },
] as const;

let byLabel: Map<string, IntakePlace> | null = null;
/** Built on first use: the picker's ~1,400 entries are only needed once a report is open. */
function placesByLabel(): Map<string, IntakePlace> {
  byLabel ??= new Map(INTAKE_PLACES.map((p) => [placeLabel(p), p]));
  return byLabel;
}

const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();

interface Props {
  draft: ReportDraft;
  onChange: (next: ReportDraft) => void;
}

/**
 * Where: a gazetteer search that fills country, province, district, place and coordinates at
 * once, and each of those fields to correct by hand (province and district offer the names the
 * gazetteer knows for the chosen country and province).
 */
export function DraftPlace({ draft, onChange }: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const labels = useMemo(() => [...placesByLabel().keys()], []);
  const admin1s = useMemo(() => distinct(INTAKE_PLACES.filter((p) => p.country === draft.country).map((p) => p.admin1)), [draft.country]);
  const admin2s = useMemo(
    () => distinct(INTAKE_PLACES.filter((p) => p.country === draft.country && p.admin1 === draft.admin1).map((p) => p.admin2)),
    [draft.country, draft.admin1],
  );
  const set = (patch: Partial<ReportDraft>) => onChange({ ...draft, ...patch });
  const text = (v: string) => (v.trim() ? v : null);

  return (
    <fieldset className="fw-draft-group">
      <legend>Place</legend>
      <label className="fw-field fw-wide">
        <span>Find a place</span>
        <input
          type="search"
          list={`${id}-places`}
          value={query}
          placeholder="Type a town, district or province"
          onChange={(e) => {
            setQuery(e.target.value);
            const place = placesByLabel().get(e.target.value);
            if (place) onChange(withPlace(draft, place));
          }}
        />
        <datalist id={`${id}-places`}>
          {labels.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </label>
      <label className="fw-field">
        <span>
          Country <abbr title="required">*</abbr>
        </span>
        <select value={draft.country ?? ''} onChange={(e) => set({ country: text(e.target.value) })} aria-required>
          <option value="">—</option>
          {COUNTRIES.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
          {draft.country && !COUNTRIES.some((c) => c.code === draft.country) && <option value={draft.country}>{draft.country}</option>}
        </select>
      </label>
      <label className="fw-field">
        <span>Province</span>
        <input list={`${id}-admin1`} value={draft.admin1 ?? ''} onChange={(e) => set({ admin1: text(e.target.value) })} />
        <datalist id={`${id}-admin1`}>
          {admin1s.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </label>
      <label className="fw-field">
        <span>District</span>
        <input list={`${id}-admin2`} value={draft.admin2 ?? ''} onChange={(e) => set({ admin2: text(e.target.value) })} />
        <datalist id={`${id}-admin2`}>
          {admin2s.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </label>
      <label className="fw-field">
        <span>Place</span>
        <input value={draft.location ?? ''} maxLength={200} onChange={(e) => set({ location: text(e.target.value) })} />
      </label>
      <Coordinate label="Latitude" value={draft.lat} min={-90} max={90} onChange={(lat) => set({ lat })} />
      <Coordinate label="Longitude" value={draft.lon} min={-180} max={180} onChange={(lon) => set({ lon })} />
      <label className="fw-field">
        <span>Precision</span>
        <select
          value={draft.geoPrecision ?? ''}
          onChange={(e) => set({ geoPrecision: e.target.value ? (Number(e.target.value) as 1 | 2 | 3) : null })}
        >
          <option value="">—</option>
          <option value="1">Town</option>
          <option value="2">District</option>
          <option value="3">Province</option>
        </select>
      </label>
    </fieldset>
  );
}

function Coordinate(props: { label: string; value: number | null; min: number; max: number; onChange: (v: number | null) => void }) {
  return (
    <label className="fw-field fw-narrow">
      <span>
        {props.label} <abbr title="required">*</abbr>
      </span>
      <input
        type="number"
        step="any"
        min={props.min}
        max={props.max}
        value={props.value ?? ''}
        aria-required
        onChange={(e) => props.onChange(parseCoordinate(e.target.value))}
      />
    </label>
  );
}
