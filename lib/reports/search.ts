/** Canonical search string for links (week omitted when it is the path segment). */
export function weeklySearch(p: { week?: string; group?: string[]; region?: string[]; source?: string[]; format?: string }): string {
  const s = new URLSearchParams();
  if (p.week) s.set('week', p.week);
  if (p.group?.length) s.set('group', p.group.join(','));
  if (p.region?.length) s.set('region', p.region.join(','));
  if (p.source?.length) s.set('source', p.source.join(','));
  if (p.format) s.set('format', p.format);
  const q = s.toString();
  return q ? `?${q}` : '';
}
