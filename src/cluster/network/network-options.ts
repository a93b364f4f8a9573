/** Configuration of the data plane between TaskManagers. */
import { options } from "../../config/config-option.js";

export const DATA_MAX_FRAME_BYTES = options.bytes({
  key: "taskmanager.network.max-frame-bytes",
  default: 64 * 1024 * 1024,
  description:
    "Largest data frame a TaskManager sends or accepts on a data connection. A serialized buffer larger than this fails its task (DataTransportError); a peer announcing a larger frame is disconnected.",
});
