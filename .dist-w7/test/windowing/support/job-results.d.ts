export declare function runCollecting(job: string, parallelism: number, args?: string[]): Promise<Map<string, unknown[]>>;
