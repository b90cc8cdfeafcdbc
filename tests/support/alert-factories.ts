import type { Rule } from '@/lib/alerts/types';
import type { IncidentFacts } from '@/lib/alerts/types';
import { ruleDefinitionSchema } from '@/lib/alerts/rule-schema';

let nextId = 1;
export function facts(over: Partial<IncidentFacts> = {}): IncidentFacts {
  return {
    id: nextId++,
    occurredAt: Date.UTC(2026, 10, 20, 12),
    groupId: 'ttp',
    region: 'kp',
    eventType: 'Explosions/Remote violence',
    subEventType: 'Suicide bomb',
    killed: 0,
    injured: 0,
    crossBorder: false,
    lat: 34.0,
    lon: 71.5,
    ...over,
  };
}

export function rule(kind: string, params: Record<string, unknown>, over: Partial<Omit<Rule, 'kind' | 'params'>> = {}): Rule {
  const def = ruleDefinitionSchema.parse({ kind, params });
  return {
    id: 1,
    name: `${kind} rule`,
    severity: 'warning',
    scope: {},
    webhookUrl: null,
    enabled: true,
    silencedUntil: null,
    ...over,
    ...def,
  };
}
