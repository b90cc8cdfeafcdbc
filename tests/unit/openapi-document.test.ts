import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openApiDocument, errorStatuses } from '@/lib/openapi/document';
import { OPERATIONS } from '@/lib/openapi/operations';
import { filesBelow } from '../../scripts/lib/app-endpoints.mjs';

/**
 * The OpenAPI document against the code: every route under app/api (found by walking the folder,
 * so a new route fails here the day it lands) with each exported method, and every query
 * parameter its handler reads, must be in the document; and a standard validator must accept it.
 */

const API = join(process.cwd(), 'app', 'api');
const METHOD = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g;

interface RouteFile {
  file: string;
  path: string;
  methods: string[];
  source: string;
  /** Each method's handler text (its export up to the next one), after the shared preamble. */
  handlers: Record<string, string>;
}

function handlersOf(source: string): Record<string, string> {
  const exports = [...source.matchAll(METHOD)];
  const preamble = source.slice(0, exports[0]?.index ?? source.length);
  return Object.fromEntries(
    exports.map((m, i) => [m[1].toLowerCase(), preamble + source.slice(m.index, exports[i + 1]?.index ?? source.length)]),
  );
}

function routeFiles(): RouteFile[] {
  return filesBelow(API)
    .filter((f) => f.endsWith(`${sep}route.ts`))
    .map((file) => {
      const segments = relative(API, file).split(sep).slice(0, -1);
      const path = `/api/${segments.map((s) => s.replace(/^\[(\w+)\]$/, '{$1}')).join('/')}`.replace(/\/$/, '');
      const source = readFileSync(file, 'utf8');
      const handlers = handlersOf(source);
      return { file: relative(process.cwd(), file), path, methods: Object.keys(handlers), source, handlers };
    });
}

/** `import { a, b as c } from '@/lib/x'` → { a: '@/lib/x', c: '@/lib/x#b' }. */
function importsOf(source: string): Map<string, { module: string; name: string }> {
  const out = new Map<string, { module: string; name: string }>();
  for (const m of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    for (const part of m[1]
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [name, alias] = part.replace(/^type\s+/, '').split(/\s+as\s+/);
      out.set(alias ?? name, { module: m[2], name });
    }
  }
  return out;
}

/**
 * The query parameters a handler reads: the keys of every zod schema it parses the query string
 * with (parseQuery, parseWeeklyQuery, or parseOr400 over searchParams), plus literal
 * `searchParams.get('x')` reads. A schema defined inside the route file cannot be read from
 * here: that fails too, with a hint to move it to lib/.
 */
async function queryParamsRead(route: RouteFile, method: string): Promise<Set<string>> {
  const names = new Set<string>();
  const schemaIds = new Set<string>();
  const src = route.handlers[method];
  for (const m of src.matchAll(/parseQuery\(\s*\w+\s*,\s*(\w+)/g)) schemaIds.add(m[1]);
  for (const m of src.matchAll(/parseWeeklyQuery\(\s*(\w+)/g)) schemaIds.add(m[1]);
  for (const m of src.matchAll(/parseOr400\(\s*(\w+)\s*,([^;]*)/g))
    if (/searchParams|fromEntries\(params\)|\bsp\.get\(/.test(m[2])) schemaIds.add(m[1]);
  for (const m of src.matchAll(/(?:searchParams|\bsp|\bparams)\.(?:get|getAll|has)\(\s*'([^']+)'/g)) names.add(m[1]);
  const imports = importsOf(route.source);
  for (const id of schemaIds) {
    const from = imports.get(id);
    if (!from)
      throw new Error(
        `${route.file}: query schema ${id} is not imported; define it in lib/ so the OpenAPI document can use the same schema`,
      );
    const mod = (await import(/* @vite-ignore */ from.module)) as Record<string, unknown>;
    const schema = mod[from.name];
    if (!(schema instanceof z.ZodObject)) throw new Error(`${route.file}: ${id} from ${from.module} is not a zod object`);
    for (const key of Object.keys(schema.shape)) names.add(key);
  }
  return names;
}

type Doc = ReturnType<typeof openApiDocument>;
type Op = NonNullable<NonNullable<Doc['paths']>[string]['get']>;

function operationOf(doc: Doc, path: string, method: string): Op | undefined {
  const item = doc.paths?.[path] as Record<string, Op> | undefined;
  return item?.[method];
}

function parametersOf(op: Op, where: string): string[] {
  return (op.parameters ?? []).flatMap((p) => ('in' in p && p.in === where ? [p.name] : []));
}

describe('the OpenAPI document', () => {
  const doc = openApiDocument('test');
  const routes = routeFiles();

  it('finds the routes it checks', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.find((r) => r.path === '/api/incidents/{id}')?.methods).toEqual(['get', 'patch', 'delete']);
  });

  it('reads the query parameters out of the handlers', async () => {
    const at = (path: string) => routes.find((r) => r.path === path)!;
    expect([...(await queryParamsRead(at('/api/incidents'), 'get'))]).toEqual(expect.arrayContaining(['from', 'bbox', 'cursor', 'facets']));
    expect([...(await queryParamsRead(at('/api/incidents'), 'post'))]).toEqual([]);
    expect([...(await queryParamsRead(at('/api/map'), 'get'))]).toContain('zoom');
    expect([...(await queryParamsRead(at('/api/incidents/{id}/history'), 'get'))].sort()).toEqual(['cursor', 'limit']);
    expect([...(await queryParamsRead(at('/api/import'), 'post'))].sort()).toEqual(['dryRun', 'format']);
  });

  it('has every route and method under app/api, and nothing else', () => {
    const inCode = routes.flatMap((r) => r.methods.map((m) => `${m.toUpperCase()} ${r.path}`)).sort();
    const inDoc = Object.entries(doc.paths ?? {})
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
          .map((m) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    expect(inDoc).toEqual(inCode);
  });

  it('declares exactly the query parameters each handler reads', async () => {
    for (const route of routes) {
      for (const method of route.methods) {
        const read = [...(await queryParamsRead(route, method))].sort();
        const op = operationOf(doc, route.path, method);
        if (!op) continue; // reported by the route list test
        expect(parametersOf(op, 'query').sort(), `${method.toUpperCase()} ${route.path} (${route.file})`).toEqual(read);
      }
    }
  });

  it('declares the path parameters of each route', () => {
    for (const route of routes) {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const method of route.methods) {
        const op = operationOf(doc, route.path, method);
        if (op) expect(parametersOf(op, 'path'), `${method} ${route.path}`).toEqual(inPath); // a missing one fails above
      }
    }
  });

  it('requires the role each handler authorizes, and answers 401 and 403 where it can', () => {
    for (const route of routes) {
      const roles = [...route.source.matchAll(/authorize\(\s*req\s*,\s*'(\w+)'\s*\)/g)].map((m) => m[1]);
      for (const [i, method] of route.methods.entries()) {
        const op = operationOf(doc, route.path, method) as (Op & { 'x-required-role': string }) | undefined;
        if (!op) continue; // reported by the route list test
        if (roles.length === route.methods.length) expect(op['x-required-role'], `${method} ${route.path}`).toBe(roles[i]);
        const statuses = Object.keys(op.responses ?? {});
        if (op['x-required-role'] === 'public') expect(op.security).toEqual([]);
        else expect(statuses, `${method} ${route.path}`).toContain('401');
        const refusable =
          op['x-required-role'] === 'analyst' ||
          op['x-required-role'] === 'admin' ||
          (op['x-required-role'] === 'viewer' && method !== 'get');
        if (refusable) expect(statuses, `${method} ${route.path}`).toContain('403');
      }
    }
  });

  it('gives every error status the shared error body', () => {
    for (const op of OPERATIONS) {
      for (const status of errorStatuses(op)) {
        const res = operationOf(doc, op.path, op.method)!.responses![String(status) as '400'];
        expect(res && '$ref' in res ? res.$ref : undefined, `${op.method} ${op.path} ${status}`).toMatch(/^#\/components\/responses\//);
      }
    }
    const badRequest: unknown = JSON.parse(JSON.stringify(doc.components?.responses?.BadRequest));
    expect(badRequest).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(doc)) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components?.securitySchemes ?? {}).sort()).toEqual(['bearerToken', 'sessionCookie']);
  });
});
