/** One job: header with state and actions, then tabs (overview graph, checkpoints, exceptions, configuration). */
import { useState } from "react";
import { api } from "../api/client";
import { TERMINAL_JOB_STATES } from "../api/types";
import { ErrorBox, Loading } from "../components/feedback";
import { StatusBadge, TaskCounts } from "../components/status-badge";
import { Tabs } from "../components/tabs";
import { formatDuration, formatTime } from "../format";
import { usePoll } from "../hooks/use-poll";
import { JobGraph } from "../job/job-graph";
import { JobActions } from "../job/job-actions";
import { JobCharts } from "../job/job-charts";
import { useMetricHistory } from "../job/metric-history";
import { VertexPanel } from "../job/vertex-panel";
import { CheckpointsTab } from "../job/checkpoints-tab";
import { ExceptionsTab } from "../job/exceptions-tab";
import { ConfigurationTab } from "../job/configuration-tab";

const TABS = ["overview", "checkpoints", "exceptions", "configuration"] as const;
// One empty map, not a new one per render: the graph updates its nodes when this changes.
const NO_WATERMARKS = new Map<string, string>();

export function JobPage({ jobId, tab }: { jobId: string; tab: string }) {
  const details = usePoll(() => api.getJob({ path: { jobid: jobId } }), `job:${jobId}`);
  const job = details.data;
  const vertexIds = job?.vertices.map((v) => v.id) ?? [];
  // The graph shows each vertex's current watermark: the lowest over its subtasks.
  const watermarks = usePoll(
    async () => {
      const all = await Promise.all(vertexIds.map((vid) => api.getJobVertexWatermarks({ path: { jobid: jobId, vertexid: vid } }).catch(() => [])));
      return new Map(vertexIds.map((vid, i) => [vid, lowest(all[i]!.map((w) => w.value))] as const).filter((e): e is [string, string] => e[1] !== undefined));
    },
    `wms:${jobId}:${vertexIds.join(",")}`,
    { enabled: tab === "overview" && vertexIds.length > 0 && !TERMINAL_JOB_STATES.has(job?.state ?? "") },
  );
  const [selected, setSelected] = useState<string>();
  // Samples accumulate on every poll, whichever tab is open, so the charts have a past.
  const history = useMetricHistory(job);

  return (
    <div className="page" data-page="job" data-job-id={jobId}>
      <ErrorBox error={details.error} />
      {!job ? (
        !details.error && <Loading what="the job" />
      ) : (
        <>
          <header className="job-header">
            <div>
              <h1 data-testid="job-name">{job.name}</h1>
              <div className="muted small mono">{job.jid}</div>
            </div>
            <div className="job-state" data-testid="job-state" data-state={job.state}>
              <StatusBadge status={job.state} />
            </div>
          </header>
          <dl className="facts">
            <div className="fact">
              <dt>Start Time</dt>
              <dd>{formatTime(job["start-time"])}</dd>
            </div>
            <div className="fact">
              <dt>Duration</dt>
              <dd>{formatDuration(job.duration)}</dd>
            </div>
            <div className="fact">
              <dt>End Time</dt>
              <dd>{formatTime(job["end-time"])}</dd>
            </div>
            <div className="fact">
              <dt>Restarts</dt>
              <dd>{job.restarts}</dd>
            </div>
            <div className="fact">
              <dt>Tasks</dt>
              <dd>
                <TaskCounts counts={job["status-counts"]} />
              </dd>
            </div>
          </dl>
          {job["status-message"] && <div className="notice">{job["status-message"]}</div>}
          <JobActions job={job} onChanged={details.refresh} />
          <Tabs
            active={TABS.includes(tab as (typeof TABS)[number]) ? tab : "overview"}
            tabs={TABS.map((t) => ({ id: t, label: t[0]!.toUpperCase() + t.slice(1), to: t === "overview" ? `/jobs/${jobId}` : `/jobs/${jobId}/${t}` }))}
          />
          {tab === "checkpoints" ? (
            <CheckpointsTab jobId={jobId} vertices={job.vertices} />
          ) : tab === "exceptions" ? (
            <ExceptionsTab jobId={jobId} />
          ) : tab === "configuration" ? (
            <ConfigurationTab job={job} />
          ) : (
            <>
              <JobGraph job={job} watermarks={watermarks.data ?? NO_WATERMARKS} selected={selected} onSelect={setSelected} />
              {selected && <VertexPanel key={selected} jobId={jobId} vertexId={selected} onClose={() => setSelected(undefined)} />}
              <JobCharts history={history} />
            </>
          )}
        </>
      )}
    </div>
  );
}

/** The lowest of watermark values given as decimal strings (they can exceed 2^53, so compare as BigInt). */
function lowest(values: string[]): string | undefined {
  let min: bigint | undefined;
  for (const v of values) {
    try {
      const b = BigInt(v);
      if (min === undefined || b < min) min = b;
    } catch {
      // Not a number: skip it.
    }
  }
  return min === undefined ? undefined : String(min);
}
