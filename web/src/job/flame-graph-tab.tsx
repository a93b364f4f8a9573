/**
 * The vertex panel's flame graph (Flink's FlameGraph subtab; docs/architecture.md, "Flame graphs"): On-CPU,
 * Off-CPU and Mixed (Flink's names for type on_cpu, off_cpu and full), all subtasks merged or one of them,
 * polled quickly while the first
 * sampling runs and at the refresh interval after. Root at the bottom; a frame's width is its share of
 * the samples; clicking a frame zooms into it.
 */
import { useState } from "react";
import { api } from "../api/client";
import { Empty, ErrorBox, Loading } from "../components/feedback";
import { formatTime } from "../format";
import { usePoll } from "../hooks/use-poll";

export interface FlameNode {
  name: string;
  value: number;
  children: FlameNode[];
}

type FlameType = "on_cpu" | "off_cpu" | "full";
const TYPES: { id: FlameType; label: string }[] = [
  { id: "on_cpu", label: "On-CPU" },
  { id: "off_cpu", label: "Off-CPU" },
  { id: "full", label: "Mixed" },
];

/** Flink's endTimestamp codes of an answer without data. */
const WHY_NO_DATA: Record<number, string> = {
  [-1]: "The vertex has ended: flame graphs are sampled from running subtasks.",
  [-2]: "Flame graphs are disabled. Set rest.flamegraph.enabled: true in the cluster's configuration to sample them.",
  [-3]: "Sampling the CPU of the vertex's subtasks…",
};
/** While sampling runs, ask again soon. */
const WAITING_POLL_MS = 1000;
/** Frames narrower than this share of the view are left out (too narrow to read, and many). */
const MIN_SHARE = 0.002;

export function FlameGraphTab({ jobId, vertexId, parallelism }: { jobId: string; vertexId: string; parallelism: number }) {
  const [type, setType] = useState<FlameType>("on_cpu");
  const [subtask, setSubtask] = useState<number | undefined>(undefined);
  const [zoom, setZoom] = useState<string[]>([]);
  const [waiting, setWaiting] = useState(true);
  const graph = usePoll(
    async () => {
      const answer = await api.getJobVertexFlameGraph({ path: { jobid: jobId, vertexid: vertexId }, query: subtask === undefined ? { type } : { type, subtaskindex: subtask } });
      setWaiting(answer.data === undefined && answer.endTimestamp === -3);
      return answer;
    },
    `flame:${jobId}:${vertexId}:${type}:${subtask ?? "all"}`,
    waiting ? { intervalMs: WAITING_POLL_MS } : {},
  );
  const data = graph.data?.data as FlameNode | undefined;
  const focused = data && followPath(data, zoom);
  return (
    <div data-testid="flame-graph-tab">
      <div className="flame-toolbar">
        <div className="segmented">
          {TYPES.map((t) => (
            <button key={t.id} className={t.id === type ? "segment active" : "segment"} data-flame-type={t.id} onClick={() => (setType(t.id), setZoom([]))}>
              {t.label}
            </button>
          ))}
        </div>
        {parallelism > 1 && (
          <select
            className="metric-select"
            data-testid="flame-subtask"
            value={subtask ?? ""}
            onChange={(e) => (setSubtask(e.target.value === "" ? undefined : Number(e.target.value)), setZoom([]))}
          >
            <option value="">All subtasks</option>
            {Array.from({ length: parallelism }, (_, i) => (
              <option key={i} value={i}>
                Subtask {i}
              </option>
            ))}
          </select>
        )}
        {zoom.length > 0 && (
          <button className="button small" onClick={() => setZoom([])} data-testid="flame-reset">
            Reset zoom
          </button>
        )}
        {data && (
          <span className="muted small" data-testid="flame-meta">
            {data.value} samples · sampled {formatTime(graph.data!.endTimestamp)}
          </span>
        )}
      </div>
      <ErrorBox error={graph.error} />
      {!graph.data ? (
        <Loading what="flame graph" />
      ) : !data ? (
        <Empty>{WHY_NO_DATA[graph.data.endTimestamp] ?? "No samples."}</Empty>
      ) : data.value === 0 || !focused ? (
        <Empty>No samples of this type.</Empty>
      ) : (
        <div className="flame-graph" data-testid="flame-graph">
          <Frame node={focused.node} share={1} total={focused.node.value} path={focused.path} onZoom={setZoom} />
        </div>
      )}
    </div>
  );
}

/** The node at `path` (names from the root), or the deepest one that still exists in a newer sample. */
function followPath(root: FlameNode, path: string[]): { node: FlameNode; path: string[] } {
  let node = root;
  const found: string[] = [];
  for (const name of path) {
    const next = node.children.find((c) => c.name === name);
    if (!next) break;
    node = next;
    found.push(name);
  }
  return { node, path: found };
}

function Frame({ node, share, total, path, onZoom }: { node: FlameNode; share: number; total: number; path: string[]; onZoom: (path: string[]) => void }) {
  const children = node.children.filter((c) => c.value / total >= MIN_SHARE);
  const percent = ((node.value / total) * 100).toFixed(1);
  return (
    <div className="flame-frame" style={{ width: `${share * 100}%` }}>
      <div
        className="flame-bar"
        style={{ background: frameColour(node.name) }}
        title={`${node.name}\n${node.value} samples (${percent} %)`}
        data-frame={node.name}
        onClick={() => onZoom(path)}
      >
        {node.name}
      </div>
      {children.length > 0 && (
        <div className="flame-children">
          {children.map((c) => (
            <Frame key={c.name} node={c} share={c.value / node.value} total={total} path={[...path, c.name]} onZoom={onZoom} />
          ))}
        </div>
      )}
    </div>
  );
}

/** Warm colours, stable per function; V8's pseudo-frames (idle, program, GC) grey. */
function frameColour(name: string): string {
  if (name.startsWith("(") || name === "root") return "#c8ced6";
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return `hsl(${10 + (h % 40)}, ${70 + (h % 20)}%, ${55 + ((h >> 8) % 15)}%)`;
}
