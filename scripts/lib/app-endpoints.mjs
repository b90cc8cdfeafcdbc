/**
 * Every page and route handler under app/, found by walking the folder so a new route is covered
 * the day it lands: the access matrix (tests/e2e/auth-matrix.spec.ts) and the production-install
 * check (scripts/check-prod-install.mjs) request each one. Plain JavaScript: the check runs with
 * `node` alone in a production install.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file below `dir`. */
export function filesBelow(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesBelow(p) : [p];
  });
}

/**
 * A GET per page and one entry per method each route handler exports, unsorted. `pattern` is the
 * route as written (`/api/incidents/[id]`; route groups left out), `path` the same with each
 * `[segment]` replaced by `sample(segment)`.
 */
export function appEndpoints(appDir, sample) {
  const out = [];
  for (const file of filesBelow(appDir)) {
    const rel = relative(appDir, file).split(sep);
    const name = rel.pop();
    if (name !== 'page.tsx' && name !== 'route.ts') continue;
    const segments = rel.filter((s) => !(s.startsWith('(') && s.endsWith(')')));
    const pattern = `/${segments.join('/')}`;
    const path = `/${segments.map((s) => (s.startsWith('[') ? sample(s) : s)).join('/')}`;
    if (name === 'page.tsx') out.push({ kind: 'page', method: 'GET', path, pattern });
    else {
      for (const m of readFileSync(file, 'utf8').matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
        out.push({ kind: 'api', method: m[1], path, pattern });
    }
  }
  return out;
}
