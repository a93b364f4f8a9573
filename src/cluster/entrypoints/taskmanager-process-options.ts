/** TaskManager process: where its RPC and data endpoints listen, and the id it registers under. */
import { options } from "../../config/config-option.js";

export const TaskManagerProcessOptions = {
  HOST: options.string({
    key: "taskmanager.host",
    default: "127.0.0.1",
    description: "Address the TaskManager's RPC and data endpoints listen on and advertise. Other addresses than loopback need a cluster secret.",
  }),
  RPC_PORT: options.integer({ key: "taskmanager.rpc.port", default: 0, min: 0, description: "Port of the TaskManager's RPC endpoint (0: any free port)." }),
  DATA_PORT: options.integer({ key: "taskmanager.data.port", default: 0, min: 0, description: "Port of the endpoint other TaskManagers send data to (0: any free port)." }),
  RESOURCE_ID: options.string({
    key: "taskmanager.resource-id",
    default: undefined,
    documentedDefault: "a random id",
    description: 'Id the TaskManager registers under: letters, digits, ".", "_", ":" or "-", at most 128 (the process provider sets it for the TaskManagers it starts).',
  }),
  MAX_FRAME_BYTES: options.bytes({
    key: "taskmanager.network.max-frame-bytes",
    default: undefined,
    documentedDefault: "the data transport's limit",
    description: "Largest data frame the TaskManager's data endpoint accepts.",
  }),
} as const;
