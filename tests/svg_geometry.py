"""A chart's geometry read back from the engine's SVG, and the checks a readable
organisation chart passes. No mocks: everything here parses real Graphviz output.

Boxes are (x0, y0, x1, y1) in SVG coordinates (y grows downward); connectors are polylines
(the straight segments orgraph routes, read off the path's Bézier end points) ending at the
arrowhead's tip when they have one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

SVG = "{http://www.w3.org/2000/svg}"
_NUM = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
EPS = 0.6  # points: slack for rounding in the SVG

Box = tuple[float, float, float, float]
Point = tuple[float, float]


@dataclass
class Edge:
    tail: str
    head: str
    classes: list[str]
    points: list[Point]
    arrow: bool

    @property
    def variant(self) -> str:
        return self.classes[0] if self.classes else ""


@dataclass
class Chart:
    boxes: dict[str, Box] = field(default_factory=dict)
    classes: dict[str, list[str]] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0


def _pairs(text: str) -> list[Point]:
    nums = [float(n) for n in _NUM.findall(text)]
    return list(zip(nums[0::2], nums[1::2], strict=False))


def parse(svg: bytes) -> Chart:
    """Read boxes and connectors out of an SVG chart."""
    root = ET.fromstring(svg)
    chart = Chart(width=float(root.get("width", "0pt").rstrip("pt")),
                  height=float(root.get("height", "0pt").rstrip("pt")))
    for group in root.iter(f"{SVG}g"):
        classes = (group.get("class") or "").split()
        title = group.find(f"{SVG}title")
        if not classes or title is None:
            continue
        if classes[0] == "node":
            points: list[Point] = []
            for shape in group:
                if shape.tag == f"{SVG}ellipse":
                    cx, cy = float(shape.get("cx")), float(shape.get("cy"))
                    rx, ry = float(shape.get("rx")), float(shape.get("ry"))
                    points += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
                elif shape.tag in (f"{SVG}polygon", f"{SVG}path"):
                    points += _pairs(shape.get("points") or shape.get("d") or "")
            if points:
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                chart.boxes[title.text] = (min(xs), min(ys), max(xs), max(ys))
                chart.classes[title.text] = classes[1:]
        elif classes[0] == "edge":
            tail, _, head = (title.text or "").partition("->")
            path = group.find(f"{SVG}path")
            if path is None:
                continue
            raw = _pairs(path.get("d") or "")
            pts = [raw[0], *raw[3::3]]
            arrow_poly = group.find(f"{SVG}polygon")
            arrow = arrow_poly is not None
            if arrow:
                end = pts[-1]
                tip = max(_pairs(arrow_poly.get("points")),
                          key=lambda p: (p[0] - end[0]) ** 2 + (p[1] - end[1]) ** 2)
                pts.append(tip)
            chart.edges.append(Edge(tail, head, classes[1:], _simplify(pts), arrow))
    return chart


def _simplify(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if out and abs(out[-1][0] - p[0]) < 1e-6 and abs(out[-1][1] - p[1]) < 1e-6:
            continue
        if len(out) >= 2 and _collinear(out[-2], out[-1], p):
            out[-1] = p
            continue
        out.append(p)
    return out


def _collinear(a: Point, b: Point, c: Point) -> bool:
    return abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])) < 1e-3


def segments(edge: Edge) -> list[tuple[Point, Point]]:
    return list(zip(edge.points, edge.points[1:], strict=False))


def _chart_boxes(chart: Chart) -> dict[str, Box]:
    """Boxes of the chart proper (title and legend left out)."""
    return {n: b for n, b in chart.boxes.items()
            if "legend" not in chart.classes[n] and "title" not in chart.classes[n]}


def _segment_hits_box(p: Point, q: Point, box: Box, inset: float = 1.5) -> bool:
    """Whether an axis-parallel (or any) segment passes through the box's inside."""
    x0, y0, x1, y1 = box[0] + inset, box[1] + inset, box[2] - inset, box[3] - inset
    if x0 >= x1 or y0 >= y1:
        return False
    # Liang–Barsky clipping
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if abs(pk) < 1e-12:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return t1 - t0 > 1e-6


def overlapping_boxes(chart: Chart) -> list[str]:
    """Pairs of boxes whose insides overlap."""
    boxes = sorted(_chart_boxes(chart).items(), key=lambda kv: kv[1][0])
    out = []
    for i, (a, ba) in enumerate(boxes):  # sweep on x
        for b, bb in boxes[i + 1:]:
            if bb[0] >= ba[2] - EPS:
                break
            if ba[1] < bb[3] - EPS and bb[1] < ba[3] - EPS:
                out.append(f"{a} overlaps {b}")
    return out


def connectors_through_boxes(chart: Chart) -> list[str]:
    """Connectors that pass through a box they do not connect."""
    boxes = _chart_boxes(chart)
    out = []
    for edge in chart.edges:
        if "legend" in edge.classes:
            continue
        for p, q in segments(edge):
            for name, box in boxes.items():
                if name in (edge.tail, edge.head):
                    continue
                if _segment_hits_box(p, q, box):
                    out.append(f"{edge.variant} {edge.tail}->{edge.head} crosses {name}")
    return out


def _proper_cross(a: tuple[Point, Point], b: tuple[Point, Point]) -> bool:
    """Two segments cross at a point inside both (not at an end, not overlapping)."""
    (p1, p2), (p3, p4) = a, b

    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2 = orient(p3, p4, p1), orient(p3, p4, p2)
    d3, d4 = orient(p1, p2, p3), orient(p1, p2, p4)
    tol = 1e-3
    return ((d1 > tol and d2 < -tol) or (d1 < -tol and d2 > tol)) and (
        (d3 > tol and d4 < -tol) or (d3 < -tol and d4 > tol))


TREE_VARIANTS = ("line", "staff", "staff_instructs", "delegation")


def crossing_tree_connectors(chart: Chart) -> list[str]:
    """Pairs of tree connectors (line, staff, delegation) that cross each other."""
    tree = [e for e in chart.edges if e.variant in TREE_VARIANTS and "legend" not in e.classes]
    out = []
    segs = [(e, s) for e in tree for s in segments(e)]
    horizontal = [(e, s) for e, s in segs if abs(s[0][1] - s[1][1]) < 1e-6]
    vertical = [(e, s) for e, s in segs if abs(s[0][0] - s[1][0]) < 1e-6]
    vertical.sort(key=lambda es: min(es[1][0][0], es[1][1][0]))
    xs = [min(s[0][0], s[1][0]) for _, s in vertical]
    import bisect

    for e1, s1 in horizontal:
        lo, hi = sorted((s1[0][0], s1[1][0]))
        for k in range(bisect.bisect_left(xs, lo), bisect.bisect_right(xs, hi)):
            e2, s2 = vertical[k]
            if e2 is not e1 and _proper_cross(s1, s2):
                out.append(f"{e1.tail}->{e1.head} crosses {e2.tail}->{e2.head}")
    return out


def shared_tree_runs(chart: Chart, least: float = 1.0) -> list[str]:
    """Pairs of tree connectors of different managers (tails) that run on top of each
    other for more than ``least`` points: a report hung on its grand-manager's spine, or one
    manager's bus read as another's. A manager's own connectors share its trunk and bus."""
    tree = [e for e in chart.edges if e.variant in TREE_VARIANTS and "legend" not in e.classes]
    segs = [(e, s) for e in tree for s in segments(e)]
    out: set[str] = set()
    for axis in (0, 1):  # vertical segments (x constant), then horizontal (y constant)
        flat = sorted(((s[0][axis], e, s) for e, s in segs
                       if abs(s[0][axis] - s[1][axis]) < 1e-6), key=lambda t: t[0])
        for i, (c1, e1, s1) in enumerate(flat):
            for c2, e2, s2 in flat[i + 1:]:
                if c2 - c1 > 1.0:
                    break
                if e1.tail != e2.tail and _shared_run(s1, s2) > least:
                    a, b = sorted((f"{e1.tail}->{e1.head}", f"{e2.tail}->{e2.head}"))
                    out.add(f"{a} runs on {b}")
    return sorted(out)


OVERLAY_VARIANTS = ("dotted", "member", "order", "service")


def _shared_run(a: tuple[Point, Point], b: tuple[Point, Point], tol: float = 1.0) -> float:
    """How long two axis-parallel segments run on top of each other (0 if they do not)."""
    (p, q), (r, s) = a, b
    for k in (0, 1):  # k: the axis both are constant on
        if abs(p[k] - q[k]) < 1e-6 and abs(r[k] - s[k]) < 1e-6 and abs(p[k] - r[k]) < tol:
            o = 1 - k
            return max(0.0, min(max(p[o], q[o]), max(r[o], s[o]))
                       - max(min(p[o], q[o]), min(r[o], s[o])))
    return 0.0


def overlays_on_reporting_lines(chart: Chart,
                                children: dict[str, list[str]] | None = None) -> list[str]:
    """Overlays that run on top of a reporting line (a tree connector, or, for the
    ``--show`` relations, a dotted line) for more than a point. ``children`` is the drawn
    tree (box name → box names hanging on it): a dotted edge along it (a staff unit hung by
    its dotted line) is a tree connector, not an overlay."""
    pairs = {(u, v) for u, kids in (children or {}).items() for v in kids}
    lines = [e for e in chart.edges if "legend" not in e.classes]
    tree = {id(e) for e in lines if e.variant in TREE_VARIANTS or (e.tail, e.head) in pairs}
    out = []
    for edge in lines:
        if edge.variant not in OVERLAY_VARIANTS or id(edge) in tree:
            continue
        for other in lines:
            under = id(other) in tree or (other.variant == "dotted" != edge.variant)
            if other is not edge and under and any(
                    _shared_run(a, b) > 1.0 for a in segments(edge) for b in segments(other)):
                out.append(f"{edge.variant} {edge.tail}->{edge.head} runs on "
                           f"{other.variant} {other.tail}->{other.head}")
    return out


COMB_VARIANTS = ("order", "service")


def crossing_combs(chart: Chart) -> list[str]:
    """Pairs of overlay *combs* (the ``order`` or ``service`` lines of one tail: a support
    unit's lines to the units it serves, drawn as one trunk with branches) whose lines
    cross each other, each pair once."""
    combs: dict[tuple[str, str], list[tuple[Point, Point]]] = {}
    for edge in chart.edges:
        if edge.variant in COMB_VARIANTS and "legend" not in edge.classes:
            combs.setdefault((edge.tail, edge.variant), []).extend(segments(edge))
    out = []
    keys = sorted(combs)
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            hits = sum(_proper_cross(s, t) or _shared_run(s, t) > 1.0
                       for s in combs[a] for t in combs[b])
            if hits:
                out.append(f"{a[1]} of {a[0]} crosses {b[1]} of {b[0]} ({hits}x)")
    return out


def _beside(a: tuple[Point, Point], b: tuple[Point, Point], near: float,
            ) -> tuple[float, float]:
    """(distance, length) of the stretch where two axis-parallel segments run side by side
    closer than ``near`` but not on each other (more than a point apart); (0, 0) if not."""
    (p, q), (r, s) = a, b
    for k in (0, 1):  # k: the axis both are constant on
        if abs(p[k] - q[k]) < 1e-6 and abs(r[k] - s[k]) < 1e-6:
            gap = abs(p[k] - r[k])
            if not 1.0 < gap < near:
                return 0.0, 0.0
            o = 1 - k
            run = (min(max(p[o], q[o]), max(r[o], s[o]))
                   - max(min(p[o], q[o]), min(r[o], s[o])))
            return (gap, run) if run > 0 else (0.0, 0.0)
    return 0.0, 0.0


def overlay_runs_beside_reporting_lines(chart: Chart,
                                        children: dict[str, list[str]] | None = None,
                                        near: float = 10.0) -> dict[str, float]:
    """Overlay → the longest stretch (points) it runs parallel to a reporting line (a tree
    connector, or for the ``--show`` relations a dotted line) closer than ``near`` points
    but not on it, where that stretch is longer than a point. ``children`` as in
    :func:`overlays_on_reporting_lines`."""
    pairs = {(u, v) for u, kids in (children or {}).items() for v in kids}
    lines = [e for e in chart.edges if "legend" not in e.classes]
    tree = {id(e) for e in lines if e.variant in TREE_VARIANTS or (e.tail, e.head) in pairs}
    out: dict[str, float] = {}
    for edge in lines:
        if edge.variant not in OVERLAY_VARIANTS or id(edge) in tree:
            continue
        longest = 0.0
        for other in lines:
            if other is edge or not (id(other) in tree
                                     or other.variant == "dotted" != edge.variant):
                continue
            for a in segments(edge):
                for b in segments(other):
                    longest = max(longest, _beside(a, b, near)[1])
        if longest > 1.0:
            out[f"{edge.variant} {edge.tail}->{edge.head}"] = longest
    return out


def overlay_crossings_of_tree(chart: Chart,
                              children: dict[str, list[str]] | None = None) -> dict[str, int]:
    """Overlay → how many times it crosses a tree connector (a reporting line, a staff stub,
    a delegation; a dotted edge the tree draws, per ``children`` as in
    :func:`overlays_on_reporting_lines`), where it has any. Connectors drawn on top of each
    other (the many reports of one trunk) count once: a crossing is a point, counted once
    per overlay however many connectors pass through it. Where a bundle's lines run
    together, each counts its own crossings, so the drawing's crossings are the distinct
    points: see :func:`tree_crossing_points`."""
    out: dict[str, int] = {}
    for edge, points in _tree_crossings(chart, children):
        key = f"{edge.variant} {edge.tail}->{edge.head}"
        out[key] = out.get(key, 0) + len(points)
    return out


def tree_crossing_points(chart: Chart, children: dict[str, list[str]] | None = None,
                         ) -> set[Point]:
    """The distinct points (rounded to a point) where an overlay crosses a tree connector:
    a bundle's trunk crossing the rådmann's trunk once is one point however many of its
    lines are drawn along it."""
    return {p for _, points in _tree_crossings(chart, children) for p in points}


def _tree_crossings(chart: Chart, children: dict[str, list[str]] | None,
                    ) -> list[tuple[Edge, set[Point]]]:
    pairs = {(u, v) for u, kids in (children or {}).items() for v in kids}
    lines = [e for e in chart.edges if "legend" not in e.classes]
    tree = [e for e in lines if e.variant in TREE_VARIANTS or (e.tail, e.head) in pairs]
    tree_ids = {id(e) for e in tree}
    tree_segs = {(tuple(round(v, 1) for v in p), tuple(round(v, 1) for v in q))
                 for e in tree for p, q in segments(e)}
    out = []
    for edge in lines:
        if edge.variant not in OVERLAY_VARIANTS or id(edge) in tree_ids:
            continue
        points: set[Point] = set()
        for s in segments(edge):
            for t in tree_segs:
                if _proper_cross(s, t):
                    points.add(_meet(s, t))
        if points:
            out.append((edge, points))
    return out


def _meet(a: tuple[Point, Point], b: tuple[Point, Point]) -> Point:
    """Where two crossing axis-parallel segments meet, rounded to a point."""
    (p, q), (r, _) = a, b
    vertical = abs(p[0] - q[0]) < 1e-6
    return (round(p[0]), round(r[1])) if vertical else (round(r[0]), round(p[1]))


def entry_side(edge: Edge, box: Box) -> str:
    """The side of ``box`` the edge's last segment enters from."""
    (px, py), (qx, qy) = edge.points[-2], edge.points[-1]
    if abs(qx - px) < abs(qy - py):
        return "top" if qy > py else "bottom"
    return "left" if qx > px else "right"


def bad_entries(chart: Chart) -> list[str]:
    """Reporting arrows that enter from below, or sideways into a box that is not in a
    column (a spine with at least two boxes entered from the same side)."""
    out = []
    spines: dict[tuple[str, float], int] = {}
    sideways = []
    for edge in chart.edges:
        if edge.variant != "line" or not edge.arrow or edge.head not in chart.boxes:
            continue
        side = entry_side(edge, chart.boxes[edge.head])
        if side == "bottom":
            out.append(f"{edge.tail}->{edge.head} enters from below")
        elif side in ("left", "right"):
            spine_x = round(edge.points[-2][0], 1)
            spines[(edge.tail, spine_x)] = spines.get((edge.tail, spine_x), 0) + 1
            sideways.append((edge, spine_x, side))
    for edge, spine_x, side in sideways:
        if spines[(edge.tail, spine_x)] < 2:
            out.append(f"{edge.tail}->{edge.head} enters a lone box from the {side}")
    return out


def staff_off_trunk(chart: Chart) -> list[str]:
    """Staff stubs that do not leave their manager's box at its bottom centre (the trunk)
    or at its right side (the vertical form)."""
    out = []
    for edge in chart.edges:
        if edge.variant not in ("staff", "staff_instructs") or "legend" in edge.classes:
            continue
        x0, y0, x1, y1 = chart.boxes[edge.tail]
        sx, sy = edge.points[0]
        trunk = abs(sx - (x0 + x1) / 2) < 1.5 and abs(sy - y1) < 2.5
        side = abs(sx - x1) < 2.5 and y0 - EPS <= sy <= y1 + EPS
        if not (trunk or side):
            out.append(f"staff {edge.tail}->{edge.head} leaves {edge.tail} at {sx:.1f},{sy:.1f}")
    return out


def overlapping_siblings(chart: Chart, children: dict[str, list[str]]) -> list[str]:
    """Sibling subtrees whose bounding boxes overlap; ``children`` is the drawn tree
    (box name → box names hanging on it)."""
    bbox: dict[str, Box] = {}
    order: list[str] = []
    stack = [n for n in children if not any(n in c for c in children.values())]
    seen = set()
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        order.append(n)
        stack.extend(children.get(n, []))
    for n in reversed(order):
        b = chart.boxes[n]
        for c in children.get(n, []):
            cb = bbox[c]
            b = (min(b[0], cb[0]), min(b[1], cb[1]), max(b[2], cb[2]), max(b[3], cb[3]))
        bbox[n] = b
    out = []
    for n, kids in children.items():
        for i, a in enumerate(kids):
            for b in kids[i + 1:]:
                ba, bb = bbox[a], bbox[b]
                if ba[0] < bb[2] - EPS and bb[0] < ba[2] - EPS and ba[1] < bb[3] - EPS and (
                        bb[1] < ba[3] - EPS):
                    out.append(f"subtrees of {a} and {b} (under {n}) overlap")
    return out


def all_problems(chart: Chart, children: dict[str, list[str]] | None = None) -> list[str]:
    """Every check at once."""
    problems = [*overlapping_boxes(chart), *connectors_through_boxes(chart),
                *crossing_tree_connectors(chart), *shared_tree_runs(chart),
                *bad_entries(chart), *staff_off_trunk(chart)]
    if children is not None:
        problems += overlapping_siblings(chart, children)
    return problems
