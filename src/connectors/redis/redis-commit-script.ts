/**
 * The commit of the Redis Streams sink, one Lua script (docs/connectors.md, "Redis Streams sink"). Redis
 * runs a script atomically and writes its effects to the AOF as one MULTI/EXEC, so either every entry
 * of the transaction is in the target stream and its staging list is gone, or neither.
 *
 * The staging list existing is the record that the transaction is still to be committed: the script
 * appends its entries and deletes it in the same atomic step, so a second commit finds no list and
 * does nothing. (A set of committed ids would say the same but grow forever.)
 *
 * KEYS[1] staging list (one MessagePack array of field, value, … per entry: staged-entry-codec.ts), KEYS[2] target stream,
 * KEYS[3] the sink's index of staged transactions; ARGV[1] transaction id, ARGV[2] MAXLEN (0 = none).
 * Returns the number of entries appended.
 */
export const COMMIT_SCRIPT = `
local n = redis.call('LLEN', KEYS[1])
local maxlen = tonumber(ARGV[2])
local chunk = 1000
for first = 0, n - 1, chunk do
  local items = redis.call('LRANGE', KEYS[1], first, first + chunk - 1)
  for _, item in ipairs(items) do
    local fields = cmsgpack.unpack(item)
    if maxlen > 0 then
      redis.call('XADD', KEYS[2], 'MAXLEN', '~', maxlen, '*', unpack(fields))
    else
      redis.call('XADD', KEYS[2], '*', unpack(fields))
    end
  end
end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[3], ARGV[1])
return n
`;
