import { describe, expect, it } from 'vitest';
import { boundedMemo } from '@/lib/memo';

describe('boundedMemo', () => {
  it('computes each key once, null answers included, and starts over when full or cleared', () => {
    const calls: string[] = [];
    const memo = boundedMemo((k: string) => (calls.push(k), k === 'none' ? null : k.length), { max: 3 });
    expect([memo('a'), memo('bb'), memo('none'), memo('a'), memo('none')]).toEqual([1, 2, null, 1, null]);
    expect(calls).toEqual(['a', 'bb', 'none']);
    memo('ccc'); // a fourth key: the memo starts over, keeping only this one
    memo('a');
    expect(calls).toEqual(['a', 'bb', 'none', 'ccc', 'a']);
    memo.clear();
    memo('ccc');
    expect(calls.at(-1)).toBe('ccc');
    expect(calls).toHaveLength(6);
  });

  it('answers keys longer than maxKeyLength without keeping them', () => {
    let n = 0;
    const memo = boundedMemo((k: string) => (n++, k.length), { max: 10, maxKeyLength: 4 });
    expect([memo('12345'), memo('12345'), memo('1234'), memo('1234')]).toEqual([5, 5, 4, 4]);
    expect(n).toBe(3);
  });
});
