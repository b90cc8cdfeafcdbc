import { alertActionHandler } from '@/server/alerts/alert-action-route';
import { resolveAlert } from '@/db/services/alerts';

export const dynamic = 'force-dynamic';

/** firing | acknowledged → resolved; resolving twice gets 409. */
export const POST = alertActionHandler(resolveAlert);
