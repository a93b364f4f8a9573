/**
 * Redis stream entry ids (`<ms>-<seq>`, both unsigned 64-bit): parsing, ordering and the "just before"
 * arithmetic that turns an inclusive start (an id, a timestamp) into the exclusive position XREAD takes.
 * A reader's position is always the last entry id it delivered (docs/connectors.md, "Redis Streams").
 */
export interface EntryId {
  readonly ms: bigint;
  readonly seq: bigint;
}

const MAX_U64 = (1n << 64n) - 1n;
/** Before every entry: XREAD from here returns the whole stream. */
export const BEFORE_FIRST_ENTRY = "0-0";

export function parseEntryId(id: string): EntryId {
  const m = /^(\d+)(?:-(\d+))?$/.exec(id);
  if (!m) throw new RangeError(`not a Redis stream entry id: ${JSON.stringify(id)} (expected <milliseconds>-<sequence>)`);
  const ms = BigInt(m[1]!);
  const seq = BigInt(m[2] ?? "0");
  if (ms > MAX_U64 || seq > MAX_U64) throw new RangeError(`Redis stream entry id out of range: ${id}`);
  return { ms, seq };
}

/** Ids are kept as Redis prints them, so that compareEntryIds may compare their text. */
export function formatEntryId(id: EntryId): string {
  return `${id.ms}-${id.seq}`;
}

/**
 * Negative, zero or positive as a is before, equal to or after b. On the decimal text, without BigInt:
 * the fetcher compares every entry of a bounded split with its end.
 */
export function compareEntryIds(a: string, b: string): number {
  const da = a.indexOf("-");
  const db = b.indexOf("-");
  const ms = compareDecimal(da < 0 ? a : a.slice(0, da), db < 0 ? b : b.slice(0, db));
  return ms !== 0 ? ms : compareDecimal(da < 0 ? "0" : a.slice(da + 1), db < 0 ? "0" : b.slice(db + 1));
}

/** Unsigned decimals as Redis prints them (no leading zeros): the longer is larger, else by text. */
function compareDecimal(x: string, y: string): number {
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The position from which XREAD returns `id` itself first: the id just before it. */
export function positionBefore(id: string): string {
  const { ms, seq } = parseEntryId(id);
  if (seq > 0n) return formatEntryId({ ms, seq: seq - 1n });
  if (ms > 0n) return formatEntryId({ ms: ms - 1n, seq: MAX_U64 });
  return BEFORE_FIRST_ENTRY;
}

/** The position from which XREAD returns the first entry added at or after `timestampMs`. */
export function positionBeforeTimestamp(timestampMs: number): string {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new RangeError(`not a timestamp in milliseconds: ${timestampMs}`);
  return positionBefore(`${timestampMs}-0`);
}

/** The milliseconds part of an id: when Redis added the entry (for ids Redis generated). */
export function entryIdMillis(id: string): number {
  const dash = id.indexOf("-");
  return Number(dash < 0 ? id : id.slice(0, dash));
}
