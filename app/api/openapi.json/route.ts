import { NextResponse } from 'next/server';
import { authorize } from '@/server/auth/authorize';
import { route } from '@/server/http/respond';
import { openApiDocument } from '@/lib/openapi/document';
import pkg from '@/package.json';

export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 description of this API, generated from the zod schemas the routes parse with. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  return NextResponse.json(openApiDocument(pkg.version), { headers: { 'cache-control': 'no-store' } });
});
