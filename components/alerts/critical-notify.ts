'use client';
import { useEffect, useRef } from 'react';
import type { AlertItem } from './alert-api';

function beep(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = 880;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
    osc.onended = () => void ctx.close();
  } catch {
    /* no audio: the visual panel still shows the alert */
  }
}

/** Opt-in browser notification and sound for critical alerts that arrive after the page opened. */
export function useCriticalNotify(items: AlertItem[] | undefined, enabled: boolean): void {
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (!items) return;
    const max = items.reduce((m, a) => Math.max(m, a.id), 0);
    if (seen.current === null) {
      seen.current = max;
      return;
    }
    const fresh = items.filter((a) => a.id > (seen.current ?? 0) && a.severity === 'critical' && a.status === 'firing');
    seen.current = Math.max(seen.current, max);
    if (!enabled || fresh.length === 0) return;
    beep();
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      for (const a of fresh.slice(0, 3)) new Notification(`Critical: ${a.ruleName}`, { body: a.summary, tag: `fw-alert-${a.id}` });
    }
  }, [items, enabled]);
}
