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

/** Text made safe for a NATS name or KV key token (letters, digits, `-`, `_`). */
export function safeToken(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, "_");
}
