import { describe, expect, it } from 'vitest';
import { backoffMinutes, nextPollAfterFailure, nextPollAfterSuccess, sourceErrorMessage } from '@/server/intake/poll-schedule';
import { itemKeyOf, matchesKeywords, MAX_ITEM_TEXT, toIncomingReport } from '@/server/intake/poll-items';
import { sourceCreateSchema, sourceFromForm, sourcePatchSchema } from '@/lib/validation/source-input';
import { FeedError } from '@/server/intake/feed';

const item = (over: Partial<Parameters<typeof toIncomingReport>[0]> = {}) => ({
  id: 'https://dawn.example/news/1',
  title: 'Two soldiers martyred in Mir Ali',
  text: 'Two soldiers were martyred in an attack on a check post.',
  url: 'https://dawn.example/news/1',
  publishedAt: '2026-12-03T04:15:00.000Z',
  author: null,
  outlet: null,
  ...over,
});
const source = { id: 7, name: 'Dawn', url: 'https://dawn.example/feed' };

describe('back-off', () => {
  it.each([
    [10, 1, 20],
    [10, 2, 40],
    [10, 5, 320],
    [10, 6, 360],
    [10, 60, 360],
    [1, 3, 8],
    [720, 1, 720],
    [1440, 4, 1440],
  ])('pollMinutes %i after %i failures waits %i minutes', (poll, failures, wait) => {
    expect(backoffMinutes(poll, failures)).toBe(wait);
  });

  it('schedules from the end of the poll', () => {
    expect(nextPollAfterSuccess(1_000, 10)).toBe(1_000 + 600_000);
    expect(nextPollAfterFailure(1_000, 10, 2)).toBe(1_000 + 40 * 60_000);
  });
});

describe('sourceErrorMessage', () => {
  it('is one bounded line without credentials or query strings from URLs', () => {
    const e = new FeedError('http', 'request failed:\n  at https://user:secret@feeds.example/x?token=abc#frag and then\tmore');
    const message = sourceErrorMessage(e);
    expect(message).toBe('request failed: at https://feeds.example/x and then more');
    expect(message).not.toMatch(/secret|token=|\n/);
    expect(sourceErrorMessage(new Error('x'.repeat(1000)))).toHaveLength(300);
    expect(sourceErrorMessage('plain')).toBe('plain');
  });
});

describe('keywords', () => {
  it('keeps items whose title or text contains one, ignoring case; none keeps all', () => {
    expect(matchesKeywords(item(), [])).toBe(true);
    expect(matchesKeywords(item(), ['MIR ALI'])).toBe(true);
    expect(matchesKeywords(item(), ['check post'])).toBe(true);
    expect(matchesKeywords(item(), ['Quetta', 'Kech'])).toBe(false);
  });
});

describe('item identity and the report to store', () => {
  it('keeps URI identities and qualifies bare GUIDs with the feed host', () => {
    expect(itemKeyOf({ id: 'https://dawn.example/news/1' }, source.url)).toBe('https://dawn.example/news/1');
    expect(itemKeyOf({ id: 'urn:uuid:1234' }, source.url)).toBe('urn:uuid:1234');
    expect(itemKeyOf({ id: `sha256:${'a'.repeat(64)}` }, source.url)).toBe(`sha256:${'a'.repeat(64)}`);
    expect(itemKeyOf({ id: '12345' }, source.url)).toBe('guid:dawn.example:12345');
    expect(itemKeyOf({ id: '12345' }, 'https://geo.example/rss')).not.toBe(itemKeyOf({ id: '12345' }, source.url));
  });

  it('names the source, bounds the text and refuses an empty item', () => {
    expect(toIncomingReport(item(), source)).toEqual({
      sourceId: 7,
      sourceName: 'Dawn',
      itemKey: 'https://dawn.example/news/1',
      url: 'https://dawn.example/news/1',
      title: 'Two soldiers martyred in Mir Ali',
      text: 'Two soldiers were martyred in an attack on a check post.',
      publishedAt: '2026-12-03T04:15:00.000Z',
    });
    // A relayed story (an aggregator's item naming its outlet) keeps its own outlet.
    expect(toIncomingReport(item({ outlet: 'The News' }), source)).toMatchObject({ sourceId: 7, sourceName: 'The News' });
    expect(toIncomingReport(item({ text: 'x'.repeat(MAX_ITEM_TEXT + 10) }), source)).toMatchObject({ text: 'x'.repeat(MAX_ITEM_TEXT) });
    expect(toIncomingReport(item({ text: '  ' }), source)).toMatchObject({ text: 'Two soldiers martyred in Mir Ali' });
    expect(toIncomingReport(item({ title: '', text: '' }), source)).toEqual({ error: 'the item has neither a title nor any text' });
  });
});

describe('source input', () => {
  it('fills the defaults', () => {
    expect(sourceCreateSchema.parse({ name: ' Dawn ', url: 'https://dawn.example/feed' })).toEqual({
      name: 'Dawn',
      kind: 'rss',
      url: 'https://dawn.example/feed',
      pollMinutes: 10,
      enabled: true,
      keywords: [],
    });
  });

  it.each([
    [{ name: 'x', url: 'ftp://dawn.example/feed' }, 'url', 'url must use http or https, not ftp'],
    [{ name: 'x', url: 'file:///etc/passwd' }, 'url', 'url must use http or https, not file'],
    [{ name: 'x', url: 'dawn.example/feed' }, 'url', 'url must be an absolute http or https URL'],
    [{ name: 'x', url: 'https://u:p@dawn.example/feed' }, 'url', 'url must not contain a user name or password'],
    [{ name: 'x', url: `https://dawn.example/${'a'.repeat(2000)}` }, 'url', 'url must be at most 2000 characters'],
    [{ name: 'x'.repeat(201), url: 'https://d.example/' }, 'name', 'name must be at most 200 characters'],
    [{ url: 'https://d.example/' }, 'name', 'name is required'],
    [{ name: 'x', url: 'https://d.example/', pollMinutes: 0 }, 'pollMinutes', 'pollMinutes must be at least 1'],
    [{ name: 'x', url: 'https://d.example/', pollMinutes: 1441 }, 'pollMinutes', 'pollMinutes must be at most 1440 (a day)'],
    [{ name: 'x', url: 'https://d.example/', pollMinutes: 2.5 }, 'pollMinutes', 'pollMinutes must be a whole number'],
    [{ name: 'x', url: 'https://d.example/', kind: 'atom' }, 'kind', 'kind must be "rss" or "acled"'],
    [{ name: 'x', url: 'https://d.example/', keywords: Array(51).fill('k') }, 'keywords', 'at most 50 keywords'],
    [{ name: 'x', url: 'https://d.example/', keywords: ['k'.repeat(101)] }, 'keywords.0', 'each keyword must be at most 100 characters'],
  ])('refuses %j naming %s', (body, path, message) => {
    const r = sourceCreateSchema.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
  });

  it('takes a partial change but not an empty one or an unknown field', () => {
    expect(sourcePatchSchema.parse({ enabled: false })).toEqual({ enabled: false });
    expect(sourcePatchSchema.safeParse({}).success).toBe(false);
    expect(sourcePatchSchema.safeParse({ etag: 'x' }).success).toBe(false);
  });
});

describe('the admin page’s form', () => {
  it('reads keywords by line or comma, the checkbox and the interval, then validates like the API', () => {
    const fields = {
      name: 'Dawn',
      url: 'https://dawn.example/feed',
      pollMinutes: '30',
      keywords: 'Waziristan, Kurram\nBajaur,,',
      enabled: 'on',
    };
    expect(sourceCreateSchema.parse(sourceFromForm(fields))).toEqual({
      name: 'Dawn',
      kind: 'rss',
      url: 'https://dawn.example/feed',
      pollMinutes: 30,
      enabled: true,
      keywords: ['Waziristan', 'Kurram', 'Bajaur'],
    });
    expect(sourceCreateSchema.parse(sourceFromForm({ name: 'x', url: 'https://x.example/', pollMinutes: '' }))).toMatchObject({
      pollMinutes: 10,
      enabled: false,
      keywords: [],
    });
    const bad = sourceCreateSchema.safeParse(sourceFromForm({ name: 'x', url: 'https://x.example/', pollMinutes: 'often' }));
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['pollMinutes']);
  });
});
