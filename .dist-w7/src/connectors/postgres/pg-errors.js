/**
 * The few SQLSTATE codes the transactional writer reacts to. Everything else is a real failure and
 * propagates to the task (and through the restart strategy).
 */
import { DatabaseError } from "pg";
export const SqlState = {
    /** COMMIT/ROLLBACK PREPARED of a gid that does not exist (already finished, or never prepared). */
    undefinedObject: "42704",
    /** "prepared transaction with identifier … is busy": another session is still finishing it. */
    objectNotInPrerequisiteState: "55000",
    /** PREPARE TRANSACTION with a gid that is already in use. */
    duplicateObject: "42710",
};
export function sqlStateOf(err) {
    return err instanceof DatabaseError ? err.code : undefined;
}
//# sourceMappingURL=pg-errors.js.map