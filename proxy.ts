import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, isHttps, makeNonce, securityHeaders } from '@/server/security/headers';
import { assertMutationSameOrigin } from '@/server/security/csrf';
import { errorResponse } from '@/server/http/respond';
import { REQUEST_ID_HEADER, requestId } from '@/server/request-id.mjs';

/**
 * Security headers and the per-request CSP nonce of pages only. NOT an authorization layer: every
 * route handler, page and server action calls authorize() itself (proxy/middleware bypasses happen).
 */
export function proxy(request: NextRequest) {
  // The CSRF rule of /api (server/security/csrf.ts) for pages and server actions too. Next.js's own
  // server-action origin check would answer a cross-origin POST with a 500; this answers 403 first.
  try {
    assertMutationSameOrigin(request);
  } catch (err) {
    const refused = errorResponse(err);
    for (const [k, v] of Object.entries(securityHeaders(isHttps(request.headers, request.url)))) refused.headers.set(k, v);
    return refused;
  }
  const nonce = makeNonce();
  const csp = contentSecurityPolicy(nonce, { tileUrl: process.env.TILE_URL, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  // Lets a page send anonymous users to /sign-in?next=<this path>; never used for decisions.
  requestHeaders.set('x-fw-path', request.nextUrl.pathname + request.nextUrl.search);
  // scripts/server.mjs has chosen it already; under `next dev` pages get theirs here.
  const id = requestId(request.headers.get(REQUEST_ID_HEADER));
  requestHeaders.set(REQUEST_ID_HEADER, id);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, id);
  response.headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(securityHeaders(isHttps(request.headers, request.url)))) response.headers.set(k, v);
  return response;
}

export const config = {
  // Pages only. API responses get static headers from next.config.js (server/security/header-values.mjs):
  // they need no nonce, and running the proxy made Next build and buffer a second request per
  // call, a cost every API request paid (docs/benchmarks.md, "Numbers behind code comments").
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};
