/**
 * Argument checks shared by the implementations. Job ids and component names become ZooKeeper node
 * names and file names, so they must be single path segments.
 */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
export function validateJobId(jobId) {
    if (!NAME.test(jobId))
        throw new RangeError(`invalid job id "${jobId}": use letters, digits, '.', '_', ':', '-'`);
}
export function validateComponent(component) {
    if (!NAME.test(component)) {
        throw new RangeError(`invalid leader component "${component}": use letters, digits, '.', '_', ':', '-'`);
    }
}
export function validateMaxRetained(maxRetained) {
    if (!Number.isSafeInteger(maxRetained) || maxRetained < 1) {
        throw new RangeError(`maxRetained must be a positive integer, got ${maxRetained}`);
    }
}
export function validateCheckpointId(checkpointId) {
    if (!Number.isSafeInteger(checkpointId) || checkpointId < 0) {
        throw new RangeError(`checkpoint id must be a non-negative integer, got ${checkpointId}`);
    }
}
export function validateCounterValue(value) {
    if (!Number.isSafeInteger(value) || value < 0) {
        throw new RangeError(`checkpoint id counter value must be a non-negative integer, got ${value}`);
    }
}
//# sourceMappingURL=validation.js.map