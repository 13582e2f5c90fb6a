"""Positions for the contact network's nodes, computed once in Python so the page only draws.

A force-directed layout (Fruchterman–Reingold, vectorised with numpy, fixed seed) puts people
who meet often near each other; it is deterministic, so a page regenerated from the same
events looks the same. Past a few hundred nodes the quadratic cost is not worth it, and the
nodes are placed on a circle ordered by country instead (still readable: a state's people
sit together).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

__all__ = ["layout"]

_FORCE_LIMIT = 600
_ITERATIONS = 200


def _circle(order: Sequence[str]) -> dict[str, tuple[float, float]]:
    n = max(len(order), 1)
    return {node: (0.5 + 0.45 * math.cos(2 * math.pi * i / n),
                   0.5 + 0.45 * math.sin(2 * math.pi * i / n)) for i, node in enumerate(order)}


def layout(nodes: Sequence[str], weights: Mapping[tuple[str, str], int],
           group: Mapping[str, str] | None = None) -> dict[str, tuple[float, float]]:
    """Coordinates in ``[0, 1]²`` for ``nodes``; ``weights`` pull pairs together.

    ``group`` (a node's country) orders the circle fallback and seeds the force layout.
    """
    order = sorted(nodes, key=lambda n: ((group or {}).get(n, ""), n))
    if len(order) > _FORCE_LIMIT or len(order) < 3:
        return _circle(order)
    index = {node: i for i, node in enumerate(order)}
    start = _circle(order)
    pos = np.array([start[n] for n in order], dtype=float)
    rng = np.random.default_rng(16)
    pos += rng.normal(0.0, 0.01, pos.shape)
    edges = np.array([(index[a], index[b]) for (a, b) in weights if a in index and b in index],
                     dtype=int).reshape(-1, 2)
    strength = np.array([weights[(order[a], order[b])] for a, b in edges], dtype=float)
    k = 1.0 / math.sqrt(len(order))
    temperature = 0.1
    for _ in range(_ITERATIONS):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=-1), 1e-4)
        push = (delta / dist[..., None]) * (k * k / dist)[..., None]
        move = push.sum(axis=1)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=-1), 1e-4)
            pull = (d / length[:, None]) * ((length * length / k) * np.log1p(strength))[:, None]
            np.add.at(move, edges[:, 0], -pull)
            np.add.at(move, edges[:, 1], pull)
        move += (0.5 - pos) * len(order) * k  # gravity: components stay near, edges readable
        size = np.maximum(np.linalg.norm(move, axis=-1), 1e-9)
        pos += move / size[:, None] * np.minimum(size, temperature)[:, None]
        temperature *= 0.98
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.where(high - low > 1e-9, high - low, 1.0)
    pos = 0.05 + 0.9 * (pos - low) / span
    return {node: (float(pos[i, 0]), float(pos[i, 1])) for i, node in enumerate(order)}
