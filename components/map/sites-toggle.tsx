'use client';
import { setSitesVisible, useSitesVisible } from './sites-visibility';

/** The map tool that shows or hides the watched-sites layer (remembered in this browser). */
export function SitesToggle() {
  const visible = useSitesVisible();
  return (
    <label className="fw-field fw-inline">
      <input type="checkbox" checked={visible} onChange={(e) => setSitesVisible(e.target.checked)} data-testid="sites-toggle" />
      <span>Watched sites</span>
    </label>
  );
}
