export declare function encodePointer(filePath: string): Buffer;
export declare function decodePointer(data: Buffer): string;
/**
 * True when ZooKeeper definitely did not apply the operation, so the file written for it can be
 * deleted. After a timeout or a lost connection the operation may still have been applied, and the
 * file must stay (an orphan at worst, removed with the job's directory).
 */
export declare function definitelyNotApplied(error: unknown): boolean;
/** Bound for optimistic-concurrency loops (versioned updates racing with other writers). */
export declare const MAX_CONFLICT_RETRIES = 100;
