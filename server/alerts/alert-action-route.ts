import 'server-only';
import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { authorize } from '@/server/auth/authorize';
import { alertActionBody } from '@/lib/alerts/api-schemas';
import { parseOr400, readBodyText, route } from '@/server/http/respond';
import { AppError } from '@/lib/errors';
import type { AlertItem } from '@/db/queries/alerts';
import type { Store } from '@/db/store';
import { parsePathId } from '@/lib/validation/path-id';
import type { Actor } from '@/db/services/alerts';

/** An empty body means no note; a non-empty one must be JSON. */
async function readOptionalJson(req: Request): Promise<unknown> {
  const text = await readBodyText(req, 16 * 1024);
  if (text.trim() === '') return {};
  if (!/^application\/(.+\+)?json\b/i.test(req.headers.get('content-type') ?? ''))
    throw new AppError('unsupported_media_type', 'Content-Type must be application/json.');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Body is not valid JSON.');
  }
}

type Action = (db: Store, id: number, actor: Actor, note: string | null) => Promise<AlertItem>;

/** POST {note?} → 200 alert | 409 when another caller already moved it | 404. */
export function alertActionHandler(action: Action) {
  return route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
    const principal = await authorize(req, 'analyst');
    const id = parsePathId((await ctx.params).id);
    const body = parseOr400(alertActionBody, await readOptionalJson(req), 'request');
    return NextResponse.json(await action(getStore(), id, { id: principal.id, name: principal.name }, body.note ?? null));
  });
}
