/**
 * A deep copy of a state value for the copy-on-write heap backend (copy-on-write-state-map.ts):
 * state code modifies values in place (pushes into a list, sets a namespace in a per-key Map,
 * adds into an accumulator), so a value that a pinned snapshot still has to write out is copied
 * before it is handed out again, as Flink's CopyOnWriteStateMap copies through the state's
 * serializer. Unlike structuredClone the copy keeps prototypes (windows, accumulators of user
 * classes stay instances of their class); shared references and cycles stay shared and cyclic.
 * Functions are kept as they are (v8's serializer cannot write them anyway).
 */

/** A copy of `value` that shares no mutable object with it. */
export function copyStateValue<V>(value: V): V {
  if (typeof value !== "object" || value === null) return value;
  return (flatCopy(value as object) ?? copyObject(value as object, new Map())) as V;
}

/**
 * The common case without bookkeeping: a plain object or array whose members are all primitives
 * (a counter record, a tuple); undefined for anything else.
 */
function flatCopy(value: object): object | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (typeof value[i] === "object" && value[i] !== null) return undefined;
    return value.slice();
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (typeof v === "object" && v !== null) return undefined;
    out[k] = v;
  }
  return out;
}

function copyAny(value: unknown, seen: Map<object, object>): unknown {
  return typeof value !== "object" || value === null ? value : copyObject(value, seen);
}

function copyObject(value: object, seen: Map<object, object>): object {
  const done = seen.get(value);
  if (done) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    seen.set(value, out);
    for (let i = 0; i < value.length; i++) out[i] = copyAny(value[i], seen);
    return out;
  }
  if (value instanceof Map) {
    const out = new Map<unknown, unknown>();
    seen.set(value, out);
    for (const [k, v] of value) out.set(copyAny(k, seen), copyAny(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set<unknown>();
    seen.set(value, out);
    for (const v of value) out.add(copyAny(v, seen));
    return out;
  }
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof ArrayBuffer) return value.slice(0);
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) return new DataView(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    if (Buffer.isBuffer(value)) return Buffer.from(value);
    const Typed = value.constructor as new (source: ArrayBufferView) => ArrayBufferView;
    return new Typed(value);
  }
  if (value instanceof RegExp) return new RegExp(value.source, value.flags);
  const out = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  seen.set(value, out);
  for (const k of Object.keys(value)) out[k] = copyAny((value as Record<string, unknown>)[k], seen);
  return out;
}
