/**
 * Resource dependencies form a DAG within one product tier. These functions are pure: the caller hands in
 * the tier's resources (one Query on the service partition) and gets back a verdict plus the resources
 * whose state the verdict relied on, so the write can be made conditional on exactly those versions.
 */
import { BadRequest } from '#shared/errors.ts';

export interface GraphNode {
  id: string;
  /** Shown in messages. */
  label: string;
  dependsOn: string[];
}

export type Graph = ReadonlyMap<string, GraphNode>;

export function graphOf(nodes: GraphNode[]): Graph {
  return new Map(nodes.map((n) => [n.id, n]));
}

/** Path of ids from `start` to `goal` following dependencies, or undefined; records every node visited. */
function pathTo(graph: Graph, start: string, goal: string, visited: Set<string>): string[] | undefined {
  const stack: { id: string; path: string[] }[] = [{ id: start, path: [start] }];
  while (stack.length) {
    const { id, path } = stack.pop()!;
    if (id === goal) return path;
    if (visited.has(id)) continue;
    visited.add(id);
    for (const next of graph.get(id)?.dependsOn ?? []) if (!visited.has(next)) stack.push({ id: next, path: [...path, next] });
  }
  return undefined;
}

export interface DependencyVerdict {
  /** Resources whose dependencies the check read (their versions must not change before the write). */
  relied: string[];
}

/**
 * Checks that `resourceId` may depend on every id in `targets`: each is another resource of the same tier
 * (present in `graph`), and none reaches back to `resourceId`. Throws a 400 naming the cycle otherwise.
 */
export function checkDependencies(graph: Graph, resourceId: string, targets: string[]): DependencyVerdict {
  const visited = new Set<string>();
  const label = (id: string) => graph.get(id)?.label ?? id;
  for (const target of targets) {
    if (target === resourceId) throw new BadRequest('a resource cannot depend on itself');
    if (!graph.has(target)) {
      throw new BadRequest(`resource ${target} is not a resource of the same product tier and service`);
    }
    const back = pathTo(graph, target, resourceId, visited);
    if (back) {
      const cycle = [resourceId, ...back].map(label).join(' → ');
      throw new BadRequest(`dependency would create a cycle: ${cycle}`);
    }
  }
  return { relied: [...visited] };
}

/** Resources that depend directly on `resourceId`, in graph order. */
export function dependentsOf(graph: Graph, resourceId: string): string[] {
  return [...graph.values()].filter((n) => n.dependsOn.includes(resourceId)).map((n) => n.id);
}
