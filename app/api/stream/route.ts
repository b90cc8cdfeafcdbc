import { getStore } from '@/db/client';
import { authorize } from '@/server/auth/authorize';
import { parseOr400, route } from '@/server/http/respond';
import { outboxHead } from '@/db/queries/outbox-head';
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
  // Read before subscribing: the stream sends live frames after this seq, and replays up to it.
  const head = await outboxHead(db);

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let lastSent = head;
      let closed = false;
      // Live frames wait while the replay is read, so the client gets every frame in seq order.
      let held: OutboxFrame[][] | null = resumeFrom !== null ? [] : null;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // The frames of one poll (an incident and the alerts it fired) go out as one chunk, so the
      // browser receives and dispatches them together instead of one network read per frame.
      const sendFrames = (frames: OutboxFrame[]) => {
        if (held) return void held.push(frames);
        let text = '';
        for (const f of frames) {
          if (f.seq <= lastSent) continue;
          lastSent = f.seq;
          text += f.frame;
        }
        if (text) send(text);
      };
      // Subscribe before replaying, from the head read above: nothing falls in between.
      const unsubscribe = subscribe(sendFrames, head);
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
      if (resumeFrom !== null) {
        try {
          const missed = await toFrames(db, await Promise.resolve(recentEventsAfter(db, resumeFrom, REPLAY_LIMIT)));
          if (missed.length) send(missed.map((f) => f.frame).join(''));
          // Rows written since the head was read come in both: the live copies are dropped.
          lastSent = Math.max(lastSent, missed.at(-1)?.seq ?? lastSent);
        } finally {
          const live = held ?? [];
          held = null;
          for (const frames of live) sendFrames(frames);
        }
      }
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
