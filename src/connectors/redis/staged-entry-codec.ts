/**
 * How the sink stages one stream entry in a list element: a MessagePack array of its fields and values,
 * every item a MessagePack str holding the raw bytes. The commit script decodes it with Redis's built-in
 * `cmsgpack.unpack` (redis-commit-script.ts), which takes str but not MessagePack's bin type, and Lua
 * strings are byte strings anyway, so binary values pass unchanged.
 */
export function encodeStagedEntry(items: readonly (string | Uint8Array)[]): Buffer {
  const parts: Buffer[] = [arrayHeader(items.length)];
  for (const item of items) {
    const bytes = typeof item === "string" ? Buffer.from(item, "utf8") : Buffer.from(item.buffer, item.byteOffset, item.byteLength);
    parts.push(strHeader(bytes.length), bytes);
  }
  return Buffer.concat(parts);
}

function arrayHeader(n: number): Buffer {
  if (n < 16) return Buffer.from([0x90 | n]);
  if (n < 0x10000) return Buffer.from([0xdc, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0xdd;
  b.writeUInt32BE(n, 1);
  return b;
}

function strHeader(n: number): Buffer {
  if (n < 32) return Buffer.from([0xa0 | n]);
  if (n < 0x100) return Buffer.from([0xd9, n]);
  if (n < 0x10000) return Buffer.from([0xda, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = 0xdb;
  b.writeUInt32BE(n, 1);
  return b;
}
