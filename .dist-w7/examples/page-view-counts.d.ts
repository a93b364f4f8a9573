/**
 * Event-time page-view counts: page views arrive out of order (up to 20 s late); a watermark that
 * trails the largest timestamp by 30 s lets every 1-minute tumbling window fire complete, once.
 * Run: npx sluice run examples/page-view-counts.ts [views] [-p N]
 */
import { type DataStream, type SingleOutputStreamOperator, type StreamExecutionEnvironment } from "sluice";
export interface PageView {
    page: string;
    user: number;
    /** When the view happened (event time, ms). */
    time: number;
}
export interface PageViewCount {
    page: string;
    windowStart: string;
    views: number;
}
/** View number i: about 10 views a second, each up to 20 s out of order; deterministic. */
export declare function pageView(i: number): PageView;
/** The pipeline, shared with the tests: views per page per minute of event time. */
export declare function pageViewCounts(views: DataStream<PageView>): SingleOutputStreamOperator<PageViewCount>;
export declare function pageViewSource(env: StreamExecutionEnvironment, views: number): DataStream<PageView>;
declare const _default: import("sluice").JobDefinition;
export default _default;
