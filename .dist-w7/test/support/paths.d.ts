/** The repository root (tests run from dist/test/…, job files live in the source tree). */
export declare const REPO_ROOT: string;
export declare function testJob(name: string): string;
export declare function example(name: string): string;
export declare const SLUICE_BIN: string;
/**
 * How to start a sibling script of a test as a child process: the compiled .js next to the
 * compiled test, or the .ts through tsx when the test itself runs from source.
 */
export declare function siblingScript(testUrl: string, relativeTs: string): string[];
