/** `sluice taskmanager --jobmanager HOST:PORT [--slots N]`: runs a TaskManager process in the foreground. */
import { loadConfiguration } from "../config/configuration.js";
import { startTaskManager } from "../cluster/entrypoints/taskmanager-entrypoint.js";
import { manageProcess, processLogger } from "../cluster/entrypoints/process-lifecycle.js";
export async function taskManagerCommand(options) {
    const config = loadConfiguration(options.config, options.D);
    const { logger } = processLogger(config);
    let shutdown;
    const tm = await startTaskManager({
        config,
        logger,
        jobManager: options.jobmanager,
        slots: options.slots,
        // A refused secret does not fix itself: exit non-zero so that the operator (and scripts) see it.
        onFatalError: (e) => void (shutdown ? shutdown(1, `fatal: ${e.message}`) : process.exit(1)),
    });
    shutdown = manageProcess({ name: "TaskManager", logger, pidFile: options.pidFile, close: () => tm.close() });
    process.stdout.write(`[pid ${process.pid}] TaskManager ${tm.id} ready: RPC ${tm.rpcAddress}, data ${tm.dataAddress}\n`);
    await tm.registered;
    if (tm.taskExecutor.isRegistered)
        process.stdout.write(`[pid ${process.pid}] TaskManager ${tm.id} registered at ${tm.jobManager}\n`);
}
//# sourceMappingURL=taskmanager-command.js.map