import { HighAvailabilityError } from "../interface.js";
import { validateJobId } from "../validation.js";
import { ZooKeeperLayout } from "./layout.js";
import { decodePointer, definitelyNotApplied, encodePointer, MAX_CONFLICT_RETRIES } from "./pointers.js";
import { isZooKeeperError } from "./zookeeper-client.js";
export class ZooKeeperJobGraphStore {
    client;
    layout;
    files;
    constructor(client, layout, files) {
        this.client = client;
        this.layout = layout;
        this.files = files;
    }
    async put(jobId, jobGraph) {
        validateJobId(jobId);
        const path = this.layout.jobGraphPath(jobId);
        const file = await this.files.write(ZooKeeperLayout.jobFilesDir(jobId), "jobgraph", jobGraph);
        try {
            const replaced = await this.swapPointer(path, file);
            if (replaced !== undefined)
                await this.files.delete(replaced);
        }
        catch (error) {
            if (definitelyNotApplied(error))
                await this.files.delete(file);
            throw error;
        }
    }
    async get(jobId) {
        validateJobId(jobId);
        const node = await this.client.getData(this.layout.jobGraphPath(jobId));
        return node ? this.files.read(decodePointer(node.data)) : undefined;
    }
    async remove(jobId) {
        validateJobId(jobId);
        const path = this.layout.jobGraphPath(jobId);
        const node = await this.client.getData(path);
        if (!node)
            return;
        // Pointer first, then the file: a crash in between leaves an orphaned file, never a dangling pointer.
        await this.client.delete(path);
        await this.files.delete(decodePointer(node.data));
    }
    async jobIds() {
        return ((await this.client.getChildren(this.layout.jobGraphsPath)) ?? []).sort();
    }
    /** Points `path` at `file`; returns the file it pointed to before, if any. */
    async swapPointer(path, file) {
        for (let attempt = 0; attempt < MAX_CONFLICT_RETRIES; attempt++) {
            const existing = await this.client.getData(path);
            // Our own earlier attempt was applied although its reply was lost: done (the file it replaced
            // is unknown now and stays an orphan until the job's cleanup).
            if (existing && decodePointer(existing.data) === file)
                return undefined;
            try {
                if (existing) {
                    await this.client.setData(path, encodePointer(file), existing.stat.version);
                    return decodePointer(existing.data);
                }
                await this.client.createWithParents(path, encodePointer(file));
                return undefined;
            }
            catch (error) {
                // Another writer changed the node between our read and write: read again.
                const conflict = ["BAD_VERSION", "NO_NODE", "NODE_EXISTS"].some((code) => isZooKeeperError(error, code));
                if (!conflict)
                    throw error;
            }
        }
        throw new HighAvailabilityError(`could not update ${path}: too many concurrent modifications`);
    }
}
//# sourceMappingURL=zookeeper-job-graph-store.js.map