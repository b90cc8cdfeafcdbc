/** Every value of an async iterable, in order (Array.fromAsync is not in Node 20). */
export async function collect<T>(values: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const v of values) out.push(v);
  return out;
}
