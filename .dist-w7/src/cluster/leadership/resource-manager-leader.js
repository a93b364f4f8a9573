import { createHighAvailabilityServices } from "../ha/create-ha-services.js";
import { LeaderComponents } from "../ha/interface.js";
import { DEFAULT_LEADER_SESSION_ID } from "../ha/standalone/leader-registry.js";
import { LeaderTracker } from "./leader-tracker.js";
/** `fixedJobManager` (tcp://host:port) is used without HA and ignored with it. */
export async function resourceManagerLeaderSource(config, fixedJobManager) {
    const ha = await createHighAvailabilityServices(config);
    if (ha.type === "none") {
        await ha.close();
        const fixed = { address: fixedJobManager, sessionId: DEFAULT_LEADER_SESSION_ID };
        return {
            resourceManager: async () => fixed,
            blobServerAddress: async () => fixedJobManager,
            describe: () => fixedJobManager,
            follow: () => { },
            close: async () => { },
        };
    }
    return retrievalSource(ha);
}
async function retrievalSource(ha) {
    const tracker = await LeaderTracker.start(LeaderComponents.RESOURCE_MANAGER, ha.leaderRetrieval(LeaderComponents.RESOURCE_MANAGER));
    return {
        resourceManager: () => tracker.waitForLeader(),
        blobServerAddress: async () => (await tracker.waitForLeader()).address,
        describe: () => tracker.leader?.address ?? `the leader elected through ${ha.type}`,
        follow: (taskExecutor) => void tracker.onChange((leader) => taskExecutor.resourceManagerLeaderChanged(leader)),
        async close() {
            await tracker.close();
            await ha.close();
        },
    };
}
//# sourceMappingURL=resource-manager-leader.js.map