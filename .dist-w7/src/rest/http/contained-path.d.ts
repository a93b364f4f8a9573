/** A plain file name: no separators, no NUL, not "." or "..", no leading dot (hidden files stay hidden). */
export declare const SAFE_FILE_NAME = "^[A-Za-z0-9_][A-Za-z0-9._-]{0,254}$";
export declare function isInside(dir: string, path: string): boolean;
/**
 * Resolves `relativePath` (one name, or several joined by "/" when `nested`) inside `dir`; returns
 * the real path of an existing regular file, or undefined when there is none or it would escape.
 */
export declare function resolveInside(dir: string, relativePath: string, nested?: boolean): string | undefined;
