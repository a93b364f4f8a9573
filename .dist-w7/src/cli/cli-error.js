/** A usage error: printed without a stack, exit code 2. */
export class CliError extends Error {
    name = "CliError";
}
//# sourceMappingURL=cli-error.js.map