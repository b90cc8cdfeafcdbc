import { describe, expect, it } from 'vitest';
import { all, read, runAsync, runSync, type Step } from '@/db/queries/alert-step';

function* twice(label: string, values: unknown[]): Step<string> {
  let out = label;
  for (const v of values) out += `:${String(yield* read(v))}`;
  return out;
}

describe('all (steps side by side)', () => {
  it('answers each step’s result in order, synchronously when every read is', () => {
    expect(runSync(all([twice('a', [1, 2]), twice('b', []), twice('c', [3])]))).toEqual(['a:1:2', 'b', 'c:3']);
  });

  it('waits for one round of reads at a time', async () => {
    const started: string[] = [];
    const slow = (v: string) => (started.push(v), new Promise<string>((r) => setTimeout(() => r(v), 5)));
    const one = function* (): Step<string> {
      const x = yield* read(slow('a1'));
      return `${x}+${yield* read(slow('a2'))}`;
    };
    const two = function* (): Step<string> {
      return yield* read(slow('b1'));
    };
    const run = runAsync(all([one(), two()]));
    expect(started).toEqual(['a1', 'b1']);
    expect(await run).toEqual(['a1+a2', 'b1']);
  });

  it('throws a failed read into its own step, where it may be caught', async () => {
    const catching = function* (): Step<string> {
      try {
        return yield* read(Promise.reject(new Error('boom')));
      } catch {
        return 'caught';
      }
    };
    expect(await runAsync(all([catching(), twice('x', [Promise.resolve(1)])]))).toEqual(['caught', 'x:1']);
    await expect(runAsync(all([twice('y', [Promise.reject(new Error('lost'))])]))).rejects.toThrow('lost');
  });
});
