import { type JobBundle, type JobDetails, type JobSubmission } from "../../cluster/messages.js";
import { type Route } from "../route.js";
import type { RestServices } from "../services.js";
export declare const jobIdParams: {
    jobid: {
        schema: import("../schema/json-schema.js").JsonSchema;
        description: string;
    };
};
export declare const unknownJob: {
    status: number;
    description: string;
    schema: import("../schema/json-schema.js").JsonSchema;
};
export declare function jobOf(services: RestServices, jobId: string): Promise<JobDetails>;
/**
 * Submits a job. The request has passed its schema by now, so what the Dispatcher still refuses
 * (settings it cannot use, a savepoint it cannot read) is about this submission: a 400 with the
 * Dispatcher's reason, not a server error.
 */
export declare function submitOrRefuse(services: RestServices, submission: JobSubmission, bundle: JobBundle): Promise<{
    jobId: string;
}>;
export declare const jobRoutes: Route[];
