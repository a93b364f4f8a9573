/** Plain-text tables for the CLI: aligned columns, a header, nothing else. */
export declare function formatTable(header: string[], rows: string[][]): string;
export declare function formatDuration(ms: number): string;
export declare function formatTime(ms: number): string;
