/**
 * Wall-clock timers for one task. Callbacks run on the task's thread between records; an error
 * in one fails the task (reported through `onError`) instead of escaping as an uncaught exception.
 */
export class TaskProcessingTimeService {
    onError;
    handles = new Set();
    stopped = false;
    constructor(onError) {
        this.onError = onError;
    }
    now() {
        return Date.now();
    }
    setTimer(timestamp, callback) {
        if (this.stopped)
            return () => { };
        const h = setTimeout(() => {
            this.handles.delete(h);
            this.run(() => callback(timestamp));
        }, Math.max(0, timestamp - Date.now()));
        this.handles.add(h);
        return () => {
            clearTimeout(h);
            this.handles.delete(h);
        };
    }
    scheduleAtFixedRate(intervalMs, callback) {
        if (this.stopped)
            return () => { };
        const h = setInterval(() => this.run(callback), intervalMs);
        this.handles.add(h);
        return () => {
            clearInterval(h);
            this.handles.delete(h);
        };
    }
    run(callback) {
        if (this.stopped)
            return;
        try {
            callback();
        }
        catch (e) {
            this.onError(e);
        }
    }
    stop() {
        this.stopped = true;
        for (const h of this.handles)
            clearTimeout(h);
        this.handles.clear();
    }
}
//# sourceMappingURL=processing-time-service.js.map