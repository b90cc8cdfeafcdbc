import { describe, expect, it } from 'vitest';
import { withIds } from '@/db/services/import-writer-pg';

describe('withIds: staged COPY lines made lines for incidents', () => {
  const meta = '\timport\t7\t1000\t1000\t';
  it('prefixes each line with its id and the import columns, part by part, non-ASCII text kept byte for byte', () => {
    const parts = [Buffer.from('a\tb\n\\N\tcafé\n'), Buffer.from('Ωmega\t\\\\x\n')];
    const out = withIds(parts, [9, 10, 2147483647], meta);
    expect(out.map((b) => b.toString('utf8'))).toEqual([`9${meta}a\tb\n10${meta}\\N\tcafé\n`, `2147483647${meta}Ωmega\t\\\\x\n`]);
  });

  it('refuses ids that do not match the lines one for one', () => {
    expect(() => withIds([Buffer.from('a\nb\n')], [1, 2, 3], meta)).toThrow(/3 ids for 2 lines/);
  });
});
