import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH } from './browser';

/**
 * The flags Lighthouse's Chromium runs with: headless, and none of Chromium's own background
 * connections (the network is closed, and a stray request would land in the trace).
 */
export const LIGHTHOUSE_CHROMIUM_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--mute-audio',
];

export interface DevtoolsChromium {
  /** The DevTools port Lighthouse connects to. */
  port: number;
  close(): Promise<void>;
}

/**
 * Debian Chromium with a DevTools port on loopback and a throwaway profile. Launched here rather
 * than through Lighthouse's launcher package, which is only a transitive dependency: the port is
 * the one line Chromium prints on stderr once it listens.
 */
export async function launchDevtoolsChromium(): Promise<DevtoolsChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'fw-lighthouse-'));
  const child = spawn(
    CHROMIUM_PATH,
    [
      ...LIGHTHOUSE_CHROMIUM_FLAGS,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    // Its own process group, so closing it ends the helper processes that write the profile too.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // the group is gone already
    }
  };
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    }
    signalGroup('SIGKILL');
    // A helper process can still be writing the profile for a moment: a leftover temporary folder
    // is not worth losing the measurements for.
    for (let attempt = 0; ; attempt++) {
      try {
        rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
        return;
      } catch (e) {
        if (attempt >= 2) return void console.warn(`bench: could not remove ${profile}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let err = '';
      const timer = setTimeout(
        () => reject(new Error(`${CHROMIUM_PATH} printed no DevTools port within 30 s: ${err.slice(-500)}`)),
        30_000,
      );
      child.stderr.on('data', (d: Buffer) => {
        err = (err + d.toString()).slice(-4000);
        const m = /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.once('error', (e) => reject(e));
      child.once('exit', (code) => reject(new Error(`${CHROMIUM_PATH} exited (${code}) before listening: ${err.slice(-500)}`)));
    });
    return { port, close };
  } catch (err) {
    await close();
    throw err;
  }
}
