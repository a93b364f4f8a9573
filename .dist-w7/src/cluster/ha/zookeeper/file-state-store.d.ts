import type { HaPayload } from "../interface.js";
export declare class FileStateStore {
    readonly baseDir: string;
    constructor(storageDir: string, clusterId: string);
    /** Writes `payload` to a new file in `relativeDir` named `<prefix>-<uuid>`; returns its absolute path. */
    write(relativeDir: string, prefix: string, payload: HaPayload): Promise<string>;
    read(path: string): Promise<HaPayload>;
    /** Deletes one file; no error when it is already gone. */
    delete(path: string): Promise<void>;
    /** Deletes a directory (relative to the base directory) with everything in it. */
    deleteDir(relativeDir: string): Promise<void>;
    deleteAll(): Promise<void>;
    private resolveInside;
    /** Pointers come from ZooKeeper: never read or delete a file outside our own directory. */
    private checkInside;
}
