'use client';
import { AlertPanel } from './alert-panel';

/** Where the dashboard shows the live alert panel. */
export function AlertPanelSlot() {
  return <AlertPanel />;
}
