/** The repository root (tests run from dist/test/…, job files live in the source tree). */
export declare const REPO_ROOT: string;
export declare function testJob(name: string): string;
export declare function example(name: string): string;
export declare const SLUICE_BIN: string;
