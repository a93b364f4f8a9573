export const ENDPOINTS = {
    dispatcher: "dispatcher",
    resourceManager: "resourcemanager",
    taskExecutor: "taskexecutor",
    blobServer: "blobserver",
    jobMaster: (jobId) => `jobmaster-${jobId}`,
};
//# sourceMappingURL=gateways.js.map