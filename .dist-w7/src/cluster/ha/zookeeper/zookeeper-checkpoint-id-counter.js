import { HighAvailabilityError, INITIAL_CHECKPOINT_ID } from "../interface.js";
import { validateCounterValue, validateJobId } from "../validation.js";
import { MAX_CONFLICT_RETRIES } from "./pointers.js";
import { isZooKeeperError } from "./zookeeper-client.js";
export class ZooKeeperCheckpointIdCounter {
    client;
    jobId;
    path;
    constructor(client, layout, jobId) {
        this.client = client;
        this.jobId = jobId;
        validateJobId(jobId);
        this.path = layout.checkpointIdCounterPath(jobId);
    }
    async getAndIncrement() {
        for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            const { value, stat } = await this.readOrCreate();
            try {
                await this.client.setData(this.path, encode(value + 1), stat.version);
                return value;
            }
            catch (error) {
                // Someone else incremented (or reset) in between: read the new value and try again. After a
                // lost reply our own increment may have been applied: the id is then skipped, never reused.
                if (!isZooKeeperError(error, "BAD_VERSION") && !isZooKeeperError(error, "NO_NODE"))
                    throw error;
            }
        }
        throw new HighAvailabilityError(`checkpoint id counter of job ${this.jobId}: too much contention`);
    }
    async get() {
        const node = await this.client.getData(this.path);
        return node ? decode(node.data, this.path) : INITIAL_CHECKPOINT_ID;
    }
    async set(value) {
        validateCounterValue(value);
        for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            try {
                await this.client.setData(this.path, encode(value));
                return;
            }
            catch (error) {
                if (!isZooKeeperError(error, "NO_NODE"))
                    throw error;
            }
            try {
                await this.client.createWithParents(this.path, encode(value));
                return;
            }
            catch (error) {
                if (!isZooKeeperError(error, "NODE_EXISTS"))
                    throw error;
            }
        }
        throw new HighAvailabilityError(`checkpoint id counter of job ${this.jobId}: too much contention`);
    }
    async readOrCreate() {
        for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            const node = await this.client.getData(this.path);
            if (node)
                return { value: decode(node.data, this.path), stat: node.stat };
            try {
                await this.client.createWithParents(this.path, encode(INITIAL_CHECKPOINT_ID));
            }
            catch (error) {
                if (!isZooKeeperError(error, "NODE_EXISTS"))
                    throw error;
            }
        }
        throw new HighAvailabilityError(`checkpoint id counter of job ${this.jobId}: too much contention`);
    }
}
function encode(value) {
    return Buffer.from(String(value), "utf8");
}
function decode(data, path) {
    const value = Number(data.toString("utf8"));
    if (!Number.isSafeInteger(value) || value < 0) {
        throw new HighAvailabilityError(`corrupt checkpoint id counter at ${path}: "${data.toString("utf8")}"`);
    }
    return value;
}
//# sourceMappingURL=zookeeper-checkpoint-id-counter.js.map