'use client';
import { useSyncExternalStore } from 'react';

/** Whether the dashboard map draws watched sites: one browser's preference, kept in local storage. */
const KEY = 'fw.map.sites';
const EVENT = 'fw-sites-visibility';

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) !== 'off';
  } catch {
    return true; // storage blocked (private mode, policy): the default, on
  }
}

function subscribe(onChange: () => void): () => void {
  // `storage` fires in other tabs; the custom event tells this tab's toggle and layer at once.
  window.addEventListener('storage', onChange);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(EVENT, onChange);
  };
}

export function setSitesVisible(on: boolean): void {
  try {
    window.localStorage.setItem(KEY, on ? 'on' : 'off');
  } catch {
    // Not persisted; this page still follows the toggle through the event.
  }
  window.dispatchEvent(new Event(EVENT));
}

/** Server render and first hydration say "on" (no storage there), then the stored choice applies. */
export function useSitesVisible(): boolean {
  return useSyncExternalStore(subscribe, read, () => true);
}
