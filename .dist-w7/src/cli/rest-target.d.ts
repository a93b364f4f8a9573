import type { Configuration } from "../config/configuration.js";
import { RestClusterClient } from "../client/rest-cluster-client.js";
export declare function restAddress(target: string | undefined, config: Configuration): string;
export declare function restClient(target: string | undefined, config: Configuration): RestClusterClient;
export declare function checkJobId(id: string): string;
