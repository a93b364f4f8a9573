export declare class JobBundleError extends Error {
    name: string;
}
export interface BundledJob {
    code: string;
    hash: string;
    file: string;
}
export declare function bundleJob(file: string): Promise<BundledJob>;
