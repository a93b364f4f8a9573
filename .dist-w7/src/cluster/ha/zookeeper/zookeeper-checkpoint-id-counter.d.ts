/**
 * The checkpoint id counter of one job: jobs/<job-id>/checkpoint_id_counter holds the next id in
 * decimal. Increments are compare-and-set on the node's version, so two JobMasters (an old leader
 * that has not noticed its revocation and the new one) never hand out the same id.
 */
import type { CheckpointIdCounter } from "../interface.js";
import type { ZooKeeperLayout } from "./layout.js";
import { type ZooKeeperClient } from "./zookeeper-client.js";
export declare class ZooKeeperCheckpointIdCounter implements CheckpointIdCounter {
    private readonly client;
    readonly jobId: string;
    private readonly path;
    constructor(client: ZooKeeperClient, layout: ZooKeeperLayout, jobId: string);
    getAndIncrement(): Promise<number>;
    get(): Promise<number>;
    set(value: number): Promise<void>;
    private readOrCreate;
}
