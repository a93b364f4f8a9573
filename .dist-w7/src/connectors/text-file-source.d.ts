import type { Source, SourceReader, SourceReaderContext } from "../api/source.js";
/**
 * Lines of a text file. Subtask s owns the lines that *start* in its byte range
 * [s·size/p, (s+1)·size/p), so lines are never split or duplicated across subtasks.
 * A split is [offset of the next line, end of the range]; a restore may hand a reader several.
 *
 * Lines are found in bytes and decoded one at a time, so a range boundary inside a multibyte
 * character (or invalid UTF-8) cannot shift the byte offsets.
 */
/** Lines starting in [start, end) of the file; start is always the start of a line. */
export type TextFileSplit = [number, number];
export declare class TextFileSource implements Source<string, TextFileSplit> {
    private readonly path;
    readonly boundedness = "bounded";
    constructor(path: string);
    createReader(ctx: SourceReaderContext): SourceReader<string, TextFileSplit>;
}
