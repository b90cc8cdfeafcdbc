import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's EventSource: records what was opened and lets the test dispatch. */
class FakeEventSource {
  static CLOSED = 2;
  static opened: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private handlers = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(name: string, fn: (e: MessageEvent<string>) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
  }
  close() {
    this.closed = true;
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(name: string, data: unknown, id: string) {
    for (const fn of this.handlers.get(name) ?? []) fn({ data: JSON.stringify(data), lastEventId: id } as MessageEvent<string>);
  }
}

async function load() {
  vi.resetModules();
  return import('@/hooks/stream-connection');
}

beforeEach(() => {
  FakeEventSource.opened = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('subscribeStream', () => {
  it('shares one connection between listeners and hands each the events it asked for', async () => {
    const { subscribeStream } = await load();
    const reports: unknown[] = [];
    const incidents: unknown[] = [];
    const offA = subscribeStream({ on: { report: (e) => reports.push(JSON.parse(e.data)) } });
    const offB = subscribeStream({ on: { incident: (e) => incidents.push(JSON.parse(e.data)) } });
    expect(FakeEventSource.opened).toHaveLength(1);
    const source = FakeEventSource.opened[0];
    expect(source.url).toBe('/api/stream');
    source.emit('report', { id: 7 }, '10');
    source.emit('incident', { id: 3 }, '11');
    expect(reports).toEqual([{ id: 7 }]);
    expect(incidents).toEqual([{ id: 3 }]);
    offA();
    expect(source.closed).toBe(false);
    offB();
    expect(source.closed).toBe(true);
  });

  it('tells a late listener the current state, and every listener when the stream comes back after a break', async () => {
    const { subscribeStream } = await load();
    const statuses: string[] = [];
    subscribeStream({ on: {}, onStatus: (s, resumed) => statuses.push(`first:${s}:${resumed}`) });
    const first = FakeEventSource.opened[0];
    first.onopen?.();
    subscribeStream({ on: {}, onStatus: (s, resumed) => statuses.push(`late:${s}:${resumed}`) });
    expect(statuses).toEqual(['first:connecting:false', 'first:live:false', 'late:live:false']);

    // The browser gave up: reopen after the backoff, resuming after the last event seen.
    first.emit('alert', { id: 1 }, '42');
    first.readyState = FakeEventSource.CLOSED;
    first.onerror?.();
    expect(FakeEventSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.opened).toHaveLength(2);
    const second = FakeEventSource.opened[1];
    expect(second.url).toBe('/api/stream?lastEventId=42');
    statuses.length = 0;
    second.onopen?.();
    expect(statuses).toEqual(['first:live:true', 'late:live:true']);
  });

  it('does not reopen once the last listener has left', async () => {
    const { subscribeStream } = await load();
    const off = subscribeStream({ on: {} });
    const source = FakeEventSource.opened[0];
    source.readyState = FakeEventSource.CLOSED;
    source.onerror?.();
    off();
    vi.advanceTimersByTime(60_000);
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
