export declare const REPO_ROOT: string;
export declare function benchJob(name: string): string;
export declare function machine(): string;
export declare function rate(count: number, ms: number): string;
export declare function perSecond(count: number, ms: number): number;
export declare function timed<T>(fn: () => Promise<T> | T): Promise<{
    result: T;
    ms: number;
}>;
export declare function argNumber(name: string, fallback: number): number;
