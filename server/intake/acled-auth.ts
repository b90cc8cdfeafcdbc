import type { Store } from '@/db/store';
import { saveSourceTokens } from '@/db/services/acled-sync-writes';
import { tokenUrl, tokensFrom, type Tokens } from '@/lib/acled/api';
import { openSecret, sealSecret } from '@/db/secrets/seal';
import { SECRET_LABELS } from '@/db/secrets/key';
import { AcledHttpError, acledJson, type AcledLimits } from './acled-http';

/**
 * ACLED's OAuth password grant (POST {url}/oauth/token, client_id=acled): an access token of about
 * 24 h and a refresh token of about 14 days, both kept sealed on the source so a restart does not
 * log in again. The access token is refreshed a while before it expires; a refused refresh falls
 * back to the password. A 401 on a read drops the token and logs in once more; a second 401, or a
 * refused password, is "authentication failed".
 */

/** Refresh this long before the access token's expiry, so no read starts with a dying token. */
const EARLY_MS = 10 * 60_000;

export class AcledAuthError extends Error {
  override readonly name = 'AcledAuthError';
  constructor() {
    super('authentication failed');
  }
}

interface Account {
  sourceId: number;
  url: string;
  email: string;
  password: string;
  key: Buffer;
  tokenSealed: string | null;
}

export class AcledSession {
  private tokens: Tokens | null;

  constructor(
    private readonly store: Store,
    private readonly account: Account,
    private readonly limits: AcledLimits,
    private readonly clock: () => number,
    private readonly signal?: AbortSignal,
  ) {
    this.tokens = openTokens(account);
  }

  /** GET with the bearer token; one fresh login after a 401, then AcledAuthError. */
  async get(url: string): Promise<unknown> {
    try {
      return await acledJson(url, { method: 'GET', headers: { authorization: `Bearer ${await this.bearer()}` } }, this.limits, this.signal);
    } catch (error) {
      if (!(error instanceof AcledHttpError) || error.status !== 401) throw error;
    }
    this.tokens = null;
    await this.grant({ grant_type: 'password', username: this.account.email, password: this.account.password });
    try {
      return await acledJson(url, { method: 'GET', headers: { authorization: `Bearer ${await this.bearer()}` } }, this.limits, this.signal);
    } catch (error) {
      if (error instanceof AcledHttpError && error.status === 401) throw new AcledAuthError();
      throw error;
    }
  }

  private async bearer(): Promise<string> {
    const now = this.clock();
    if (this.tokens && this.tokens.accessExpiresAt - EARLY_MS > now) return this.tokens.access;
    const refresh = this.tokens?.refresh;
    if (refresh && (this.tokens?.refreshExpiresAt ?? 0) > now) {
      try {
        await this.grant({ grant_type: 'refresh_token', refresh_token: refresh });
        return this.tokens!.access;
      } catch (error) {
        // A refused refresh token (revoked, expired early): the password still works.
        if (!(error instanceof AcledAuthError)) throw error;
      }
    }
    await this.grant({ grant_type: 'password', username: this.account.email, password: this.account.password });
    return this.tokens!.access;
  }

  private async grant(form: Record<string, string>): Promise<void> {
    let answer: unknown;
    try {
      answer = await acledJson(
        tokenUrl(this.account.url),
        { method: 'POST', form: { ...form, client_id: 'acled' } },
        this.limits,
        this.signal,
      );
    } catch (error) {
      // OAuth answers a bad grant with 400 (invalid_grant) or 401 (invalid_client).
      if (error instanceof AcledHttpError && (error.status === 400 || error.status === 401)) throw new AcledAuthError();
      throw error;
    }
    const previous = form.grant_type === 'refresh_token' ? this.tokens : null;
    this.tokens = tokensFrom(answer, this.clock(), previous);
    const sealed = sealSecret(JSON.stringify(this.tokens), this.account.key, SECRET_LABELS.token);
    await saveSourceTokens(this.store, this.account.sourceId, sealed);
  }
}

/** The stored tokens, or none when absent or unreadable (a new login replaces them). */
function openTokens(account: Account): Tokens | null {
  if (!account.tokenSealed) return null;
  try {
    return JSON.parse(openSecret(account.tokenSealed, account.key, SECRET_LABELS.token)) as Tokens;
  } catch {
    return null;
  }
}
