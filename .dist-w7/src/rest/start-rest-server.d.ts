import { type LogBuffer, type Logger } from "../util/logger.js";
import type { RestDispatcher } from "./dispatcher-api.js";
import { RestServer } from "./rest-server.js";
export interface StartRestServerOptions {
    dispatcher: RestDispatcher;
    /** Cluster configuration: rest.*, security.ssl.rest.*, web.* (see rest-settings.ts). */
    config: Readonly<Record<string, string>>;
    /** In-memory log served as jobmanager.log (besides the files of env.log.dir). */
    logs?: LogBuffer;
    logger?: Logger;
    /** The dashboard's files; defaults to the package's web/dist when it exists. */
    webDir?: string;
    /** Check answers against their schemas (tests). */
    validateResponses?: boolean;
}
export interface RunningRestServer {
    /** Base URL, e.g. http://127.0.0.1:8081 */
    readonly url: string;
    readonly port: number;
    readonly server: RestServer;
    close(): Promise<void>;
}
export declare function startRestServer(options: StartRestServerOptions): Promise<RunningRestServer>;
