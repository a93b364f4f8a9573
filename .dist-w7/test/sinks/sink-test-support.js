/** Helpers of the exactly-once sink tests: the job, its spec, reading the file sink's output. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isCommittedPartFile, parsePartFileName } from "../../src/connectors/file-sink/index.js";
import { testJob } from "../support/paths.js";
export const SINK_JOB = testJob("sinks/exactly-once-sink-job.ts");
export function jobArgs(spec) {
    return [JSON.stringify(spec)];
}
/** The lines of every committed part file, sorted: what a reader of the output sees. */
export function committedLines(dir) {
    return readdirSync(dir)
        .filter(isCommittedPartFile)
        .flatMap((name) => readFileSync(join(dir, name), "utf8").split("\n").filter((l) => l !== ""))
        .sort();
}
/** In-progress and pending part files: data no checkpoint has committed yet. */
export function stagedPartFiles(dir) {
    return readdirSync(dir).filter((name) => {
        const state = parsePartFileName(name)?.state;
        return state === "inprogress" || state === "pending";
    });
}
/** The seed of this run's random failure points: logged, and settable to replay a failing run. */
export function testSeed() {
    const seed = process.env.SLUICE_TEST_SEED ? Number(process.env.SLUICE_TEST_SEED) : Date.now() % 1_000_000;
    console.log(`# random failure points from seed ${seed} (set SLUICE_TEST_SEED to repeat)`);
    return seed;
}
/** The index of every line ("key,index,n,total"), sorted numerically. */
export function indexesOf(lines) {
    return lines.map((l) => Number(l.split(",")[1])).sort((a, b) => a - b);
}
/**
 * Below which record index sink faults may fire (see fault-injecting-sink.ts). Never at the last
 * record: a fault after the end-of-input commit would replay a committed tail, the documented
 * limit of that commit. At parallelism 1 anywhere else: the only sink subtask is the last task to
 * finish. With more subtasks only early in the stream, while no sink subtask can have reached end
 * of input yet; under heavy load such a fault may then not fire at all.
 */
export function sinkFaultGuard(parallelism, count) {
    return parallelism === 1 ? count - 1 : Math.floor(count * 0.6);
}
/**
 * Every user failure fires (they sit early, upstream of the keyBy); every sink fault fires at
 * parallelism 1; at higher parallelism the guard may skip some.
 */
export function expectedRestarts(restarts, parallelism, userFailures, sinkFaults) {
    const all = userFailures + sinkFaults;
    if (parallelism === 1)
        return restarts === all ? undefined : `${restarts} restarts, expected ${all}`;
    return restarts >= userFailures && restarts <= all ? undefined : `${restarts} restarts, expected ${userFailures} to ${all}`;
}
//# sourceMappingURL=sink-test-support.js.map