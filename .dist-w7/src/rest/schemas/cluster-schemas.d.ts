/** Response schemas of the cluster-level endpoints: overview, dashboard config, TaskManagers, JobManager. */
import type { JsonSchema } from "../schema/json-schema.js";
export declare const clusterOverview: JsonSchema;
export declare const dashboardConfig: JsonSchema;
export declare const taskManagerSummary: JsonSchema;
export declare const taskManagersList: JsonSchema;
export declare const taskManagerDetails: JsonSchema;
export declare const configEntries: JsonSchema;
export declare const logList: JsonSchema;
