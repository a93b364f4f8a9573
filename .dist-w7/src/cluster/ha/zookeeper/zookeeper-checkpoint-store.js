import { HighAvailabilityError } from "../interface.js";
import { validateCheckpointId, validateJobId, validateMaxRetained } from "../validation.js";
import { checkpointIdFromNodeName, checkpointNodeName, ZooKeeperLayout } from "./layout.js";
import { decodePointer, definitelyNotApplied, encodePointer } from "./pointers.js";
import { isZooKeeperError } from "./zookeeper-client.js";
export class ZooKeeperCompletedCheckpointStore {
    client;
    layout;
    files;
    jobId;
    maxRetained;
    constructor(client, layout, files, jobId, maxRetained) {
        this.client = client;
        this.layout = layout;
        this.files = files;
        this.jobId = jobId;
        this.maxRetained = maxRetained;
        validateJobId(jobId);
        validateMaxRetained(maxRetained);
    }
    async add(checkpoint) {
        const { checkpointId } = checkpoint;
        validateCheckpointId(checkpointId);
        const file = await this.files.write(ZooKeeperLayout.jobFilesDir(this.jobId), `checkpoint-${checkpointNodeName(checkpointId)}`, checkpoint.payload);
        const path = this.layout.checkpointPath(this.jobId, checkpointId);
        try {
            await this.client.createWithParents(path, encodePointer(file));
        }
        catch (error) {
            if (isZooKeeperError(error, "NODE_EXISTS")) {
                // Either a retry of our own create whose reply was lost, or a genuine duplicate id.
                const existing = await this.client.getData(path);
                if (!existing || decodePointer(existing.data) !== file) {
                    await this.files.delete(file);
                    throw new HighAvailabilityError(`checkpoint ${checkpointId} of job ${this.jobId} already exists`);
                }
            }
            else {
                if (definitelyNotApplied(error))
                    await this.files.delete(file);
                throw error;
            }
        }
        return this.subsumeOldest();
    }
    async latest() {
        for (const id of await this.ids()) {
            const checkpoint = await this.read(id);
            if (checkpoint)
                return checkpoint;
        }
        return undefined;
    }
    async list() {
        const result = [];
        for (const id of await this.ids()) {
            const checkpoint = await this.read(id);
            if (checkpoint)
                result.push(checkpoint);
        }
        return result;
    }
    async removeAll() {
        for (const id of await this.ids())
            await this.removeCheckpoint(id);
        try {
            await this.client.delete(this.layout.checkpointsPath(this.jobId));
        }
        catch (error) {
            // A checkpoint added concurrently keeps the parent: it belongs to a newer attempt.
            if (!isZooKeeperError(error, "NOT_EMPTY"))
                throw error;
        }
    }
    /** Checkpoint ids in the store, newest first. */
    async ids() {
        const children = (await this.client.getChildren(this.layout.checkpointsPath(this.jobId))) ?? [];
        return children
            .map(checkpointIdFromNodeName)
            .filter((id) => id !== undefined)
            .sort((a, b) => b - a);
    }
    /** The checkpoint, or undefined when it was removed concurrently. */
    async read(checkpointId) {
        const node = await this.client.getData(this.layout.checkpointPath(this.jobId, checkpointId));
        if (!node)
            return undefined;
        return { checkpointId, payload: await this.files.read(decodePointer(node.data)) };
    }
    async subsumeOldest() {
        const subsumed = [];
        const ids = await this.ids();
        for (const id of ids.slice(this.maxRetained).reverse()) {
            const checkpoint = await this.removeCheckpoint(id);
            if (checkpoint)
                subsumed.push(checkpoint);
        }
        return subsumed;
    }
    /** Removes pointer then file; returns what was stored (read before, for the caller to discard). */
    async removeCheckpoint(checkpointId) {
        const path = this.layout.checkpointPath(this.jobId, checkpointId);
        const node = await this.client.getData(path);
        if (!node)
            return undefined;
        const file = decodePointer(node.data);
        const payload = await this.files.read(file).catch(() => undefined);
        await this.client.delete(path);
        await this.files.delete(file);
        return payload === undefined ? undefined : { checkpointId, payload };
    }
}
//# sourceMappingURL=zookeeper-checkpoint-store.js.map