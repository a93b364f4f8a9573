interface CancelOptions {
    target?: string;
    config?: string;
    D: string[];
}
export declare function cancelCommand(jobId: string, options: CancelOptions): Promise<void>;
export {};
