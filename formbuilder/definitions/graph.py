"""The flow graph of a definition's steps: who follows whom through ``next`` and branches.

A process runs forward only; going back is an approval's ``return_to``, which is not an edge
here. So the graph must have no cycle, and every step must be reachable from the first.
Steps are numbered by their place in the definition; each edge keeps the path of the key that
made it, so a fault is reported where the author wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    #: where the edge is written, e.g. ``steps[0].branches[1].goto``
    path: str


class FlowGraph:
    def __init__(self, size: int, edges: list[Edge]):
        self.size = size
        self.edges = edges
        self._out: dict[int, list[Edge]] = {i: [] for i in range(size)}
        self._ancestors: dict[int, set[int]] = {}
        for edge in edges:
            self._out[edge.source].append(edge)

    def reachable(self, start: int = 0) -> set[int]:
        """Steps that can be reached from ``start``, ``start`` included."""
        seen, todo = {start}, [start]
        while todo:
            for edge in self._out[todo.pop()]:
                if edge.target not in seen:
                    seen.add(edge.target)
                    todo.append(edge.target)
        return seen

    def ancestors(self, step: int) -> set[int]:
        """Steps from which ``step`` can be reached: the steps that run before it."""
        if step not in self._ancestors:
            self._ancestors[step] = {
                i for i in range(self.size) if i != step and step in self.reachable(i)
            }
        return self._ancestors[step]

    def cycle_edges(self) -> list[Edge]:
        """Edges that close a cycle (each leads back to a step still being walked)."""
        state = [0] * self.size  # 0 unvisited, 1 on the current walk, 2 done
        closing: list[Edge] = []
        for root in range(self.size):
            if state[root]:
                continue
            state[root] = 1
            stack = [(root, iter(self._out[root]))]
            while stack:
                node, pending = stack[-1]
                edge = next(pending, None)
                if edge is None:
                    state[node] = 2
                    stack.pop()
                elif state[edge.target] == 1:
                    closing.append(edge)
                elif state[edge.target] == 0:
                    state[edge.target] = 1
                    stack.append((edge.target, iter(self._out[edge.target])))
        return closing
