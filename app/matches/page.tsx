import type { Metadata } from 'next';
import { MatchReview } from '@/components/matches/match-review';
import { hasRole } from '@/lib/auth/roles';
import { authorizePage } from '@/server/auth/authorize';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dataset matches · Frontier Watch' };

/** Cross-dataset match proposals: viewers read them, analysts decide (each decision route checks the role again). */
export default async function Matches() {
  const principal = await authorizePage('viewer');
  return <MatchReview canDecide={hasRole(principal.role, 'analyst')} />;
}
