/**
 * The jobs of bench/nats-connector.ts. Args: [mode, server url, stream, count, checkpoint interval ms].
 * mode "source": a bounded NatsJetStreamSource of the stream → a discarding sink.
 * mode "sink": a generator of `count` benchmark records → NatsJetStreamSink into `<stream>.out`.
 */
import { DataGeneratorSource, NatsJetStreamSink, NatsJetStreamSource, WatermarkStrategy, defineJob } from "sluice";
import { benchRecord, type BenchRecord } from "./nats-bench-record.js";

export default defineJob((env, args) => {
  const [mode, url, stream, count, interval] = args as [string, string, string, string, string];
  env.setParallelism(1);
  if (Number(interval) > 0) env.enableCheckpointing(Number(interval));
  if (mode === "source") {
    let checksum = 0;
    env
      .fromSource(NatsJetStreamSource.builder<BenchRecord>().setServers(url).setStream(stream).setBounded().build(), WatermarkStrategy.noWatermarks(), "NATS source")
      .addSink({
        invoke: (r) => {
          checksum += r.id;
        },
        close: () => {
          if (checksum === -1) console.log("unreachable");
        },
      });
  } else {
    env
      .fromSource(new DataGeneratorSource(benchRecord, Number(count)), WatermarkStrategy.noWatermarks(), "Generator")
      .sinkTo(new NatsJetStreamSink<BenchRecord>({ connection: { servers: url }, stream, subject: `${stream}.out` }), "NATS sink");
  }
});
