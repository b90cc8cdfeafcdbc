'use client';
import { useEffect, useState } from 'react';

/**
 * Counts from 0 up to `last`, one step per frame after mount: the map's layers mount in several
 * short tasks instead of one long commit (a long task blocks input, and Lighthouse's mobile
 * simulation counts every task's excess over 50 ms as blocking time). Each step waits for a frame
 * and then a macrotask, so the browser paints what is already there before the next layer builds.
 */
export function useStaged(last: number): number {
  const [stage, setStage] = useState(0);
  useEffect(() => {
    if (stage >= last) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setStage((s) => Math.min(last, s + 1)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [stage, last]);
  return stage;
}
