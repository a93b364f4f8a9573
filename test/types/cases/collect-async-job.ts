/**
 * collectAsync() typed as Flink's CloseableIterator: the records keep the stream's type through
 * `for await`, next() and close(); compiled by the type suite.
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob, type CloseableIterator } from "sluice";

interface Reading {
  sensor: string;
  value: number;
}

export default defineJob(async (env) => {
  const readings: CloseableIterator<Reading> = env
    .fromSource(new DataGeneratorSource((i): Reading => ({ sensor: `s${i % 3}`, value: i })), WatermarkStrategy.noWatermarks(), "readings")
    .filter((r) => r.value >= 0)
    .collectAsync();
  const first = await readings.next();
  if (!first.done) void first.value.sensor.toUpperCase();
  let total = 0;
  for await (const r of readings) {
    total += r.value;
    if (total > 1000) break;
  }
  await readings.close();
});
