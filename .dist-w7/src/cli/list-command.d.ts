interface ListOptions {
    target?: string;
    all?: boolean;
    json?: boolean;
    config?: string;
    D: string[];
}
export declare function listCommand(options: ListOptions): Promise<void>;
export {};
