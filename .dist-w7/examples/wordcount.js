/**
 * The classic word count: split lines into words, count each word with a running sum per key.
 * Run it with `npx sluice run examples/wordcount.ts` (add `-p 2` to run it in parallel, or a file
 * path as argument to count the words of a text file).
 */
import { defineJob } from "sluice";
const TEXT = [
    "To be, or not to be, that is the question:",
    "Whether 'tis nobler in the mind to suffer",
    "The slings and arrows of outrageous fortune,",
    "Or to take arms against a sea of troubles",
    "And by opposing end them. To die - to sleep,",
    "No more; and by a sleep to say we end",
    "The heart-ache and the thousand natural shocks",
    "That flesh is heir to: 'tis a consummation",
    "Devoutly to be wish'd. To die, to sleep;",
];
export default defineJob((env, args) => {
    env.setJobName("WordCount");
    const lines = args[0] ? env.readTextFile(args[0]) : env.fromElements(...TEXT);
    lines
        .flatMap((line) => line.toLowerCase().split(/\W+/).filter((word) => word.length > 0))
        .name("Tokenizer")
        .map((word) => ({ word, count: 1 }))
        .keyBy((r) => r.word)
        .sum("count")
        .name("Count")
        .print();
});
//# sourceMappingURL=wordcount.js.map