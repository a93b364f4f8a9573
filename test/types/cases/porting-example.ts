/**
 * The Sluice side of the ported example in docs/porting-from-flink.md ("A ported job, side by
 * side"); compiled by the type suite so that the guide's code keeps compiling.
 */
import { TumblingEventTimeWindows, WatermarkStrategy, defineJob, type Collector } from "sluice";

interface WordCount {
  word: string;
  count: number;
}

export default defineJob((env, args) => {
  env.getCheckpointConfig().setCheckpointInterval(10_000);
  env.getConfig().setAutoWatermarkInterval(200);

  const lines = env.fromData("to be or not to be", "that is the question");
  lines
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<string>().withTimestampAssigner(() => Date.now()))
    .flatMap((line: string, out: Collector<WordCount>) => {
      for (const word of line.toLowerCase().split(/\W+/)) if (word) out.collect({ word, count: 1 });
    })
    .name("tokenizer")
    .keyBy((wc) => wc.word)
    .window(TumblingEventTimeWindows.of(5_000))
    .sum("count")
    .uid("counts")
    .print();
  void args;
});
