'use client';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** The event names /api/stream sends (the outbox's event types). */
export const STREAM_EVENTS = ['incident', 'alert', 'import', 'report'] as const;
export type StreamEventName = (typeof STREAM_EVENTS)[number];

export interface StreamListener {
  /** Handlers by event name; each gets the raw SSE message (data is JSON text). */
  on: Partial<Record<StreamEventName, (ev: MessageEvent<string>) => void>>;
  /**
   * The connection's state. `resumed` is true when it came back after a break: anything may have
   * changed meanwhile, so listeners refetch what they show.
   */
  onStatus?: (status: LiveStatus, resumed: boolean) => void;
}

const MAX_BACKOFF_MS = 15_000;

/**
 * One EventSource to /api/stream per browser tab, shared by every part of the page that listens
 * (the dashboard's live views, the navigation's triage count, the triage queue): a second
 * connection per page would double the server's open streams. It opens with the first listener
 * and closes with the last. The browser resends Last-Event-ID on its own reconnects; when it gives
 * up (server down, non-200), we reopen with ?lastEventId= after a doubling backoff.
 */
class StreamConnection {
  private listeners = new Set<StreamListener>();
  private source: EventSource | null = null;
  private lastId: string | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private backoff = 1000;
  private status: LiveStatus = 'connecting';

  subscribe(listener: StreamListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1 && !this.source && this.retryTimer === undefined) this.open();
    else listener.onStatus?.(this.status, false);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.close();
    };
  }

  private setStatus(status: LiveStatus, resumed: boolean): void {
    this.status = status;
    for (const l of [...this.listeners]) l.onStatus?.(status, resumed);
  }

  private open(): void {
    const source = new EventSource(this.lastId ? `/api/stream?lastEventId=${encodeURIComponent(this.lastId)}` : '/api/stream');
    this.source = source;
    this.setStatus('connecting', false);
    source.onopen = () => {
      this.backoff = 1000;
      this.setStatus('live', this.lastId !== null);
    };
    for (const name of STREAM_EVENTS) {
      source.addEventListener(name, (ev) => {
        const e = ev as MessageEvent<string>;
        this.lastId = e.lastEventId || this.lastId;
        for (const l of [...this.listeners]) l.on[name]?.(e);
      });
    }
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) {
        this.setStatus('reconnecting', false);
        return;
      }
      source.close();
      this.source = null;
      this.setStatus('reconnecting', false);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        if (this.listeners.size) this.open();
      }, this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    };
  }

  private close(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    this.source = null;
    this.status = 'connecting';
  }
}

let shared: StreamConnection | null = null;

/** Listens to the tab's shared live stream until the returned function is called. */
export function subscribeStream(listener: StreamListener): () => void {
  shared ??= new StreamConnection();
  return shared.subscribe(listener);
}
