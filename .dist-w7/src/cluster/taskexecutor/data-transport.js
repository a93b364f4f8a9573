export class LocalDataTransport {
    static registry = new Map();
    static next = 1;
    address = `local-data://${LocalDataTransport.next++}`;
    receiver;
    constructor() {
        LocalDataTransport.registry.set(this.address, this);
    }
    send(address, to, frame) {
        const peer = LocalDataTransport.registry.get(address);
        // A frame for a TaskManager that is gone is dropped: its tasks are failing and will be redeployed.
        if (peer?.receiver)
            queueMicrotask(() => peer.receiver?.(to, frame));
    }
    onReceive(receiver) {
        this.receiver = receiver;
    }
    onPeerLost() {
        // In one process a "lost" TaskManager is stopped through the MiniCluster, which the
        // JobMasters notice through its RPC endpoint going away; nothing is reported here.
    }
    async close() {
        LocalDataTransport.registry.delete(this.address);
    }
}
//# sourceMappingURL=data-transport.js.map