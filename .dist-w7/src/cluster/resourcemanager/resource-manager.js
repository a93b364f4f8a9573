/**
 * The ResourceManager: keeps the slot table of registered TaskExecutors and matches the slot
 * requirements that JobMasters declare to free slots. For each slot a job still needs it tells a
 * TaskExecutor with a free slot to offer it to the job's JobMaster (as in Flink). It monitors
 * TaskExecutors with heartbeats and forgets one that is lost.
 */
import { randomUUID } from "node:crypto";
import { ENDPOINTS } from "../gateways.js";
import { HeartbeatMonitor } from "../heartbeat.js";
export class ResourceManager {
    options;
    sessionId;
    taskExecutors = new Map();
    requirements = new Map();
    heartbeats;
    log;
    constructor(options) {
        this.options = options;
        this.sessionId = options.sessionId ?? randomUUID();
        this.log = options.logger.child("ResourceManager");
        this.heartbeats = new HeartbeatMonitor(options.heartbeat, (id, ms) => this.removeTaskExecutor(id, `heartbeat of TaskManager ${id} timed out after ${ms} ms`));
    }
    start() {
        this.options.rpc.serve(ENDPOINTS.resourceManager, this, { fencingToken: () => this.sessionId });
    }
    async registerTaskExecutor(registration) {
        const id = registration.taskManagerId;
        if (this.taskExecutors.has(id))
            this.removeTaskExecutor(id, "re-registration");
        const remote = await this.options.rpc.connect(registration.address, ENDPOINTS.taskExecutor);
        const entry = { registration, remote, slots: registration.slotReport.slots };
        this.taskExecutors.set(id, entry);
        remote.onDisconnect((cause) => this.removeTaskExecutor(id, `connection to TaskManager ${id} lost: ${cause.message}`));
        this.heartbeats.monitor(id, async () => {
            const report = await remote.gateway.heartbeatFromResourceManager();
            this.applySlotReport(id, report);
        });
        this.log.info(`registered TaskManager ${id} at ${registration.address} with ${registration.numberOfSlots} slots`);
        this.checkRequirements();
        return { resourceManagerId: this.sessionId };
    }
    heartbeatFromTaskExecutor(taskManagerId, report) {
        this.applySlotReport(taskManagerId, report);
        this.checkRequirements();
    }
    declareRequiredResources(jobId, jobMasterAddress, slots, jobMasterToken) {
        if (slots <= 0)
            this.requirements.delete(jobId);
        else
            this.requirements.set(jobId, { jobMasterAddress, slots, jobMasterToken });
        this.checkRequirements();
    }
    disconnectTaskExecutor(taskManagerId, cause) {
        this.removeTaskExecutor(taskManagerId, cause);
    }
    requestTaskManagers() {
        const now = Date.now();
        return [...this.taskExecutors.values()].map((t) => ({
            id: t.registration.taskManagerId,
            address: t.registration.address,
            dataAddress: t.registration.dataAddress,
            host: t.registration.host,
            slotsNumber: t.registration.numberOfSlots,
            freeSlots: t.slots.filter((s) => !s.jobId).length,
            hardware: t.registration.hardware,
            timeSinceLastHeartbeat: now - (this.heartbeats.lastHeard(t.registration.taskManagerId) ?? now),
            slots: t.slots,
        }));
    }
    /** Free and total slots, for the scheduler's "waiting for resources" message. */
    slotCounts() {
        let total = 0;
        let free = 0;
        for (const t of this.taskExecutors.values()) {
            total += t.slots.length;
            free += t.slots.filter((s) => !s.jobId).length;
        }
        return { total, free };
    }
    applySlotReport(id, report) {
        const t = this.taskExecutors.get(id);
        if (t)
            t.slots = report.slots;
    }
    removeTaskExecutor(id, cause) {
        const t = this.taskExecutors.get(id);
        if (!t)
            return;
        this.taskExecutors.delete(id);
        this.heartbeats.unmonitor(id);
        t.remote.close();
        this.log.warn(`TaskManager ${id} removed: ${cause}`);
    }
    /** Asks TaskExecutors with free slots to offer them to jobs that need more. */
    checkRequirements() {
        for (const [jobId, req] of this.requirements) {
            let allocated = 0;
            for (const t of this.taskExecutors.values())
                allocated += t.slots.filter((s) => s.jobId === jobId).length;
            let missing = req.slots - allocated;
            for (const t of this.taskExecutors.values()) {
                if (missing <= 0)
                    break;
                for (const s of t.slots) {
                    if (missing <= 0)
                        break;
                    if (s.jobId)
                        continue;
                    const allocationId = randomUUID();
                    s.jobId = jobId;
                    s.allocationId = allocationId;
                    missing--;
                    t.remote.gateway.requestSlot(s.slotIndex, allocationId, jobId, req.jobMasterAddress, req.jobMasterToken).catch((e) => {
                        this.log.warn(`slot request to ${t.registration.taskManagerId} failed: ${e.message}`);
                        if (s.allocationId === allocationId) {
                            s.jobId = undefined;
                            s.allocationId = undefined;
                        }
                    });
                }
            }
        }
    }
    stop() {
        this.heartbeats.stop();
        for (const t of this.taskExecutors.values())
            t.remote.close();
        this.taskExecutors.clear();
    }
}
//# sourceMappingURL=resource-manager.js.map