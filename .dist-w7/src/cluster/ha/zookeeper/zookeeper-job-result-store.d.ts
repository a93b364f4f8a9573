/**
 * Job results: job-results/<job-id> holds {"state":"dirty","file":<path>} until the job's cleanup is
 * confirmed, then {"state":"clean"}; the result bytes are deleted when the entry turns clean.
 */
import type { HaPayload, JobResultEntry, JobResultStore } from "../interface.js";
import type { FileStateStore } from "./file-state-store.js";
import { ZooKeeperLayout } from "./layout.js";
import { type ZooKeeperClient } from "./zookeeper-client.js";
export declare class ZooKeeperJobResultStore implements JobResultStore {
    private readonly client;
    private readonly layout;
    private readonly files;
    constructor(client: ZooKeeperClient, layout: ZooKeeperLayout, files: FileStateStore);
    createDirty(jobId: string, result: HaPayload): Promise<void>;
    markClean(jobId: string): Promise<void>;
    has(jobId: string): Promise<boolean>;
    hasDirty(jobId: string): Promise<boolean>;
    hasClean(jobId: string): Promise<boolean>;
    dirtyResults(): Promise<JobResultEntry[]>;
    deleteClean(jobId: string): Promise<void>;
    private read;
}
