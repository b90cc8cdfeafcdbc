'use client';
import { useSyncExternalStore } from 'react';

const MINUTE_MS = 60_000;

function subscribe(onTick: () => void): () => void {
  const t = setInterval(onTick, MINUTE_MS);
  return () => clearInterval(t);
}

// Floored to the minute so every read within one render agrees, as useSyncExternalStore requires.
const readClock = () => Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
const serverClock = () => null;

/**
 * The current minute, re-read every minute; `null` on the server and while hydrating, so
 * time-dependent markup (active preset, "silenced") renders the same on both sides.
 */
export function useMinuteClock(): number | null {
  return useSyncExternalStore(subscribe, readClock, serverClock);
}
