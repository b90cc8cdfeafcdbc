import http from 'node:http';

export interface SseEvent {
  id?: string;
  event: string;
  data: string;
}

/** A minimal EventSource over node:http, recording every event, the retry hint and how the stream ended. */
export class SseClient {
  readonly events: SseEvent[] = [];
  retry: number | null = null;
  /** When each `retry:` hint arrived (a fresh one before a server close means "reconnect"). */
  readonly retryAt: number[] = [];
  status = 0;
  ended: 'open' | 'closed-by-server' | 'error' = 'open';
  error = '';
  private req: http.ClientRequest | null = null;
  private buffer = '';
  private current: Partial<SseEvent> & { data?: string } = {};
  readonly opened: Promise<void>;
  readonly closed: Promise<void>;

  constructor(url: string, headers: Record<string, string> = {}) {
    let onOpen!: () => void;
    let onOpenFail!: (e: Error) => void;
    let onClosed!: () => void;
    this.opened = new Promise((res, rej) => ((onOpen = res), (onOpenFail = rej)));
    this.closed = new Promise((res) => (onClosed = res));
    this.req = http.get(url, { headers: { accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      this.status = res.statusCode ?? 0;
      if (this.status !== 200) onOpenFail(new Error(`SSE ${url} answered ${this.status}`));
      else onOpen();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => this.feed(chunk));
      res.on('end', () => {
        if (this.ended === 'open') this.ended = 'closed-by-server';
        onClosed();
      });
      res.on('error', (e) => this.fail(e, onClosed));
    });
    this.req.on('error', (e) => {
      onOpenFail(e);
      this.fail(e, onClosed);
    });
  }

  private fail(e: Error, onClosed: () => void): void {
    if (this.ended === 'open') {
      this.ended = 'error';
      this.error = e.message;
    }
    onClosed();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + (this.buffer.startsWith('\r\n', nl) ? 2 : 1));
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.current.data !== undefined)
        this.events.push({ id: this.current.id, event: this.current.event ?? 'message', data: this.current.data });
      this.current = {};
      return;
    }
    if (line.startsWith(':')) return;
    const i = line.indexOf(':');
    const field = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (field === 'data') this.current.data = this.current.data === undefined ? value : `${this.current.data}\n${value}`;
    else if (field === 'event') this.current.event = value;
    else if (field === 'id') this.current.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) {
      this.retry = Number(value);
      this.retryAt.push(Date.now());
    }
  }

  /** Ids (the `id` field of the JSON payload) of every event of one type, in arrival order. */
  idsOf(type: string): number[] {
    return this.events.filter((e) => e.event === type).map((e) => (JSON.parse(e.data) as { id: number }).id);
  }

  close(): void {
    this.req?.destroy();
  }
}
