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

  it('asks again after clear even for the key it answered last, and answers a repeated last key unchanged', () => {
    let n = 0;
    const memo = boundedMemo((k: string) => `${k}:${++n}`, { max: 2 });
    expect([memo('x'), memo('x')]).toEqual(['x:1', 'x:1']);
    memo.clear();
    expect(memo('x')).toBe('x:2');
    // The key asked last survives the memo starting over when full: still the same answer.
    expect([memo('y'), memo('z'), memo('z'), memo('y')]).toEqual(['y:3', 'z:4', 'z:4', 'y:5']);
  });
});
