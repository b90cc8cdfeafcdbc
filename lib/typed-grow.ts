type Grown = Uint8Array | Int32Array | Float64Array;

/** A typed array twice as long holding `a`'s values first: for arrays filled as they go. */
export function doubled<A extends Grown>(a: A): A {
  const out = new (a.constructor as new (length: number) => A)(a.length * 2);
  out.set(a);
  return out;
}
