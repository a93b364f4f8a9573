import { q10 } from "./queries/q10.js";
import { nexmarkJob, sinkResults } from "./support/nexmark-job.js";
import { PartitionedFileSink } from "./support/partitioned-file-sink.js";
function fileSink(rows, a) {
    if (a.path === undefined)
        sinkResults(rows, a);
    else
        rows.sinkTo(new PartitionedFileSink(a.path), `Partitioned files ${a.path}`);
}
export default nexmarkJob("q10", q10, fileSink);
//# sourceMappingURL=q10.js.map