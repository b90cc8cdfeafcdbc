/**
 * Poisson tail probabilities computed in log space, so large counts and rates neither
 * overflow (λ^k) nor underflow (e^-λ) before the ratio is taken.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7; ~15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln P(X = k) for X ~ Poisson(λ). */
export function poissonLogPmf(k: number, lambda: number): number {
  if (lambda === 0) return k === 0 ? 0 : -Infinity;
  return -lambda + k * Math.log(lambda) - logGamma(k + 1);
}

/** P(X ≥ k) for X ~ Poisson(λ), k a whole number. */
export function poissonUpperTail(k: number, lambda: number): number {
  if (!Number.isFinite(lambda) || lambda < 0) throw new RangeError('lambda must be a finite number ≥ 0');
  if (k <= 0) return 1;
  if (lambda === 0) return 0;
  k = Math.ceil(k);
  if (k > lambda) {
    // Terms fall from k upward: sum them relative to the first (log-sum-exp).
    const first = poissonLogPmf(k, lambda);
    let sum = 1;
    let term = 1;
    for (let j = k; j < k + 100_000; j++) {
      term *= lambda / (j + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return Math.min(1, Math.exp(first + Math.log(sum)));
  }
  // Upper tail is large here: 1 − P(X ≤ k−1), summing downward from the largest term.
  const last = poissonLogPmf(k - 1, lambda);
  let sum = 1;
  let term = 1;
  for (let j = k - 1; j > 0; j--) {
    term *= j / lambda;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return Math.max(0, 1 - Math.exp(last + Math.log(sum)));
}
