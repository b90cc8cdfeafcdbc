import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, parseSecretsKey, sealSecret, SecretError } from '@/db/secrets/seal';
import { isSecretsKeyText } from '@/lib/secrets/key-format';
import { parseEnv } from '@/lib/env';
import { deletedRows, deletedUrl, readRows, readUrl, tokensFrom, tokenUrl } from '@/lib/acled/api';
import { acledRetryMs } from '@/server/intake/acled-poll';
import { retryAfterMs } from '@/server/intake/acled-http';
import { acledFromForm } from '@/lib/validation/acled-source-input';
import { sourceCreateSchema, sourcePatchSchema } from '@/lib/validation/source-input';

describe('sealed secrets (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, with a fresh nonce each time', () => {
    const a = sealSecret('hunter2 with spaces ', key, 'acled:password');
    const b = sealSecret('hunter2 with spaces ', key, 'acled:password');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(openSecret(a, key, 'acled:password')).toBe('hunter2 with spaces ');
  });

  it('fails with the wrong key, a changed byte or another label, never showing the value', () => {
    const sealed = sealSecret('s3cret', key, 'acled:password');
    expect(() => openSecret(sealed, randomBytes(32), 'acled:password')).toThrow(SecretError);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    const tampered = [...parts.slice(0, 3), body.toString('base64url')].join('.');
    expect(() => openSecret(tampered, key, 'acled:password')).toThrow(/altered/);
    expect(() => openSecret(sealed, key, 'acled:token')).toThrow(SecretError);
    expect(() => openSecret('v1.garbage', key, 'acled:password')).toThrow(/not a sealed secret/);
    try {
      openSecret(sealed, randomBytes(32), 'acled:password');
    } catch (e) {
      expect(String(e)).not.toContain('s3cret');
    }
  });

  it('reads SECRETS_KEY as 64 hex digits or base64 of 32 bytes, and nothing else', () => {
    const hex = key.toString('hex');
    expect(parseSecretsKey(hex)?.equals(key)).toBe(true);
    expect(parseSecretsKey(key.toString('base64'))?.equals(key)).toBe(true);
    expect(parseSecretsKey(key.toString('base64url'))?.equals(key)).toBe(true);
    for (const bad of ['short', hex.slice(2), randomBytes(16).toString('base64'), randomBytes(33).toString('base64')]) {
      expect(parseSecretsKey(bad)).toBeNull();
      expect(isSecretsKeyText(bad)).toBe(false);
    }
    expect(() => parseEnv({ SECRETS_KEY: 'not-a-key' })).toThrow(/SECRETS_KEY: must be 32 bytes.*a hidden value/s);
    expect(parseEnv({ SECRETS_KEY: hex }).SECRETS_KEY).toBe(hex);
  });
});

describe('ACLED API addresses and answers', () => {
  it('builds the token, read and deleted URLs under the base, keeping a mirror’s path', () => {
    expect(tokenUrl('https://acleddata.com')).toBe('https://acleddata.com/oauth/token');
    expect(tokenUrl('http://127.0.0.1:9/mirror/')).toBe('http://127.0.0.1:9/mirror/oauth/token');
    const backfill = new URL(readUrl('https://acleddata.com/', { country: 'Pakistan', from: '2017-01-01', to: '2026-12-06', page: 2 }));
    expect(backfill.pathname).toBe('/api/acled/read');
    expect(Object.fromEntries(backfill.searchParams)).toEqual({
      _format: 'json',
      country: 'Pakistan',
      event_date: '2017-01-01|2026-12-06',
      event_date_where: 'BETWEEN',
      limit: '5000',
      page: '2',
    });
    const delta = new URL(
      readUrl('https://acleddata.com', { country: 'Côte d’Ivoire', from: 'a', to: 'b', after: 1700000000, page: 1, limit: 10 }),
    );
    expect(delta.searchParams.get('country')).toBe('Côte d’Ivoire');
    expect(delta.searchParams.get('timestamp')).toBe('1700000000');
    expect(delta.searchParams.get('timestamp_where')).toBe('>');
    const del = new URL(deletedUrl('https://acleddata.com', { after: 1650000000, page: 1 }));
    expect(del.pathname).toBe('/api/deleted/read');
    expect(Object.fromEntries(del.searchParams)).toMatchObject({
      _format: 'json',
      deleted_timestamp: '1650000000',
      deleted_timestamp_where: '>',
    });
  });

  it('reads the envelope, refuses what is not one', () => {
    expect(readRows({ status: 200, success: true, count: 1, data: [{ event_id_cnty: 'PAK1', fatalities: 3, notes: null }] })).toEqual([
      { event_id_cnty: 'PAK1', fatalities: '3', notes: '' },
    ]);
    expect(() => readRows({ success: false, error: 'Access denied' })).toThrow(/success: false \(Access denied\)/);
    expect(() => readRows({ data: 'x' })).toThrow(/data/);
    expect(() => readRows({ data: [[1]] })).toThrow(/row/);
    expect(deletedRows({ data: [{ event_id_cnty: 'AFG9', deleted_timestamp: '1700000000' }] })).toEqual([
      { eventId: 'AFG9', deletedAt: 1700000000 },
    ]);
    expect(() => deletedRows({ data: [{ event_id_cnty: 'AFG9', deleted_timestamp: 'soon' }] })).toThrow(/deleted/);
  });

  it('takes the token lifetimes from the answer, else ACLED’s documented ones', () => {
    const t = tokensFrom({ access_token: 'a', refresh_token: 'r', expires_in: 86400 }, 0);
    expect(t).toEqual({ access: 'a', refresh: 'r', accessExpiresAt: 86_400_000, refreshExpiresAt: 14 * 86_400_000 });
    expect(tokensFrom({ access_token: 'b' }, 10, t)).toMatchObject({ access: 'b', refresh: 'r', accessExpiresAt: 10 + 86_400_000 });
    expect(() => tokensFrom({ token: 'x' }, 0)).toThrow(/access_token/);
  });

  it('backs off by Retry-After, else doubling from 2 minutes up to the source’s interval', () => {
    expect(retryAfterMs('120', 0)).toBe(120_000);
    expect(retryAfterMs(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeNull();
    expect(acledRetryMs(1, 360, 120_000)).toBe(120_000);
    expect(acledRetryMs(1, 360, null)).toBe(2 * 60_000);
    expect(acledRetryMs(3, 360, null)).toBe(8 * 60_000);
    expect(acledRetryMs(20, 360, null)).toBe(360 * 60_000);
    expect(acledRetryMs(1, 360, 10 * 86_400_000)).toBe(86_400_000);
  });
});

describe('the sources page’s ACLED forms', () => {
  it('create: the defaults of the API apply; countries one per line or comma-separated', () => {
    const body = acledFromForm({
      name: 'ACLED',
      url: '',
      email: 'a@example.org',
      password: ' pw ',
      countries: 'Pakistan,\nAfghanistan',
      since: '',
      pollMinutes: '',
      enabled: 'on',
    });
    expect(sourceCreateSchema.parse(body)).toEqual({
      name: 'ACLED',
      kind: 'acled',
      url: 'https://acleddata.com',
      email: 'a@example.org',
      password: ' pw ',
      countries: ['Pakistan', 'Afghanistan'],
      since: '2017-01-01',
      pollMinutes: 360,
      enabled: true,
    });
  });

  it('edit: a blank password is left out (kept), never sent as empty', () => {
    const patch = sourcePatchSchema.parse(
      acledFromForm(
        { id: '3', email: 'b@example.org', password: '', countries: 'Tajikistan', since: '2020-01-01', pollMinutes: '60' },
        true,
      ),
    );
    expect(patch).toEqual({ email: 'b@example.org', countries: ['Tajikistan'], since: '2020-01-01', pollMinutes: 60 });
  });
});
