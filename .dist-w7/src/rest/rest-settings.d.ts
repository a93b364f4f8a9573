import type { AccessSettings } from "./http/access.js";
import type { EvaluationLimits } from "./jars/bundle-evaluator.js";
export interface RestSettings {
    address: string;
    port: number;
    tls?: {
        cert: string;
        key: string;
    };
    access: AccessSettings;
    jsonBodyMaxBytes: number;
    uploadMaxBytes: number;
    jarDir?: string;
    evaluation: EvaluationLimits;
    /** Directories savepoints may be written to; a request's target must resolve inside one. */
    savepointRoots: string[];
    /** Directories a job may be started from (savepoints and retained checkpoints). */
    restoreRoots: string[];
    refreshIntervalMs: number;
    webSubmit: boolean;
    webCancel: boolean;
}
/** Flink memory sizes: "1048576", "512 kb", "100 mb", "1g". */
export declare function parseBytes(value: string | undefined, fallback: number, key: string): number;
export declare function restSettings(config: Readonly<Record<string, string>>): RestSettings;
