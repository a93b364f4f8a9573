/** A usage error: printed without a stack, exit code 2. */
export declare class CliError extends Error {
    name: string;
}
