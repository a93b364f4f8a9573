/** Polls `condition` until it holds; fails with `what` after `timeoutMs` (a bound, not a measurement). */
export declare function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs?: number, everyMs?: number): Promise<void>;
