/** A gateway to one endpoint over a shared ClientConnection. */
import { DisconnectNotifier, createGatewayProxy } from "../gateway-proxy.js";
import { RpcConnectionError } from "../interface.js";
export class TcpGateway {
    connection;
    address;
    name;
    options;
    onClosed;
    gateway;
    open = true;
    notifier = new DisconnectNotifier();
    /** Ids of this gateway's unanswered calls, so close() can fail them without touching others'. */
    pending = new Set();
    /** @param onClosed told when this gateway is closed by its user (to drop an idle connection). */
    constructor(connection, address, name, options, onClosed) {
        this.connection = connection;
        this.address = address;
        this.name = name;
        this.options = options;
        this.onClosed = onClosed;
        this.gateway = createGatewayProxy((method, args) => this.call(method, args));
        connection.addListener(this);
    }
    get connected() {
        return this.open && !this.connection.closed;
    }
    onDisconnect(listener) {
        this.notifier.add(listener);
    }
    close() {
        if (!this.open)
            return;
        this.open = false;
        this.notifier.clear();
        const error = new RpcConnectionError(`gateway to ${this.name} at ${this.address} was closed`);
        for (const id of [...this.pending])
            this.connection.cancel(id, error);
        this.pending.clear();
        this.connection.removeListener(this);
        this.onClosed();
    }
    /** The connection is gone: its pending calls were already rejected; tell our listeners. */
    peerLost(cause) {
        if (!this.open)
            return;
        this.open = false;
        this.pending.clear();
        this.notifier.fire(cause);
    }
    call(method, args) {
        const where = `${this.address} ${this.name}.${method}`;
        if (!this.open) {
            return Promise.reject(new RpcConnectionError(`not connected: cannot call ${where}`));
        }
        const body = this.options.fencingToken === undefined
            ? { t: "call", ep: this.name, m: method, a: args }
            : { t: "call", ep: this.name, m: method, a: args, tok: this.options.fencingToken };
        const { id, result } = this.connection.request(body, this.options.timeoutMs, where);
        this.pending.add(id);
        return result.finally(() => this.pending.delete(id));
    }
}
//# sourceMappingURL=tcp-gateway.js.map