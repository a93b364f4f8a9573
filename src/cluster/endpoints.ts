/** The names under which the components serve their gateways on an RpcService. */
export const ENDPOINTS = {
  dispatcher: "dispatcher",
  resourceManager: "resourcemanager",
  taskExecutor: "taskexecutor",
  blobServer: "blobserver",
  jobMaster: (jobId: string): string => `jobmaster-${jobId}`,
} as const;
