/**
 * Retries of async I/O calls (Flink's AsyncRetryStrategy, AsyncRetryStrategies and
 * RetryPredicates): a call whose result or error matches the strategy's predicates is made again
 * after a delay, up to `maxAttempts` retries; then the last result or error stands. The operator's
 * timeout covers the first call and every retry together, as in Flink.
 */

export interface AsyncRetryStrategy<OUT> {
  /** Whether another attempt may follow attempt number `attempt` (1 = the first retry). */
  canRetry(attempt: number): boolean;
  /** The delay before retry number `attempt` (1-based), in ms. */
  getBackoffTimeMillis(attempt: number): number;
  /** Retry when the call's results match (e.g. empty). */
  readonly resultPredicate?: (results: readonly OUT[]) => boolean;
  /** Retry when the call failed with a matching error. */
  readonly exceptionPredicate?: (error: Error) => boolean;
}

export const RetryPredicates = {
  /** Retry when the call returned no result. */
  EMPTY_RESULT_PREDICATE: (results: readonly unknown[]): boolean => results.length === 0,
  /** Retry on any error. */
  HAS_EXCEPTION_PREDICATE: (_error: Error): boolean => true,
} as const;

abstract class RetryStrategyBuilder<OUT, Self> {
  protected resultPredicate: ((results: readonly OUT[]) => boolean) | undefined;
  protected exceptionPredicate: ((error: Error) => boolean) | undefined;

  protected constructor(protected readonly maxAttempts: number) {
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError(`async retry: maxAttempts must be a positive integer, got ${maxAttempts}`);
  }

  ifResult(predicate: (results: readonly OUT[]) => boolean): Self {
    this.resultPredicate = predicate;
    return this as unknown as Self;
  }

  ifException(predicate: (error: Error) => boolean): Self {
    this.exceptionPredicate = predicate;
    return this as unknown as Self;
  }

  protected strategy(delay: (attempt: number) => number): AsyncRetryStrategy<OUT> {
    if (!this.resultPredicate && !this.exceptionPredicate) {
      throw new RangeError("async retry: give ifResult(...) and/or ifException(...), or nothing would ever be retried");
    }
    const max = this.maxAttempts;
    return {
      canRetry: (attempt) => attempt <= max,
      getBackoffTimeMillis: delay,
      ...(this.resultPredicate ? { resultPredicate: this.resultPredicate } : {}),
      ...(this.exceptionPredicate ? { exceptionPredicate: this.exceptionPredicate } : {}),
    };
  }
}

function checkDelay(ms: number, what: string): void {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`async retry: ${what} must be >= 0 ms, got ${ms}`);
}

export class FixedDelayRetryStrategyBuilder<OUT> extends RetryStrategyBuilder<OUT, FixedDelayRetryStrategyBuilder<OUT>> {
  constructor(maxAttempts: number, private readonly delayMs: number) {
    super(maxAttempts);
    checkDelay(delayMs, "delay");
  }
  build(): AsyncRetryStrategy<OUT> {
    return this.strategy(() => this.delayMs);
  }
}

/** Delay initialDelay, then times multiplier per retry, at most maxRetryDelay. */
export class ExponentialBackoffDelayRetryStrategyBuilder<OUT> extends RetryStrategyBuilder<OUT, ExponentialBackoffDelayRetryStrategyBuilder<OUT>> {
  constructor(
    maxAttempts: number,
    private readonly initialDelayMs: number,
    private readonly maxRetryDelayMs: number,
    private readonly multiplier: number,
  ) {
    super(maxAttempts);
    checkDelay(initialDelayMs, "initial delay");
    checkDelay(maxRetryDelayMs, "max retry delay");
    if (!(multiplier >= 1)) throw new RangeError(`async retry: multiplier must be >= 1, got ${multiplier}`);
  }
  build(): AsyncRetryStrategy<OUT> {
    const { initialDelayMs, maxRetryDelayMs, multiplier } = this;
    return this.strategy((attempt) => Math.min(maxRetryDelayMs, initialDelayMs * multiplier ** (attempt - 1)));
  }
}

export const AsyncRetryStrategies = {
  fixedDelay: <OUT>(maxAttempts: number, delayMs: number) => new FixedDelayRetryStrategyBuilder<OUT>(maxAttempts, delayMs),
  exponentialBackoff: <OUT>(maxAttempts: number, initialDelayMs: number, maxRetryDelayMs: number, multiplier: number) =>
    new ExponentialBackoffDelayRetryStrategyBuilder<OUT>(maxAttempts, initialDelayMs, maxRetryDelayMs, multiplier),
  /** Flink's NO_RETRY_STRATEGY. */
  NO_RETRY_STRATEGY: { canRetry: () => false, getBackoffTimeMillis: () => 0 } as AsyncRetryStrategy<never>,
} as const;
