import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, isHttps, makeNonce, securityHeaders } from '@/server/security/headers';

/**
 * Security headers and the per-request CSP nonce of pages only. NOT an authorization layer: every
 * route handler, page and server action calls authorize() itself (proxy/middleware bypasses happen).
 */
export function proxy(request: NextRequest) {
  const nonce = makeNonce();
  const csp = contentSecurityPolicy(nonce, { tileUrl: process.env.TILE_URL, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  // Lets a page send anonymous users to /sign-in?next=<this path>; never used for decisions.
  requestHeaders.set('x-fw-path', request.nextUrl.pathname + request.nextUrl.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  for (const [k, v] of Object.entries(securityHeaders(isHttps(request.headers, request.url)))) response.headers.set(k, v);
  return response;
}

export const config = {
  // Pages only. API responses get static headers from next.config.js (server/security/header-values.mjs):
  // they need no nonce, and running the proxy made Next build and buffer a second request per
  // call: at 4 connections GET /api/health went from ~530-670 to ~750-990 req/s without it, POST
  // /api/incidents from ~260 to ~310-340/s.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};
