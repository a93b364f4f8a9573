/**
 * Counts the timers that the LMDB backends of running TaskManager processes hold on disk, by
 * opening their LMDB environments read-only from the test (LMDB serves readers in other
 * processes). A timer entry is recognised by its key (src/runtime/state/timers/ordered-timer-key.ts
 * behind the table and key-group prefix): a string state key of 29 hex digits and a JSON tail.
 */
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const STRING_TAG = 0x02;
const PREFIX = 4;
const TIMER_KEY = /^[0-9a-f]{29}\[/;

export function timersOnDisk(parent: string): number {
  const lmdb = createRequire(import.meta.url)("lmdb") as typeof import("lmdb");
  let count = 0;
  if (!existsSync(parent)) return 0; // no task has opened its backend yet
  for (const folder of readdirSync(parent).filter((f) => f.startsWith("sluice-lmdb-"))) {
    let db: import("lmdb").RootDatabase<Buffer, Buffer>;
    try {
      db = lmdb.open<Buffer, Buffer>({ path: join(parent, folder), readOnly: true, encoding: "binary", keyEncoding: "binary", cache: false });
    } catch {
      continue; // a task's folder being created or deleted right now
    }
    try {
      for (const key of db.getKeys({ snapshot: true })) {
        const k = key as Buffer;
        if (k.length > PREFIX + 30 && k[PREFIX] === STRING_TAG && TIMER_KEY.test(k.toString("latin1", PREFIX + 1, PREFIX + 31))) count++;
      }
    } finally {
      void db.close();
    }
  }
  return count;
}
