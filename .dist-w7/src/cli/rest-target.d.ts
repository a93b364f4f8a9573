import type { Configuration } from "../config/configuration.js";
import { RestClusterClient } from "../client/rest-cluster-client.js";
export declare function restAddress(target: string | undefined, config: Configuration): string;
/** The leader's REST address from the HA services; undefined without HA. */
export declare function leaderRestAddress(config: Configuration): Promise<string | undefined>;
export declare function restClient(target: string | undefined, config: Configuration): Promise<RestClusterClient>;
export declare function checkJobId(id: string): string;
