/**
 * Flink's client coordination route (ClientCoordinationHandler): a request to the coordinator of
 * one operator of a job, by the operator's uid; the collect sinks of collectAsync() and
 * executeAndCollect(limit) take them (docs/architecture.md, "Collecting results"). Request and
 * result travel serialized as in Flink, here as base64 msgpack (collected-records.ts).
 */
import { CoordinationRequestError } from "../../cluster/jobmaster/collect-coordinators.js";
import { badRequest, defineRoute, notFound, type Route } from "../route.js";
import { errorBody, named } from "../schemas/common.js";
import { decodePacked, encodePacked } from "../collected-records.js";
import { jobIdParams, jobOf, unknownJob } from "./job-routes.js";

const coordinationRequest = named("ClientCoordinationRequestBody", {
  type: "object",
  required: ["serializedCoordinationRequest"],
  properties: { serializedCoordinationRequest: { type: "string", maxLength: 1_000_000, description: "the request, base64 msgpack (a collect sink's: { version, offset })" } },
  additionalProperties: false,
});

const coordinationResponse = named("ClientCoordinationResponseBody", {
  type: "object",
  required: ["serializedCoordinationResult"],
  properties: {
    serializedCoordinationResult: { type: "string", description: "the coordinator's answer, base64 msgpack (a collect sink's: { version, lastCheckpointedOffset, offset, values, exactlyOnce })" },
  },
  additionalProperties: false,
});

export const coordinationRoutes: Route[] = [
  defineRoute<Record<string, never>, { serializedCoordinationRequest: string }>({
    method: "POST",
    path: "/jobs/:jobid/coordinators/:operatorid",
    operationId: "deliverCoordinationRequest",
    summary: "A request to the coordinator of one of the job's operators (by operator uid); collect sinks answer with their records",
    tags: ["jobs"],
    params: { ...jobIdParams, operatorid: { schema: { type: "string", minLength: 1, maxLength: 500 }, description: "the operator's uid" } },
    body: { kind: "json", schema: coordinationRequest, required: true, description: "the serialized request" },
    responses: [
      { status: 200, description: "the coordinator's answer", schema: coordinationResponse },
      { status: 400, description: "a request the coordinator cannot take, or not serialized as expected", schema: errorBody },
      { ...unknownJob, description: "no job with this id, or no coordinator for this operator" },
    ],
    handler: async ({ services, params, body }) => {
      await jobOf(services, params.jobid!);
      let request: unknown;
      try {
        request = decodePacked(body!.serializedCoordinationRequest);
      } catch (e) {
        throw badRequest(`serializedCoordinationRequest: not base64 msgpack (${(e as Error).message})`);
      }
      try {
        const result = await services.dispatcher.deliverCoordinationRequest(params.jobid!, params.operatorid!, request);
        return { json: { serializedCoordinationResult: encodePacked(result) } };
      } catch (e) {
        if (e instanceof CoordinationRequestError) throw /has no coordinator/.test(e.message) ? notFound(e.message) : badRequest(e.message);
        throw e;
      }
    },
  }),
];
