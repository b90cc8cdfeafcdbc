import { alertActionHandler } from '@/server/alerts/alert-action-route';
import { acknowledgeAlert } from '@/db/services/alerts';

export const dynamic = 'force-dynamic';

/** firing → acknowledged (by the token's principal); a second acknowledgement gets 409. */
export const POST = alertActionHandler(acknowledgeAlert);
