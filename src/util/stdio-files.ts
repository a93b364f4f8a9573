/**
 * The file a standard stream of this process is redirected to, if it is one (Linux's
 * /proc/self/fd): launchers such as `sluice cluster start` and the process resource provider point
 * a process's stderr (its log) and stdout at files, and the process serves those files back.
 */
import { readlinkSync, statSync } from "node:fs";
import { isAbsolute } from "node:path";

export function stdioFile(fd: 1 | 2): string | undefined {
  try {
    const target = readlinkSync(`/proc/self/fd/${fd}`);
    return isAbsolute(target) && statSync(target).isFile() ? target : undefined;
  } catch {
    // Not Linux, or the stream is a pipe, a terminal or closed.
    return undefined;
  }
}
