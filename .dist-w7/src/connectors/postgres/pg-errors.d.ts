export declare const SqlState: {
    /** COMMIT/ROLLBACK PREPARED of a gid that does not exist (already finished, or never prepared). */
    readonly undefinedObject: "42704";
    /** "prepared transaction with identifier … is busy": another session is still finishing it. */
    readonly objectNotInPrerequisiteState: "55000";
    /** PREPARE TRANSACTION with a gid that is already in use. */
    readonly duplicateObject: "42710";
};
export declare function sqlStateOf(err: unknown): string | undefined;
