import type { Metadata } from 'next';
import { RulesManager } from '@/components/alerts/rules-manager';
import { authorizePage } from '@/server/auth/authorize';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alert rules · Frontier Watch' };

export default async function RulesPage() {
  await authorizePage('viewer');
  return <RulesManager />;
}
