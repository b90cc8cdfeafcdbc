import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signUnsubscribe, verifyUnsubscribe } from '@/lib/mail/unsubscribe';

const SECRET = 'k3y-of-this-deployment-0123456789';

describe('unsubscribe tokens', () => {
  it('round-trips the subscription id and is URL-safe', () => {
    for (const id of [1, 42, 9_007_199_254_740_991]) {
      const token = signUnsubscribe(id, SECRET);
      expect(token).toMatch(/^v1\.\d+\.[A-Za-z0-9_-]{43}$/);
      expect(encodeURIComponent(token)).toBe(token);
      expect(verifyUnsubscribe(token, SECRET)).toBe(id);
    }
  });

  it('is HMAC-SHA256 over the versioned payload (checked against node:crypto)', () => {
    const want = createHmac('sha256', SECRET).update('frontier-watch/unsubscribe/v1/42').digest('base64url');
    expect(signUnsubscribe(42, SECRET)).toBe(`v1.42.${want}`);
  });

  it('refuses another id, another secret, altered, truncated and foreign tokens', () => {
    const token = signUnsubscribe(42, SECRET);
    const mac = token.split('.')[2];
    const flipped = mac.slice(0, -1) + (mac.at(-1) === 'A' ? 'B' : 'A');
    for (const bad of [
      `v1.43.${mac}`,
      `v1.042.${mac}`,
      `v2.42.${mac}`,
      `v1.42.${flipped}`,
      `v1.42.${mac.slice(0, -1)}`,
      `v1.42.${mac}=`,
      ` ${token}`,
      `${token}\r\n`,
      'v1.42.',
      '',
      'v1.0.' + mac,
      'v1.-1.' + mac,
      'v1.1e3.' + mac,
      `v1.99999999999999999.${mac}`,
    ])
      expect(verifyUnsubscribe(bad, SECRET), bad).toBeNull();
    expect(verifyUnsubscribe(token, `${SECRET}x`)).toBeNull();
    expect(verifyUnsubscribe(signUnsubscribe(42, 'another-secret-of-16+'), SECRET)).toBeNull();
  });

  it('refuses to sign with a short secret or a non-id, and never verifies with a short secret', () => {
    expect(() => signUnsubscribe(1, 'short')).toThrow(RangeError);
    expect(() => signUnsubscribe(0, SECRET)).toThrow(RangeError);
    expect(() => signUnsubscribe(1.5, SECRET)).toThrow(RangeError);
    expect(verifyUnsubscribe(signUnsubscribe(1, SECRET), '')).toBeNull();
  });
});
