import type { BlobServerGateway } from "../gateways.js";
import type { JobBundle } from "../messages.js";
export declare function hashBundle(code: string): string;
export declare class BlobServer implements BlobServerGateway {
    private readonly dir;
    constructor(dir: string);
    /** Stores a bundle; its hash is checked so a corrupted upload is refused. */
    put(bundle: JobBundle): void;
    getBundle(hash: string): JobBundle;
    remove(hash: string): void;
}
