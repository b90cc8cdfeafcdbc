import { getStore } from '@/db/client';
import { authorize } from '@/server/auth/authorize';
import { parseOr400, route } from '@/server/http/respond';
import { isAfter, type OutboxPosition } from '@/db/queries/outbox-head';
import { recentEventsAfter, toFrames, type OutboxFrame } from '@/server/live/outbox';
import { subscribe } from '@/server/live/poller';
import { parseEventId, sseComment, SSE_HEARTBEAT_MS, SSE_RETRY_MS } from '@/server/live/sse';
import { onShutdown } from '@/server/reliability/shutdown';
import { streamQuery } from '@/lib/validation/route-queries';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const REPLAY_LIMIT = 1000;

/**
 * Live feed of the outbox: `incident`, `alert`, `report` and (large CSV imports) `import` events with the outbox seq as id. A client
 * that reconnects with Last-Event-ID (header, or ?lastEventId= for manual reconnects) gets
 * what it missed first; duplicates across the replay/live seam are dropped by seq.
 */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const query = parseOr400(streamQuery, Object.fromEntries(new URL(req.url).searchParams), 'stream parameters');
  const db = getStore();
  const resumeFrom = parseEventId(req.headers.get('last-event-id')) ?? (query.lastEventId ? Number(query.lastEventId) : null);
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Live frames go out after the replay, each once and in outbox order: until the replay is
      // sent they wait here, and frames at or before the last one sent are dropped.
      let lastSent: OutboxPosition | null = null;
      let waiting: OutboxFrame[] | null = [];
      // The frames of one poll (an incident and the alerts it fired) go out as one chunk, so the
      // browser receives and dispatches them together instead of one network read per frame.
      const sendFrames = (frames: OutboxFrame[]) => {
        if (waiting) return void waiting.push(...frames);
        let text = '';
        for (const f of frames) {
          if (lastSent && !isAfter(f, lastSent)) continue;
          lastSent = { xid: f.xid, seq: f.seq };
          text += f.frame;
        }
        if (text) send(text);
      };
      // Subscribe before replaying: every frame after `from` reaches sendFrames; the replay covers
      // what came before it.
      const { unsubscribe, from } = subscribe(sendFrames);
      const heartbeat = setInterval(() => send(sseComment('heartbeat')), SSE_HEARTBEAT_MS);
      let offShutdown = () => {};
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        offShutdown();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      req.signal.addEventListener('abort', cleanup, { once: true });
      // On SIGTERM, tell the client to come back soon and end the stream so the server can exit.
      const off = onShutdown(() => {
        send(`retry: 1000\n${sseComment('server restarting')}`);
        cleanup();
      });
      offShutdown = () => void off();

      send(`retry: ${SSE_RETRY_MS}\n${sseComment('connected')}`);
      const start = async () => {
        const head = await from;
        if (resumeFrom !== null) {
          const missed = (await toFrames(db, await recentEventsAfter(db, resumeFrom, REPLAY_LIMIT))).filter((f) => !isAfter(f, head));
          if (missed.length) send(missed.map((f) => f.frame).join(''));
        }
        lastSent = head;
        const live = waiting ?? [];
        waiting = null;
        sendFrames(live);
      };
      // The database unreachable: end the stream; the browser reconnects with its Last-Event-ID.
      start().catch(() => cleanup());
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
});
