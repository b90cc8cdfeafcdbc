import type { Metadata } from 'next';
import { SitesManager } from '@/components/sites/sites-manager';
import { authorizePage } from '@/server/auth/authorize';
import { hasRole } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Watched sites · Frontier Watch' };

/** Every role reads; the write controls render for admins only (the API enforces it again). */
export default async function SitesPage() {
  const me = await authorizePage('viewer');
  return <SitesManager canWrite={hasRole(me.role, 'admin')} />;
}
