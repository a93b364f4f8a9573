export class DataEndpoint {
    self;
    relay;
    peers = new Map();
    consumers = new Map();
    producers = new Map();
    pendingForConsumers = new Map();
    pendingForProducers = new Map();
    constructor(self, 
    /** Sends a frame to a worker of another TaskManager. */
    relay) {
        this.self = self;
        this.relay = relay;
    }
    addPeer(key, port) {
        this.peers.set(key, port);
        port.on("message", (frame) => this.deliver(frame));
    }
    send(to, frame) {
        if (to === this.self) {
            queueMicrotask(() => this.deliver(frame));
            return;
        }
        const port = this.peers.get(to);
        if (port)
            port.postMessage(frame, frame.t === "buffer" ? [frame.data] : []);
        else
            this.relay(to, frame);
    }
    /** Routes an incoming frame: data and events to the consuming task, credits to the producing one. */
    deliver(frame) {
        const toProducer = frame.t === "credit";
        const handler = (toProducer ? this.producers : this.consumers).get(frame.ch);
        if (handler) {
            handler(frame);
            return;
        }
        const pending = toProducer ? this.pendingForProducers : this.pendingForConsumers;
        let q = pending.get(frame.ch);
        if (!q)
            pending.set(frame.ch, (q = []));
        q.push(frame);
    }
    registerConsumer(channel, handler) {
        this.register(this.consumers, this.pendingForConsumers, channel, handler);
    }
    registerProducer(channel, handler) {
        this.register(this.producers, this.pendingForProducers, channel, handler);
    }
    unregister(channel) {
        this.consumers.delete(channel);
        this.producers.delete(channel);
        this.pendingForConsumers.delete(channel);
        this.pendingForProducers.delete(channel);
    }
    /** Drops frames of channels of older attempts that nobody will read. */
    dropPendingExcept(attempt) {
        const prefix = `${attempt}/`;
        for (const m of [this.pendingForConsumers, this.pendingForProducers]) {
            for (const ch of m.keys())
                if (!ch.startsWith(prefix))
                    m.delete(ch);
        }
    }
    register(map, pending, channel, handler) {
        map.set(channel, handler);
        const q = pending.get(channel);
        if (q) {
            pending.delete(channel);
            for (const f of q)
                handler(f);
        }
    }
}
//# sourceMappingURL=data-endpoint.js.map