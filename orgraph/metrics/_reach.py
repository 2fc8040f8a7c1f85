"""Reachability through the condensation of a reporting graph: the general algorithm behind
:mod:`orgraph.metrics.krackhardt` for graphs with cycles and for the textbook LUB reading.

Tarjan's strongly connected components, then per condensed node its top (source)
components, the weight of its ancestors and of its descendants (see the notes of
:mod:`orgraph.metrics.krackhardt`).

Examples
--------
>>> reach = _Reach(3, [[1], [2], []], 0)
>>> reach.n, reach.n_edges
(3, 2)
"""

from __future__ import annotations

from orgraph.metrics._hierarchy_counts import _pairs


def _tarjan(n: int, succ: list[list[int]]) -> list[int]:
    """Strongly connected components (iterative Tarjan); returns component id per node."""
    index = [-1] * n
    low = [0] * n
    on = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    counter = 0
    ncomp = 0
    for start in range(n):
        if index[start] != -1:
            continue
        work = [(start, 0)]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on[start] = True
        while work:
            v, i = work[-1]
            children = succ[v]
            if i < len(children):
                work[-1] = (v, i + 1)
                w = children[i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on[w] = True
                    work.append((w, 0))
                elif on[w] and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[v] < low[parent]:
                    low[parent] = low[v]
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on[w] = False
                    comp[w] = ncomp
                    if w == v:
                        break
                ncomp += 1
    return comp


def _find(parent: dict[int, int], x: int) -> int:
    """Union-find root of ``x`` in ``parent`` (absent = its own root), with path compression."""
    root = x
    while parent.get(root, root) != root:
        root = parent[root]
    while parent.get(x, x) != root:
        parent[x], x = root, parent[x]
    return root


class _Reach:
    """Reachability facts of a digraph, via its condensation, without an n × n matrix."""

    def __init__(self, n: int, succ: list[list[int]], loops: int) -> None:
        self.n = n
        self.loops = loops
        self.n_edges = sum(len(s) for s in succ)  # without self-loops
        order = self._topological(n, succ)
        if order is None:  # a cycle: condense
            comp = _tarjan(n, succ)
            k = max(comp) + 1 if n else 0
            weight = [0] * k
            for c in comp:
                weight[c] += 1
            csets: list[set[int]] = [set() for _ in range(k)]
            inside = 0
            for u in range(n):
                cu = comp[u]
                for v in succ[u]:
                    cv = comp[v]
                    if cu == cv:
                        inside += 1
                    else:
                        csets[cu].add(cv)
            self.comp = comp
            self.edges_in_cycles = inside
            succ = [list(s) for s in csets]
            n = k
            order = self._topological(n, succ)
            assert order is not None
        else:
            weight = [1] * n
            self.comp = None
            self.edges_in_cycles = 0
        self.k = n
        self.weight = weight
        self.succ = succ
        self.order = order
        self._propagate()

    @staticmethod
    def _topological(n: int, succ: list[list[int]]) -> list[int] | None:
        indeg = [0] * n
        for s in succ:
            for v in s:
                indeg[v] += 1
        order = [v for v in range(n) if indeg[v] == 0]
        i = 0
        while i < len(order):
            for v in succ[order[i]]:
                indeg[v] -= 1
                if indeg[v] == 0:
                    order.append(v)
            i += 1
        return order if len(order) == n else None

    def _propagate(self) -> None:
        """Per condensed node: its top components, the weight and number of its ancestors,
        and the weight of its descendants (the attributes the measures read)."""
        self.pred = self._predecessors(self.k, self.succ)
        self.roots, self.anc_w, self.anc_n, self.multi = self._ancestry(
            self.order, self.pred, self.weight)
        upper = self._upper(self.multi, self.pred)
        self.desc_w = self._descendant_weights(self.order, self.succ, self.weight, upper)
        self.upper = upper

    @staticmethod
    def _predecessors(k: int, succ: list[list[int]]) -> list[list[int]]:
        """Each node's direct superiors, from the successor lists.

        Examples
        --------
        >>> _Reach._predecessors(3, [[1, 2], [2], []])
        [[], [0], [0, 1]]
        """
        pred: list[list[int]] = [[] for _ in range(k)]
        for u in range(k):
            for v in succ[u]:
                pred[v].append(u)
        return pred

    @staticmethod
    def _ancestry(order: list[int], pred: list[list[int]], weight: list[int]) -> tuple[
            list[frozenset[int] | None], list[int], list[int], list[int]]:
        """In topological ``order``: each node's source components above (itself included;
        equal sets are one object), the total weight and the number of its strict ancestors,
        and the nodes with two or more superiors (walked explicitly).

        Examples
        --------
        >>> roots, anc_w, anc_n, multi = _Reach._ancestry([0, 1, 2], [[], [], [0, 1]],
        ...                                                [1, 1, 1])
        >>> sorted(roots[2]), anc_w, anc_n, multi
        ([0, 1], [0, 0, 2], [0, 0, 2], [2])
        """
        k = len(order)
        roots: list[frozenset[int] | None] = [None] * k
        anc_w = [0] * k
        anc_n = [0] * k
        multi: list[int] = []
        interned: dict[frozenset[int], frozenset[int]] = {}
        for v in order:
            ps = pred[v]
            if not ps:
                roots[v] = frozenset((v,))
            elif len(ps) == 1:
                p = ps[0]
                roots[v] = roots[p]
                anc_w[v] = anc_w[p] + weight[p]
                anc_n[v] = anc_n[p] + 1
            else:
                multi.append(v)
                union = frozenset().union(*(roots[p] for p in ps))  # type: ignore[arg-type]
                roots[v] = interned.setdefault(union, union)
                anc = _Reach._ancestors(v, pred)
                anc_w[v] = sum(weight[a] for a in anc)
                anc_n[v] = len(anc)
        return roots, anc_w, anc_n, multi

    @staticmethod
    def _upper(multi: list[int], pred: list[list[int]]) -> set[int]:
        """U: the ancestors-or-self of the nodes with two or more superiors (``multi``).

        Examples
        --------
        >>> sorted(_Reach._upper([3], [[], [0], [0], [1, 2], [3]]))
        [0, 1, 2, 3]
        """
        upper: set[int] = set()
        stack = list(multi)
        while stack:
            v = stack.pop()
            if v not in upper:
                upper.add(v)
                stack.extend(pred[v])
        return upper

    @staticmethod
    def _descendant_weights(order: list[int], succ: list[list[int]], weight: list[int],
                            upper: set[int]) -> list[int]:
        """Each node's total weight of descendants: summed bottom-up outside ``upper``
        (there descendants never meet twice), walked for the nodes in ``upper``."""
        desc_w = [0] * len(order)
        for v in reversed(order):
            if v not in upper:
                total = 0
                for c in succ[v]:
                    total += weight[c] + desc_w[c]
                desc_w[v] = total
        for v in upper:
            seen = {v}
            stack = [v]
            total = 0
            while stack:
                y = stack.pop()
                for c in succ[y]:
                    if c in seen:
                        continue
                    seen.add(c)
                    if c in upper:
                        total += weight[c]
                        stack.append(c)
                    else:
                        total += weight[c] + desc_w[c]
            desc_w[v] = total
        return desc_w

    @staticmethod
    def _ancestors(v: int, pred: list[list[int]]) -> set[int]:
        seen: set[int] = set()
        stack = list(pred[v])
        while stack:
            u = stack.pop()
            if u not in seen:
                seen.add(u)
                stack.extend(pred[u])
        return seen

    # ------------------------------------------------------------------ components
    def components(self) -> tuple[list[int], dict[int, list[tuple[frozenset[int], int]]]]:
        """Weak component sizes, and per component its (root set, weight) groups."""
        parent: dict[int, int] = {}

        def find(x: int) -> int:
            return _find(parent, x)

        for v in self.multi:
            rs = list(self.roots[v])  # type: ignore[arg-type]
            a = find(rs[0])
            for r in rs[1:]:
                b = find(r)
                if a != b:
                    parent[b] = a
        group_w: dict[int, int] = {}
        group_set: dict[int, frozenset[int]] = {}
        for v in range(self.k):
            rs = self.roots[v]
            key = id(rs)
            if key in group_w:
                group_w[key] += self.weight[v]
            else:
                group_w[key] = self.weight[v]
                group_set[key] = rs  # type: ignore[assignment]
        comps: dict[int, list[tuple[frozenset[int], int]]] = {}
        for key, w in group_w.items():
            rs = group_set[key]
            comps.setdefault(find(next(iter(rs))), []).append((rs, w))
        sizes = [sum(w for _, w in groups) for groups in comps.values()]
        return sizes, comps


def _lub_counts(comps: dict[int, list[tuple[frozenset[int], int]]]) -> tuple[int, int, int]:
    """Over weak components larger than 2: (max violations, pairs with exactly one common
    top component, pairs with none)."""
    maxv = one = zero = 0
    for groups in comps.values():
        size = sum(w for _, w in groups)
        if size <= 2:
            continue
        maxv += (size - 1) * (size - 2) // 2
        single: dict[int, int] = {}
        multis: list[tuple[frozenset[int], int]] = []
        for rs, w in groups:
            if len(rs) == 1:
                (r,) = rs
                single[r] = single.get(r, 0) + w
            else:
                multis.append((rs, w))
        total_single = sum(single.values())
        one += sum(_pairs(w) for w in single.values())
        zero += (total_single * total_single - sum(w * w for w in single.values())) // 2
        for rs, w in multis:
            covered = sum(single.get(r, 0) for r in rs)
            one += w * covered
            zero += w * (total_single - covered)
        for i, (rs, w) in enumerate(multis):
            for rs2, w2 in multis[i + 1:]:
                common = len(rs & rs2)
                if common == 1:
                    one += w * w2
                elif common == 0:
                    zero += w * w2
    return maxv, one, zero


def _textbook_extra(reach: _Reach) -> int:
    """Pairs below nodes with two superiors whose common superiors have no least element."""
    below: set[int] = set()
    stack = list(reach.multi)
    while stack:
        v = stack.pop()
        if v not in below:
            below.add(v)
            stack.extend(reach.succ[v])
    h = sorted(below)
    anc = {v: reach._ancestors(v, reach.pred) | {v} for v in h}
    bad = 0
    for i, x in enumerate(h):
        ax = anc[x]
        for y in h[i + 1:]:
            ay = anc[y]
            if x in ay or y in ax:
                continue
            common = ax & ay
            if not common:
                continue  # no common superior: counted with the pairs without one
            if not any(reach.anc_n[z] + 1 == len(common) for z in common):
                bad += reach.weight[x] * reach.weight[y]
    return bad
