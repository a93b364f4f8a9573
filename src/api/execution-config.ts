/**
 * env.getConfig(): Flink's ExecutionConfig — the watermark interval and the global job
 * parameters every function reads as ctx.globalJobParameters.
 */
export class ExecutionConfig {
  private watermarkInterval: number | undefined;
  private globalParameters: Readonly<Record<string, string>> = {};

  /** How often periodic watermarks are emitted (ms; 0 disables them). Overrides pipeline.auto-watermark-interval. */
  setAutoWatermarkInterval(ms: number): this {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`auto watermark interval must be a number >= 0 (milliseconds), got ${ms}`);
    this.watermarkInterval = ms;
    return this;
  }
  /** Undefined until set here; the job then uses pipeline.auto-watermark-interval (200 ms by default). */
  getAutoWatermarkInterval(): number | undefined {
    return this.watermarkInterval;
  }

  /** Parameters every user function can read (ctx.globalJobParameters in open()); plain strings, as in Flink. */
  setGlobalJobParameters(parameters: Readonly<Record<string, string>>): this {
    for (const [k, v] of Object.entries(parameters)) {
      if (typeof v !== "string") throw new TypeError(`global job parameter "${k}" must be a string, got ${typeof v}`);
    }
    this.globalParameters = { ...parameters };
    return this;
  }
  getGlobalJobParameters(): Readonly<Record<string, string>> {
    return this.globalParameters;
  }
}
