/**
 * The job graph with @xyflow/react: one node per vertex, one edge per input with its ship strategy
 * (HASH, REBALANCE, FORWARD, …), laid out left to right by dagre. The layout depends only on the
 * plan, so live metric updates recolour nodes without moving them.
 */
import { useCallback, useEffect, useMemo, useState } from "react";
import { Background, Controls, MarkerType, ReactFlow, applyNodeChanges, type Edge, type NodeChange } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import type { JobDetails } from "../api/types";
import { layoutPlan } from "./graph-layout";
import { VertexNode, type VertexNodeType } from "./vertex-node";

const NODE_TYPES = { vertex: VertexNode };

export function JobGraph({ job, watermarks, selected, onSelect }: { job: JobDetails; watermarks: Map<string, string>; selected?: string; onSelect: (vertexId: string | undefined) => void }) {
  const planKey = job.plan.nodes.map((n) => `${n.id}<${(n.inputs ?? []).map((i) => i.id).join(",")}`).join(";");
  // Keyed by the shape of the plan, not the object: every poll brings a new object.
  const layout = useMemo(() => layoutPlan(job.plan.nodes), [planKey]);

  // React Flow keeps what it measured (size, handle positions) on the node objects through
  // onNodesChange; rebuilding them on every poll would drop that, hide the nodes until they are
  // measured again and make them flicker. So each poll updates the data of the nodes it has.
  const [nodes, setNodes] = useState<VertexNodeType[]>([]);
  const onNodesChange = useCallback((changes: NodeChange<VertexNodeType>[]) => setNodes((ns) => applyNodeChanges(changes, ns)), []);
  useEffect(() => {
    const vertices = new Map(job.vertices.map((v) => [v.id, v]));
    setNodes((previous) => {
      const before = new Map(previous.map((n) => [n.id, n]));
      return job.plan.nodes.map((plan) => {
        const p = layout.get(plan.id)!;
        return {
          ...before.get(plan.id),
          id: plan.id,
          type: "vertex" as const,
          position: { x: p.x, y: p.y },
          data: { plan, vertex: vertices.get(plan.id), watermark: watermarks.get(plan.id), selected: plan.id === selected },
          draggable: false,
          connectable: false,
        };
      });
    });
  }, [job, watermarks, selected, layout]);
  const edges: Edge[] = useMemo(() => planEdges(job), [planKey]);

  return (
    <div className="graph" data-testid="job-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
        minZoom={0.2}
        maxZoom={1.5}
        nodesConnectable={false}
        nodesDraggable={false}
        elementsSelectable
        onNodeClick={(_e, node) => onSelect(node.id)}
        onPaneClick={() => onSelect(undefined)}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
      <div className="legend" data-testid="load-legend">
        <span>
          <i style={{ background: "hsl(207, 75%, 93%)" }} /> idle
        </span>
        <span>
          <i style={{ background: "hsl(0, 85%, 71%)" }} /> busy
        </span>
        <span>
          <i style={{ background: "hsl(0, 0%, 30%)" }} /> backpressured
        </span>
        <span className="muted">click a vertex for its subtasks, watermarks and backpressure</span>
      </div>
    </div>
  );
}

/** One edge per input of a vertex, labelled with its ship strategy (and side output). */
function planEdges(job: JobDetails): Edge[] {
  return job.plan.nodes.flatMap((n) =>
    (n.inputs ?? []).map((input) => ({
      id: `${input.id}->${n.id}#${input.num}${input.side_output ? `:${input.side_output}` : ""}`,
      source: input.id,
      target: n.id,
      label: input.side_output ? `${input.ship_strategy} (${input.side_output})` : input.ship_strategy,
      markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
      labelBgPadding: [6, 3] as [number, number],
      labelBgBorderRadius: 4,
      className: "job-edge",
      data: { shipStrategy: input.ship_strategy },
    })),
  );
}
