/**
 * JobGraphs in ZooKeeper: the node jobgraphs/<job-id> holds the path of the file with the graph.
 */
import type { HaPayload, JobGraphStore } from "../interface.js";
import type { FileStateStore } from "./file-state-store.js";
import { ZooKeeperLayout } from "./layout.js";
import { type ZooKeeperClient } from "./zookeeper-client.js";
export declare class ZooKeeperJobGraphStore implements JobGraphStore {
    private readonly client;
    private readonly layout;
    private readonly files;
    constructor(client: ZooKeeperClient, layout: ZooKeeperLayout, files: FileStateStore);
    put(jobId: string, jobGraph: HaPayload): Promise<void>;
    get(jobId: string): Promise<HaPayload | undefined>;
    remove(jobId: string): Promise<void>;
    jobIds(): Promise<string[]>;
    /** Points `path` at `file`; returns the file it pointed to before, if any. */
    private swapPointer;
}
