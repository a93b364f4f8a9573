interface CommonOptions {
    target?: string;
    config?: string;
    D: string[];
}
export declare function savepointCommand(jobId: string | undefined, dir: string | undefined, options: CommonOptions & {
    dispose?: string;
}): Promise<void>;
export declare function stopCommand(jobId: string, options: CommonOptions & {
    drain?: boolean;
    savepointPath?: string;
}): Promise<void>;
export {};
