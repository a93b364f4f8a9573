/** PostgreSQL's GIDSIZE: a global transaction id is at most 200 bytes. */
export declare const MAX_GID_BYTES = 200;
/** Postgres also limits the number of bind parameters per statement (a 16-bit count). */
export declare const MAX_BIND_PARAMETERS = 65535;
export interface TableName {
    /** Omitted: resolved through the connection's search_path. */
    schema?: string;
    name: string;
}
export declare function quoteIdentifier(identifier: string): string;
export declare function quoteTableName(table: TableName): string;
/** The gid as an SQL string literal, after checking it fits PostgreSQL's limit. */
export declare function gidLiteral(gid: string): string;
/**
 * `INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), …` for `rowCount` rows. Callers keep
 * rowCount × columns within MAX_BIND_PARAMETERS (see maxRowsPerStatement).
 */
export declare function insertStatement(quotedTable: string, quotedColumns: readonly string[], rowCount: number): string;
export declare function maxRowsPerStatement(columnCount: number, preferredRows: number): number;
