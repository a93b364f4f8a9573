export declare function assertSameLines(actual: readonly string[], expected: readonly string[], context: string): void;
