const LABEL: Record<string, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

/** Severity as text plus colour (never colour alone). */
export function SeverityBadge({ severity }: { severity: string }) {
  return <span className={`fw-sev fw-sev-${severity}`}>{LABEL[severity] ?? severity}</span>;
}
