/** NATS subject matching (`*` one token, `>` the rest), for checks made before talking to the server. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split(".");
  const s = subject.split(".");
  for (let i = 0; i < f.length; i++) {
    if (f[i] === ">") return s.length > i;
    if (i >= s.length) return false;
    if (f[i] !== "*" && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
}

/** FNV-1a of the text's UTF-16 code units: stable across processes and runs. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A short stable hash, for names built from long or arbitrary text. */
export function shortHash(text: string): string {
  return fnv1a(text).toString(36);
}

/** Text made safe for a NATS name or KV key token (letters, digits, `-`, `_`). */
export function safeToken(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_");
}
