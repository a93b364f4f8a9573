import type { Logger } from "../util/logger.js";
import type { RestServices } from "./services.js";
export interface RestServerOptions {
    services: RestServices;
    /** The dashboard's built files (web/dist); `/` serves its index.html. */
    webDir?: string;
    logger: Logger;
    /** Check every JSON answer against its route's declared schema; a mismatch becomes a 500 (for tests). */
    validateResponses?: boolean;
}
export declare class RestServer {
    private readonly options;
    private readonly server;
    private readonly router;
    private readonly log;
    private readonly sockets;
    constructor(options: RestServerOptions);
    listen(): Promise<void>;
    /** The bound port (useful with rest.port 0). */
    get port(): number;
    get url(): string;
    close(): Promise<void>;
    private handle;
    private dispatch;
    private validateParams;
    private validateQuery;
    private readRequestBody;
    private send;
    private writeJson;
    private sendError;
}
