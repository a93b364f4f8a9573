/**
 * One job vertex in the graph: its chain of operators, parallelism, status, records and bytes in
 * and out, current watermark, and the load colour. data-load carries the colour's meaning for tests
 * and assistive tools; the legend below the graph explains the colours.
 */
import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import type { JobVertex, PlanNode } from "../api/types";
import { formatBytes, formatCount, formatPercent, formatWatermark } from "../format";
import { loadColour } from "./load-colour";
import { MAX_CHAIN_SHOWN, NODE_WIDTH, nodeHeight } from "./graph-layout";

export interface VertexData extends Record<string, unknown> {
  plan: PlanNode;
  vertex: JobVertex | undefined;
  watermark: string | undefined;
  selected: boolean;
}

export type VertexNodeType = Node<VertexData, "vertex">;

export function VertexNode({ data }: NodeProps<VertexNodeType>) {
  const { plan, vertex, watermark, selected } = data;
  const colour = loadColour(vertex?.metrics, vertex?.status === "RUNNING");
  const m = vertex?.metrics;
  const chain = plan.chain;
  return (
    <div
      className={`vertex-node${selected ? " selected" : ""}`}
      style={{ width: NODE_WIDTH, height: nodeHeight(plan), background: colour.background, color: colour.foreground }}
      data-testid={`vertex-${plan.id}`}
      data-vertex-id={plan.id}
      data-load={colour.load}
      data-busy={colour.busy.toFixed(3)}
      data-backpressured={colour.backPressured.toFixed(3)}
      title={`busy ${formatPercent(colour.busy)}, backpressured ${formatPercent(colour.backPressured)}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="vertex-head">
        <span className="vertex-parallelism" title="parallelism">
          {plan.parallelism}
        </span>
        <span className="vertex-name" title={vertex?.name ?? plan.description}>
          {vertex?.name ?? plan.description}
        </span>
      </div>
      <ol className="vertex-chain">
        {chain.slice(0, MAX_CHAIN_SHOWN).map((op) => (
          <li key={op.id}>
            <span className="op-kind">{op.kind}</span> {op.name}
          </li>
        ))}
        {chain.length > MAX_CHAIN_SHOWN && <li className="muted">… {chain.length - MAX_CHAIN_SHOWN} more</li>}
      </ol>
      <div className="vertex-stats">
        <span className="vertex-status">{vertex?.status ?? "CREATED"}</span>
        <span>Busy {formatPercent(colour.busy)}</span>
        <span>BP {formatPercent(colour.backPressured)}</span>
      </div>
      <div className="vertex-io" title="records received, bytes received">
        In: {formatCount(m?.["read-records"])} records · {formatBytes(m?.["read-bytes"])}
      </div>
      <div className="vertex-io" title="records sent, bytes sent">
        Out: {formatCount(m?.["write-records"])} records · {formatBytes(m?.["write-bytes"])}
      </div>
      <div className="vertex-watermark" title="lowest current input watermark over the subtasks">
        Watermark: {watermark === undefined ? "–" : formatWatermark(watermark)}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}
