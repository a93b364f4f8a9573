interface BundleOptions {
    output?: string;
}
export declare function bundleCommand(job: string, options: BundleOptions): Promise<void>;
export {};
