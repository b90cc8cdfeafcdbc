import type { RuleItem } from '@/db/services/alert-rule-store';

export type { RuleItem };
export const KINDS = [
  { value: 'threshold', label: 'Threshold (N incidents or K killed within a window)' },
  { value: 'mass-casualty', label: 'Mass casualty (one incident)' },
  { value: 'spike', label: 'Spike (last 7 days vs 8-week baseline)' },
  { value: 'new-actor', label: 'New actor in region' },
  { value: 'proximity', label: 'Proximity to a watched site' },
  { value: 'cross-border', label: 'Cross-border' },
] as const;
export type Kind = (typeof KINDS)[number]['value'];

/** Numeric parameter fields per kind (proximity's siteIds are chosen separately). */
export const PARAM_FIELDS: Record<Kind, { key: string; label: string; step?: string }[]> = {
  threshold: [
    { key: 'count', label: 'At least N incidents' },
    { key: 'killed', label: 'or at least K killed' },
    { key: 'windowHours', label: 'Window (hours)' },
  ],
  'mass-casualty': [
    { key: 'killed', label: 'Killed ≥' },
    { key: 'killedPlusInjured', label: 'or killed + injured ≥' },
  ],
  spike: [
    { key: 'minCount', label: 'At least M incidents in 7 days' },
    { key: 'pValue', label: 'Significance (p <)', step: 'any' },
  ],
  'new-actor': [{ key: 'days', label: 'No incident of the group in the region for (days)' }],
  proximity: [{ key: 'radiusKm', label: 'Radius (km)', step: 'any' }],
  'cross-border': [],
};

export interface FormState {
  name: string;
  kind: Kind;
  severity: 'info' | 'warning' | 'critical';
  group: string[];
  region: string[];
  type: string[];
  params: Record<string, string>;
  siteIds: number[];
  webhookUrl: string;
  enabled: boolean;
}

export const emptyForm = (): FormState => ({
  name: '',
  kind: 'mass-casualty',
  severity: 'warning',
  group: [],
  region: [],
  type: [],
  params: {},
  siteIds: [],
  webhookUrl: '',
  enabled: true,
});

export function formFromRule(r: RuleItem): FormState {
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.params)) if (typeof v === 'number') params[k] = String(v);
  return {
    name: r.name,
    kind: r.kind,
    severity: r.severity,
    group: r.scope.group ?? [],
    region: r.scope.region ?? [],
    type: r.scope.type ?? [],
    params,
    siteIds: Array.isArray(r.params.siteIds) ? (r.params.siteIds as number[]) : [],
    webhookUrl: r.webhookUrl ?? '',
    enabled: r.enabled,
  };
}

/** The request body; the server validates it (strict zod) and reports field issues. */
export function bodyFromForm(f: FormState, editing: boolean): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const { key } of PARAM_FIELDS[f.kind]) if (f.params[key]?.trim()) params[key] = Number(f.params[key]);
  if (f.kind === 'proximity') params.siteIds = f.siteIds;
  const scope: Record<string, string[]> = {};
  if (f.group.length) scope.group = f.group;
  if (f.region.length) scope.region = f.region;
  if (f.type.length) scope.type = f.type;
  const body: Record<string, unknown> = {
    name: f.name,
    severity: f.severity,
    scope,
    params,
    enabled: f.enabled,
    webhookUrl: f.webhookUrl.trim() || null,
  };
  if (!editing) body.kind = f.kind;
  return body;
}
