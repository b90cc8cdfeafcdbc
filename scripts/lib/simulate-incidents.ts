/**
 * `npm run simulate` without --reports: posts fresh synthetic incidents through the public API
 * every few seconds, for watching the live map.
 */
import { createApiToken } from '@/db/services/tokens';
import { liveIncidentStream } from '@/lib/demo/live';
import { closeStore } from '@/db/store';
import { cliDb, fail } from './cli';
import type { SimulateArgs } from './simulate-args';

async function mintToken(): Promise<string> {
  const db = await cliDb();
  try {
    // Each run mints a fresh token (only hashes are stored); expiry keeps them from piling up as live credentials.
    const { token } = await createApiToken(db, { name: 'simulator', role: 'analyst', expiresAt: Date.now() + 7 * 86_400_000 });
    console.log('Minted an analyst API token named "simulator" (expires in 7 days) in the configured database.');
    return token;
  } finally {
    await closeStore(db);
  }
}

export async function simulateIncidents(args: SimulateArgs): Promise<void> {
  const { url, interval, count } = args;
  const token = args.token ?? (await mintToken());
  const endpoint = new URL('/api/incidents', url);
  const next = liveIncidentStream(Date.now() & 0x7fffffff);
  let sent = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  async function postOne(): Promise<void> {
    const body = next(Date.now());
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status === 401 || res.status === 403) fail(`the server refused the token (${res.status}): ${text.slice(0, 200)}`);
    if (!res.ok) {
      console.error(`POST ${endpoint} → ${res.status}: ${text.slice(0, 300)}`);
      return;
    }
    const item = JSON.parse(text) as { id?: number };
    console.log(`created incident ${item.id} (${body.location}, ${body.subEventType}, ${body.group})`);
  }

  async function tick(): Promise<void> {
    try {
      await postOne();
    } catch (err) {
      console.error(`POST ${endpoint} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    sent++;
    if (stopping || (count !== undefined && sent >= count)) return stop();
    // tick() reports its own failures, so nothing is lost by not awaiting it here.
    timer = setTimeout(() => void tick(), interval * 1000);
  }

  function stop(): void {
    stopping = true;
    if (timer) clearTimeout(timer);
    console.log(`Simulator stopped after ${sent} incident(s).`);
    process.exit(0);
  }

  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`Posting a synthetic incident to ${endpoint} every ${interval} s${count ? `, ${count} in all` : ''} (Ctrl-C stops).`);
  void tick();
}
