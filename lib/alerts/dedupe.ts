/** One alert per rule and incident. */
export function incidentKey(incidentId: number): string {
  return `incident:${incidentId}`;
}

/**
 * One alert per rule and window bucket: buckets are consecutive spans of the rule's window
 * length on the UTC epoch, so a sustained burst re-fires at most once per window length.
 */
export function windowKey(anchorMs: number, windowMs: number): string {
  return `window:${Math.floor(anchorMs / windowMs)}`;
}
