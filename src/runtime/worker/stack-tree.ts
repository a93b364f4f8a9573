/**
 * Sampled call stacks as a tree (docs/architecture.md, "Flame graphs"): what a slot worker makes of a V8
 * CPU profile and what the REST layer merges across subtasks into Flink's flame-graph JSON. A node's
 * `value` is the number of samples whose stack passed through it (its own samples plus its children's),
 * so the root's value is the number of samples taken.
 */

export interface StackNode {
  name: string;
  value: number;
  children: StackNode[];
}

/** What V8 names a sample taken while the thread waited for work (no JavaScript stack). */
export const IDLE_FRAME = "(idle)";
/** The name of every tree's root, as Flink names it. */
export const ROOT_FRAME = "root";

/** The parts of a V8 CPU profile (inspector's Profiler.Profile) the tree is built from. */
export interface V8CpuProfile {
  nodes: { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }[];
}

/** Where V8 says a function is: 0-based line and column in the script at `url`. */
export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

/**
 * The original position of generated code (a job bundle's source map points into the user's files), or
 * undefined to keep V8's. Lines are 1-based.
 */
export type SourceLocator = (frame: CallFrame) => { file: string; line: number } | undefined;

/** `burnCpuInMap (job.ts:12)`: the function, and where it is when V8 knows (lines are 1-based here, 0-based in V8). */
export function frameName(callFrame: CallFrame, locate?: SourceLocator): string {
  const fn = callFrame.functionName || "(anonymous)";
  if (!callFrame.url) return fn;
  const original = locate?.(callFrame);
  const where = original ?? { file: callFrame.url, line: callFrame.lineNumber + 1 };
  return `${fn} (${where.file.slice(where.file.lastIndexOf("/") + 1)}:${where.line})`;
}

/**
 * The profile's call tree with inclusive sample counts. V8's own root frame becomes the tree's root;
 * frames of the same name under one parent (one function called from two lines) are merged.
 */
export function stackTreeFromProfile(profile: V8CpuProfile, locate?: SourceLocator): StackNode {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const referenced = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  const rootNode = profile.nodes.find((n) => !referenced.has(n.id));
  const build = (id: number, name: string, depth: number): StackNode => {
    const n = byId.get(id);
    // Guard against malformed input rather than recursing forever on a cycle.
    if (!n || depth > 10_000) return { name, value: 0, children: [] };
    const children = mergeSiblings((n.children ?? []).map((c) => build(c, frameName(byId.get(c)?.callFrame ?? { functionName: "?", url: "", lineNumber: 0 }, locate), depth + 1)));
    return { name, value: (n.hitCount ?? 0) + children.reduce((s, c) => s + c.value, 0), children: children.filter((c) => c.value > 0) };
  };
  return rootNode ? build(rootNode.id, ROOT_FRAME, 0) : { name: ROOT_FRAME, value: 0, children: [] };
}

/** Trees merged into one under a root called `name`: the samples of equal stacks add up. */
export function mergeStackTrees(trees: readonly StackNode[], name = ROOT_FRAME): StackNode {
  const children = mergeSiblings(trees.flatMap((t) => t.children));
  return { name, value: trees.reduce((s, t) => s + t.value, 0), children };
}

function mergeSiblings(nodes: readonly StackNode[]): StackNode[] {
  const byName = new Map<string, StackNode[]>();
  for (const n of nodes) {
    const same = byName.get(n.name);
    if (same) same.push(n);
    else byName.set(n.name, [n]);
  }
  return [...byName.entries()]
    .map(([name, same]) => (same.length === 1 ? same[0]! : mergeStackTrees(same, name)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The tree restricted to the root's children that `keep` accepts (e.g. without the idle samples). */
export function filterTopFrames(tree: StackNode, keep: (name: string) => boolean): StackNode {
  const children = tree.children.filter((c) => keep(c.name));
  // The root keeps samples it holds itself (none in a V8 profile, but merged trees may have them).
  const own = tree.value - tree.children.reduce((s, c) => s + c.value, 0);
  return { name: tree.name, value: own + children.reduce((s, c) => s + c.value, 0), children };
}

/**
 * One task's part of its thread's samples (docs/architecture.md, "Flame graphs"). A sample belongs to the
 * innermost task frame on its stack (`taskOf` names the task of a frame, or undefined); a sample outside
 * every task frame — the thread waiting, collecting garbage, doing the worker's own work — counts for every
 * task, as the thread of a Flink task is sampled whatever it does. The task's own frame is shown as `label`.
 */
export function taskView(tree: StackNode, taskOf: (frame: string) => string | undefined, task: string, label: string): StackNode {
  const root: StackNode = { name: tree.name, value: 0, children: [] };
  const add = (path: string[], samples: number): void => {
    root.value += samples;
    let node = root;
    for (const name of path) {
      let child = node.children.find((c) => c.name === name);
      if (!child) node.children.push((child = { name, value: 0, children: [] }));
      child.value += samples;
      node = child;
    }
  };
  const walk = (node: StackNode, path: string[], owner: string | undefined): void => {
    const self = node.value - node.children.reduce((s, c) => s + c.value, 0);
    if (self > 0 && (owner === undefined || owner === task)) add(path, self);
    for (const c of node.children) {
      const t = taskOf(c.name);
      walk(c, [...path, t === task ? label : c.name], t ?? owner);
    }
  };
  walk(tree, [], undefined);
  const sort = (n: StackNode): void => {
    n.children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    n.children.forEach(sort);
  };
  sort(root);
  return root;
}
