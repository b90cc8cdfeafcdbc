/**
 * A string-keyed memo of a pure function, bounded by starting over: once `max` answers are kept,
 * the next miss clears them all. Imports ask the same few thousand questions (dates, names,
 * countries, actors) hundreds of thousands of times; a bound keeps hostile or varied input from
 * growing the memo without limit. Keys longer than `maxKeyLength` are answered but not kept.
 */
export interface Memo<V> {
  (key: string): V;
  /** Forgets every answer (the function's inputs changed). */
  clear(): void;
}

export function boundedMemo<V>(compute: (key: string) => V, opts: { max: number; maxKeyLength?: number }): Memo<V> {
  const answers = new Map<string, V>();
  const maxKeyLength = opts.maxKeyLength ?? Infinity;
  // The last question and its answer: an import's neighbouring rows often ask the same one (a
  // date, a country), and comparing with it costs less than hashing a string fresh from the parser.
  let lastKey: string | undefined;
  let lastAnswer: V | undefined;
  const memo = (key: string): V => {
    if (key === lastKey) return lastAnswer as V;
    let v = answers.get(key);
    if (v === undefined && !answers.has(key)) {
      v = compute(key);
      if (key.length > maxKeyLength) return v;
      if (answers.size >= opts.max) answers.clear();
      answers.set(key, v);
    }
    lastKey = key;
    lastAnswer = v;
    return v as V;
  };
  memo.clear = () => {
    answers.clear();
    lastKey = lastAnswer = undefined;
  };
  return memo;
}
