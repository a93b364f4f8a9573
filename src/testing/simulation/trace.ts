/**
 * What happened in a simulated world, with simulated time: every call, fault, state change and log
 * line. The last lines are kept for the failure report; all of them go into a running hash, so two
 * runs of one seed can be compared line for line without keeping the whole trace.
 */
export class Trace {
  private readonly ring: string[];
  private next = 0;
  count = 0;
  private h1 = 0x811c9dc5;
  private h2 = 0x01000193;
  /** Every line, when asked for (replays print or compare whole traces). */
  readonly all: string[] | undefined;

  constructor(
    private readonly now: () => number,
    keep = 200,
    keepAll = false,
  ) {
    this.ring = new Array<string>(keep);
    this.all = keepAll ? [] : undefined;
  }

  log(line: string): void {
    const text = `${(this.now() / 1000).toFixed(3).padStart(8)} ${line}`;
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.ring[this.next] = text;
    this.next = (this.next + 1) % this.ring.length;
    this.count++;
    this.all?.push(text);
  }

  /** A fingerprint of every line so far. */
  get digest(): string {
    return `${(this.h1 >>> 0).toString(16).padStart(8, "0")}${(this.h2 >>> 0).toString(16).padStart(8, "0")}:${this.count}`;
  }

  /** The last lines, oldest first. */
  tail(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.ring.length; i++) {
      const line = this.ring[(this.next + i) % this.ring.length];
      if (line !== undefined) out.push(line);
    }
    return out;
  }
}
