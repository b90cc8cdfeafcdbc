import type { RuleCreateInput } from './rule-schema';
import type { Rule } from './types';

/**
 * The unsaved rule as the evaluator sees a stored one (id 0, enabled, never silenced), so the
 * preview replays it through exactly the functions the engine runs for saved rules.
 */
export function previewRule(input: RuleCreateInput): Rule {
  const definition = { kind: input.kind, params: input.params } as Pick<Rule, 'kind' | 'params'>;
  return {
    ...definition,
    id: 0,
    name: input.name,
    severity: input.severity,
    scope: input.scope,
    webhookUrl: null,
    enabled: true,
    silencedUntil: null,
  } as Rule;
}
