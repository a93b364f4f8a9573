/** undefined for an absent path (the Dispatcher's default applies); otherwise the resolved path inside a root. */
export declare function resolveInsideRoots(target: string | null | undefined, roots: readonly string[], field: string): string | undefined;
