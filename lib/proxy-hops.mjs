// Plain ESM: read by lib/env.ts (validation at start-up) and by scripts/server.mjs (through
// server/security/proxy-trust.mjs, plain JavaScript at run time), so both read TRUST_PROXY alike.

/**
 * TRUST_PROXY → how many reverse proxies stand in front of the server: unset, false, no or 0 → 0
 * (X-Forwarded-* come from the client and are not believed); true or yes → 1; 1…9 → that many.
 * null when the value is none of these.
 */
export function proxyHops(value) {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'no' || v === '0') return 0;
  if (v === 'true' || v === 'yes') return 1;
  return /^[1-9]$/.test(v) ? Number(v) : null;
}
