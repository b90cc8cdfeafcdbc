'use client';

/** Where the dashboard shows the live alert panel (filled in by the alerting feature). */
export function AlertPanelSlot() {
  return null;
}
