/** A hostile bundle: its job definition allocates until something stops it. */
import { defineJob } from "sluice";

export default defineJob((env) => {
  const hoard: number[][] = [];
  for (;;) hoard.push(Array.from({ length: 1 << 16 }, (_, i) => i * 1.5));
  env.fromSequence(1, 10).print();
});
