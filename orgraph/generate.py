"""Generated organisations of realistic shape, for tests and benchmarks of big charts.

:func:`generate_company` builds a company of ``n_people`` people, one node per person,
deterministically from a seed: the same arguments always give the same organisation (the
same ids, labels and edges, in the same order), on every platform.

The shape follows how real organisation charts look, not a random tree:

* every manager has 1 to 15 direct reports (spans of 4 to 8 are the most common);
* the people below a manager are split unevenly between the reports (one big division and
  several small ones, as in most companies), so subtrees differ a lot in size;
* a few branches run deep: about one manager in 25 with many people below has a single
  report or two (a deputy, a chain of heads of section) before the team fans out again;
* senior managers (50 people or more below them) have one or two staff beside the line:
  assistants, controllers, advisers (``kind="staff"``, joined by a ``staff`` edge; every
  third one with authority to instruct).

Kinds follow the legend of Vedlegg 1: the chief executive is ``cao``, the heads of the top
level ``executive`` (line managers of their divisions, so ``acts_for_cao=False``: not a
rådmann's team acting on its behalf), other managers ``department``, people without reports
``unit``.
Every node is one person with ``label`` "Name\\nTitle" (Norwegian titles; ``label_en``
carries the English ones) and ``headcount=1``. Names are drawn from common Norwegian first
names and surnames, so two people may share a name, as in life; ids (``p1``, ``p2``, ...)
are unique.

Examples
--------
>>> org = generate_company(200, seed=1)
>>> org.number_of_nodes()
200
>>> org.nodes["p1"]["kind"], org.line_superior("p1")
('cao', None)
>>> generate_company(200, seed=1).edges == org.edges
True
>>> max(sum(1 for _ in org.successors(n)) for n in org) <= 15
True
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from orgraph.model import Organisation

__all__ = ["MAX_SPAN", "generate_company"]

#: Most direct reports (line and staff together) any generated manager has.
MAX_SPAN = 15
_SPAN_WEIGHTS = (2, 4, 6, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 2, 1)  # spans 1..15
_DEEP_CHANCE = 0.04  # a manager with a big budget starts a deep branch (span 1-2)
_STAFF_FROM = 50  # people below a manager from which they get staff beside the line
_FLAT_TEAM = 0.7  # chance that a manager of at most 15 people has them all as reports
_SMALLEST_TEAM = 3  # shares of fewer people below a report are pooled into the biggest
_FIRST = ("Kari", "Ola", "Anne", "Per", "Ingrid", "Lars", "Liv", "Jon", "Marit", "Knut",
          "Hilde", "Terje", "Nina", "Geir", "Silje", "Arne", "Tone", "Espen", "Hanne", "Rune",
          "Sigrid", "Bjørn", "Åse", "Øystein", "Solveig", "Trond", "Ragnhild", "Håkon",
          "Eva", "Morten", "Kristin", "Stian", "Ida", "Jørgen", "Mari", "Even", "Tuva",
          "Magnus", "Ylva", "Sindre")
_LAST = ("Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
         "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg",
         "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen",
         "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen",
         "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen",
         "Paulsen", "Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen",
         "Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård", "Bakke",
         "Kristensen", "Fredriksen", "Holm", "Lien", "Hauge", "Christensen", "Andresen",
         "Nielsen", "Knudsen", "Evensen", "Sæther", "Aas", "Myhre", "Hanssen", "Ahmed",
         "Haugland", "Thomassen", "Sivertsen", "Simonsen", "Danielsen", "Berntsen",
         "Sandvik", "Rønning", "Arnesen", "Antonsen", "Næss", "Vik", "Haug", "Ellingsen",
         "Thorsen", "Edvardsen", "Birkeland", "Isaksen", "Gulbrandsen", "Ruud", "Aasen",
         "Strøm", "Myklebust", "Tangen", "Ødegård", "Eliassen", "Helland", "Bøe",
         "Jenssen", "Aune", "Mikkelsen", "Tveit", "Brekke", "Abrahamsen", "Madsen")
_AREAS = (("Økonomi", "Finance"), ("Drift", "Operations"), ("Salg", "Sales"),
          ("Marked", "Marketing"), ("IT", "IT"), ("Personal", "HR"), ("Innkjøp", "Purchasing"),
          ("Logistikk", "Logistics"), ("Produksjon", "Production"), ("Kundeservice",
          "Customer service"), ("Utvikling", "Development"), ("Juridisk", "Legal"),
          ("Eiendom", "Property"), ("Havner", "Ports"), ("Sikkerhet", "Security"))
_STAFF = (("Assistent", "Assistant"), ("Controller", "Controller"),
          ("Rådgiver", "Adviser"), ("Kommunikasjonsrådgiver", "Communications adviser"))
_WORKERS = (("Konsulent", "Consultant"), ("Rådgiver", "Adviser"),
            ("Saksbehandler", "Case officer"), ("Ingeniør", "Engineer"),
            ("Tekniker", "Technician"), ("Selger", "Sales representative"),
            ("Analytiker", "Analyst"), ("Koordinator", "Coordinator"),
            ("Operatør", "Operator"), ("Spesialist", "Specialist"))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` uneven non-negative shares (largest remainder)."""
    weights = [rng.paretovariate(1.3) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    order = sorted(range(parts), key=lambda i: weights[i] * scale - shares[i], reverse=True)
    for i in order[:total - sum(shares)]:
        shares[i] += 1
    small = [i for i in range(parts) if 0 < shares[i] < _SMALLEST_TEAM]
    if small:  # a team of one or two below a report is rare: pool them into the biggest
        biggest = max(range(parts), key=shares.__getitem__)
        for i in small:
            if i != biggest:
                shares[biggest] += shares[i]
                shares[i] = 0
    return shares


def _span(rng: random.Random, budget: int) -> int:
    """How many direct reports a manager with ``budget`` people below gets."""
    if budget > 20 and rng.random() < _DEEP_CHANCE:
        return rng.choice((1, 2))
    if budget <= MAX_SPAN and rng.random() < _FLAT_TEAM:
        return budget
    return min(budget, rng.choices(range(1, MAX_SPAN + 1), weights=_SPAN_WEIGHTS)[0])


def _title(rng: random.Random, level: int, manager: bool, area: tuple[str, str]
           ) -> tuple[str, str]:
    if level == 0:
        return "Administrerende direktør", "Chief executive"
    if manager and level == 1:
        return f"Direktør {area[0].lower()}", f"Director of {area[1].lower()}"
    if manager:
        return f"Leder {area[0].lower()}", f"Head of {area[1].lower()}"
    return rng.choice(_WORKERS)


def _person(org: Organisation, rng: random.Random, node: str, kind: str,
            title: tuple[str, str], **attrs: object) -> None:
    name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    org.add_unit(node, kind=kind, label=f"{name}\n{title[0]}", label_en=f"{name}\n{title[1]}",
                 headcount=1, **attrs)


def generate_company(n_people: int, seed: int = 0, *, name: str | None = None,
                     areas: Sequence[tuple[str, str]] = _AREAS) -> Organisation:
    """Return a generated company of ``n_people`` people (see the module notes).

    Parameters
    ----------
    n_people : int
        Number of people (nodes), 1 or more.
    seed : int
        Seed of the generator: the same seed gives the same organisation.
    name : str, optional
        The organisation's name (default "Konsern N").
    areas : sequence of (Norwegian, English) pairs
        Names of the divisions, used in the managers' titles.

    Returns
    -------
    Organisation
        People ``p1`` (the chief executive) to ``pN`` in breadth-first order.

    Raises
    ------
    ValueError
        ``n_people`` is below 1.

    Examples
    --------
    >>> org = generate_company(5, seed=3)
    >>> [org.nodes[n]["kind"] for n in org]
    ['cao', 'unit', 'unit', 'unit', 'unit']
    >>> generate_company(0)
    Traceback (most recent call last):
    ...
    ValueError: n_people must be 1 or more, not 0
    """
    if n_people < 1:
        raise ValueError(f"n_people must be 1 or more, not {n_people}")
    rng = random.Random(seed)
    org = Organisation(name=name or f"Konsern {n_people}",
                       sources=[f"orgraph.generate.generate_company({n_people}, seed={seed})"])
    # (node, people below it, level, area), breadth first: ids grow level by level
    queue = [("p1", n_people - 1, 0, areas[0])]
    edges: list[tuple[str, str, str]] = []
    staff_ids: dict[str, bool] = {}  # staff person -> has authority to instruct
    head = 0
    while head < len(queue):
        node, budget, level, area = queue[head]
        head += 1
        if node in staff_ids:
            _person(org, rng, node, "staff", rng.choice(_STAFF),
                    **({"instructs": True} if staff_ids[node] else {}))
            continue
        kind = "cao" if level == 0 else ("unit" if budget == 0 else
                                         "executive" if level == 1 else "department")
        _person(org, rng, node, kind, _title(rng, level, budget > 0, area),
                **({"role": "other", "acts_for_cao": False} if kind == "executive" else {}))
        if budget == 0:
            continue
        staff = min(budget - 1, rng.choice((1, 1, 2))) if budget >= _STAFF_FROM else 0
        for s in range(staff):
            sid = f"p{len(queue) + 1}"
            staff_ids[sid] = s % 3 == 1
            queue.append((sid, 0, level + 1, area))
            edges.append((node, sid, "staff"))
        budget -= staff
        span = min(_span(rng, budget), MAX_SPAN - staff)
        for i, share in enumerate(_split(rng, budget - span, span)):
            child = f"p{len(queue) + 1}"
            queue.append((child, share, level + 1, areas[i % len(areas)] if level == 0 else area))
            edges.append((node, child, "line"))
    for superior, subordinate, relation in edges:
        org.add_relation(superior, subordinate, relation)
    return org
