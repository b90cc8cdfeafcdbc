'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { DISPLAY_PARAMS, displayQuery, parseDisplay, type MapDisplay } from '@/lib/map/display';

/**
 * The map's display mode, owned by the URL like the filter (`mode`, `weight`), so a reload or a
 * shared link shows the same map. Unknown values are ignored; changing the mode keeps every other
 * parameter as it is.
 */
export function useMapDisplay(): [MapDisplay, (next: MapDisplay) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const display = useMemo(() => parseDisplay(new URLSearchParams(params.toString())), [params]);
  const setDisplay = useCallback(
    (next: MapDisplay) => {
      const p = new URLSearchParams(window.location.search);
      for (const name of DISPLAY_PARAMS) p.delete(name);
      const q = [p.toString(), displayQuery(next)].filter(Boolean).join('&');
      router.push(q ? `${pathname}?${q}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  return [display, setDisplay];
}

/** The display part of the current URL, for navigations that rebuild the rest of the query. */
export function currentDisplayQuery(): string {
  return typeof window === 'undefined' ? '' : displayQuery(parseDisplay(new URLSearchParams(window.location.search)));
}
