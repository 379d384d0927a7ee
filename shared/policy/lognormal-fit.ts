/**
 * Fits a log-normal distribution to interval-censored durations: a poller never sees the moment a job
 * finished, only that it was still running at one poll and done at the next, so each observation is an
 * interval (lo, hi]. Expectation-maximisation over the truncated-normal moments of ln(duration) gives the
 * maximum-likelihood fit; a prior on the spread keeps a handful of observations from collapsing it to zero.
 */

/** One observed duration: it ended after `loMs` (0 when unknown) and no later than `hiMs`. */
export interface DurationInterval {
  loMs: number;
  hiMs: number;
}

export interface LogNormalFit {
  /** Mean of ln(duration in ms). */
  mu: number;
  /** Standard deviation of ln(duration). */
  sigma: number;
}

export interface FitOptions {
  /** Spread assumed before any data, and pulled towards with `priorWeight` pseudo-observations. */
  priorSigma: number;
  priorWeight: number;
  /** EM iterations at most; each is O(samples). */
  maxIterations: number;
}

const SQRT2 = Math.SQRT2;
const SIGMA_MIN = 0.02;
const SIGMA_MAX = 2;
/** Below this probability mass an interval is treated as a point: the moments formula loses precision. */
const MASS_EPSILON = 1e-9;

/** Error function, Abramowitz-Stegun 7.1.26 (|error| < 1.5e-7), plenty for scheduling polls. */
export function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

/** Standard normal cumulative distribution. */
export function normalCdf(z: number): number {
  if (z === Number.NEGATIVE_INFINITY) return 0;
  if (z === Number.POSITIVE_INFINITY) return 1;
  return 0.5 * (1 + erf(z / SQRT2));
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Number.isFinite(z) ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) : 0;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** First and second moments of ln(duration) for one interval under the current fit. */
function intervalMoments(iv: DurationInterval, fit: LogNormalFit): { mean: number; variance: number } {
  const a = iv.loMs > 0 ? Math.log(iv.loMs) : Number.NEGATIVE_INFINITY;
  const b = Math.log(iv.hiMs);
  const alpha = (a - fit.mu) / fit.sigma;
  const beta = (b - fit.mu) / fit.sigma;
  const mass = normalCdf(beta) - normalCdf(alpha);
  if (mass < MASS_EPSILON) {
    // The fit puts (almost) no weight here: trust the interval itself rather than a 0/0 ratio.
    const point = Number.isFinite(a) ? (a + b) / 2 : Math.min(b, fit.mu);
    return { mean: point, variance: Number.isFinite(a) ? ((b - a) * (b - a)) / 12 : 0 };
  }
  const pa = normalPdf(alpha);
  const pb = normalPdf(beta);
  const shift = (pa - pb) / mass;
  const aTerm = Number.isFinite(alpha) ? alpha * pa : 0;
  const variance = fit.sigma * fit.sigma * Math.max(0, 1 + (aTerm - beta * pb) / mass - shift * shift);
  return { mean: fit.mu + fit.sigma * shift, variance };
}

/** A starting point for EM: log-midpoints, an upper bound alone counting as a bit below itself. */
function initialFit(samples: readonly DurationInterval[], priorSigma: number): LogNormalFit {
  let sum = 0;
  for (const s of samples)
    sum += s.loMs > 0 ? (Math.log(s.loMs) + Math.log(s.hiMs)) / 2 : Math.log(s.hiMs) - priorSigma;
  return { mu: sum / samples.length, sigma: priorSigma };
}

/**
 * With nothing but upper bounds ("done by the time we looked") the likelihood grows without limit as the
 * median shrinks, so EM would run off to zero and the poller would then poll in a frenzy. Instead assume
 * each job finished two spreads before it was seen done: the estimate halves or so per such job, the first
 * poll soon comes too early, and that miss gives the lower bound that anchors the real fit.
 */
function upperBoundsOnly(samples: readonly DurationInterval[], priorSigma: number): LogNormalFit {
  const meanLog = samples.reduce((acc, s) => acc + Math.log(s.hiMs), 0) / samples.length;
  return { mu: meanLog - 2 * priorSigma, sigma: priorSigma };
}

/**
 * Maximum-likelihood log-normal fit of interval-censored durations (null without samples).
 * @param start a previous fit to continue from (EM converges in a few steps when one sample was added).
 */
export function fitLogNormal(
  samples: readonly DurationInterval[],
  options: FitOptions,
  start?: LogNormalFit | null,
): LogNormalFit | null {
  const valid = samples.filter((s) => Number.isFinite(s.hiMs) && s.hiMs > 0 && s.loMs < s.hiMs);
  if (valid.length === 0) return null;
  if (valid.every((s) => s.loMs <= 0)) return upperBoundsOnly(valid, options.priorSigma);
  let fit = start ?? initialFit(valid, options.priorSigma);
  for (let i = 0; i < options.maxIterations; i++) {
    const moments = valid.map((s) => intervalMoments(s, fit));
    const mu = moments.reduce((acc, m) => acc + m.mean, 0) / moments.length;
    const spread = moments.reduce((acc, m) => acc + m.variance + (m.mean - mu) ** 2, 0);
    const variance =
      (spread + options.priorWeight * options.priorSigma ** 2) / (moments.length + options.priorWeight);
    const sigma = Math.min(SIGMA_MAX, Math.max(SIGMA_MIN, Math.sqrt(variance)));
    const converged = Math.abs(mu - fit.mu) < 1e-4 && Math.abs(sigma - fit.sigma) < 1e-4;
    fit = { mu, sigma };
    if (converged) break;
  }
  return fit;
}
