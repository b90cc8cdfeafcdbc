'use client';
import { useEffect, useState } from 'react';

const NAMES = [
  'text',
  'muted',
  'border',
  'accent',
  'live',
  'marker-line',
  'cluster-line',
  'cluster-fill',
  'region-line',
  'region-fill',
  'basemap-fill',
  'basemap-line',
] as const;
export type ThemeColours = Record<(typeof NAMES)[number], string>;

function read(): ThemeColours {
  const css = getComputedStyle(document.documentElement);
  return Object.fromEntries(NAMES.map((n) => [n, css.getPropertyValue(`--${n}`).trim() || '#888888'])) as ThemeColours;
}

/** Canvas cannot resolve CSS variables, so the map and the timeline read the theme's values (and follow OS theme changes). */
export function useThemeColours(): ThemeColours {
  const [colours, setColours] = useState(read);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const update = () => setColours(read());
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, []);
  return colours;
}
