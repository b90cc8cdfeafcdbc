import { incidentBody } from './fixtures';
import { postJson, type CallResult } from './http';

/** What the kill tests learn from their writers: which POSTs were acknowledged (with the id) and which not. */
export interface PostLedger {
  acked: Map<string, number>;
  unacked: Set<string>;
}

/**
 * One writer of a kill test: POSTs one incident at a time to `url` until `stop()` says so,
 * recording every acknowledged source id with its incident id and every other one as
 * unacknowledged (`refused` sees those answers). `next` names the POST and its fixture index.
 */
export async function postUntil(opts: {
  url: string;
  token: string;
  stop: () => boolean;
  next: () => { sourceId: string; n: number };
  ledger: PostLedger;
  refused: (sourceId: string, r: CallResult) => void;
}): Promise<void> {
  while (!opts.stop()) {
    const { sourceId, n } = opts.next();
    const r = await postJson(opts.url, '/api/incidents', opts.token, incidentBody(sourceId, n), undefined, 10_000);
    if (r.status === 200 || r.status === 201) opts.ledger.acked.set(sourceId, (r.json as { id: number }).id);
    else {
      opts.ledger.unacked.add(sourceId);
      opts.refused(sourceId, r);
    }
  }
}
