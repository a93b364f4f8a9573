import type { HighAvailabilityServices } from "./interface.js";
import { type StandaloneHaOptions } from "./standalone/standalone-ha-services.js";
export interface CreateHaServicesOptions {
    /** For `none`: the fixed leader addresses and session id (see StandaloneHaOptions). */
    standalone?: StandaloneHaOptions;
}
/**
 * `none` returns at once; `zookeeper` connects first and rejects when the quorum cannot be reached
 * within `high-availability.zookeeper.client.connection-timeout`.
 */
export declare function createHighAvailabilityServices(config: Record<string, string>, options?: CreateHaServicesOptions): Promise<HighAvailabilityServices>;
