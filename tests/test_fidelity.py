"""The charts hold what Vedlegg 1 and the chapters say of each municipality (issue 9,
"Fidelity to Vedlegg 1"). Expected labels and numbers are typed from NIBR-rapport 2002:21,
cited per test, never read from the charts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import orgraph
from orgraph import metrics
from orgraph.errors import ChartError
from orgraph.render import to_dot
from orgraph.render.expand import expand_aggregate

CHARTS = Path(__file__).resolve().parent.parent / "charts"


def load(name: str) -> orgraph.Organisation:
    return orgraph.load(CHARTS / f"{name}.yaml")


def raw_nodes(name: str) -> dict[str, dict]:
    """Every node of the chart file as written (so a default cannot stand in for data)."""
    doc = yaml.safe_load((CHARTS / f"{name}.yaml").read_text(encoding="utf-8"))
    out: dict[str, dict] = {}
    stack = list(doc["units"])
    while stack:
        node = stack.pop()
        out[node.get("id", "")] = node
        stack.extend(node.get("units", []))
    return out


def dot_nodes(source: str) -> set[str]:
    """Node names declared in DOT source (statements ``name [label=...``)."""
    return set(re.findall(r'^\s*"?([^\s"\[]+)"?\s+\[label=', source, flags=re.M))


# ---------------------------------------------------------------- Lier: figur 7.2
def test_lier_support_units_are_one_box_as_in_figure_7_2():
    # Figur 7.2: "STØTTEENHETER Økonomi og fagadministrasjon/ Personal / IKT / Utvikling".
    org = load("lier")
    staff = org.nodes_of("staff")
    assert len(staff) == 1
    (box,) = staff
    assert org.label(box) == "Støtteenheter"
    assert org.nodes[box]["items"] == ["Økonomi og fagadministrasjon", "Personal", "IKT",
                                       "Utvikling"]


def test_lier_support_box_is_not_central_staff_but_not_floating():
    # Tabell 2.1 "Sentral stab: Nei"; kap. 7.2: no line between the kommunalsjef who has the
    # overall responsibility and the support leaders; the follow-up is a dotted line.
    org = load("lier")
    (box,) = org.nodes_of("staff")
    relations = {(u, org.edges[u, box]["relation"]) for u in org.predecessors(box)}
    assert relations == {("radmann", "dotted")}
    assert org.line_superior(box) is None
    assert metrics.central_staff(org) is False
    served = set(org.successors(box))
    assert "virksomheter" in served
    assert {n for n in org.nodes_of("executive")} <= served  # "støtte ... kommunalsjefene"
    # The metrics the report gives for Lier are unchanged (Tabell 2.1, kap. 5.2).
    assert metrics.leader_team(org) == "7"
    assert metrics.performance_units(org) == 54
    assert metrics.management_levels(org) == 2


def test_lier_support_box_is_drawn_with_its_four_units():
    source = to_dot(load("lier"))
    assert "stotteenheter" in dot_nodes(source)
    for item in ("Økonomi og fagadministrasjon", "Personal", "IKT", "Utvikling"):
        assert f"• {item}" in source
    assert "dotted:radmann->stotteenheter" in source


# ---------------------------------------------------------------- executives at CAO level
@pytest.mark.parametrize("name, post", [
    # Figur V1.2 draws Økonomisjef and Utviklings- og personalsjef inside the RÅDMANN box.
    ("sveio", "utviklingssjef"), ("sveio", "okonomisjef"),
    ("sveio-2002", "utviklingssjef"), ("sveio-2002", "okonomisjef"),
    # Vedlegg 1: "Rådmannsnivået består av rådmann og utviklingssjef ... stedfortreder".
    ("strand", "utviklingssjef"),
    # Vedlegg 1: samordningsrådet has "rådmannen og stedfortredende rådmann".
    ("larvik", "stedfortredende_radmann"),
    # Vedlegg 1: "Kommunalsjefene fatter alle avgjørelser i rådmannens navn".
    ("arendal", "kommunalsjef_1"), ("arendal", "kommunalsjef_spok"),
])
def test_posts_acting_for_the_cao_say_so_in_the_file(name, post):
    node = raw_nodes(name)[post]
    assert node["kind"] == "executive"
    assert node["acts_for_cao"] is True  # written, not left to the default
    assert "Vedlegg 1" in node["source"]
    org = load(name)
    assert org.line_superior(post) == next(iter(org.nodes_of("cao")))


def test_sveio_sector_chiefs_stay_in_the_line():
    # Kap. 2.2: "Ordningen med sektorsjefer i linjen under rådmannen": 2.5 levels.
    nodes = raw_nodes("sveio")
    assert nodes["sektorsjef_oo"]["acts_for_cao"] is False
    assert nodes["sektorsjef_aa"]["acts_for_cao"] is False
    assert metrics.management_levels(load("sveio")) == 2.5
    assert metrics.management_levels(load("strand")) == 2


# ---------------------------------------------------------------- Larvik: figur V1.9
def test_larvik_support_list_is_the_figures_and_drawn():
    # Figur V1.9: "STØTTE Personal / Økonomi / Juss / Informasjon / IKT / Sekretariat".
    org = load("larvik")
    assert org.nodes["stottegruppen"]["items"] == ["Personal", "Økonomi", "Juss",
                                                  "Informasjon", "IKT", "Sekretariat"]
    # Vedlegg 1's text list differs (innkjøp, not sekretariat) and is kept.
    assert "innkjøp" in org.nodes["stottegruppen"]["areas_text"]["value"]
    source = to_dot(org)
    for item in ("Personal", "Juss", "Sekretariat"):
        assert f"• {item}" in source


def test_larvik_coordination_council_members_and_drawn_by_default():
    # Vedlegg 1: "samordningsrådet, som består av seks resultatenhetsledere, rådmannen og
    # stedfortredende rådmann. Deltakelse fra resultatenhetene går på omgang."
    org = load("larvik")
    assert set(org.successors("samordningsradet")) == {"radmann", "stedfortredende_radmann",
                                                       "resultatenheter"}
    assert org.nodes["samordningsradet"]["rotating_unit_leaders"]["value"] == 6
    assert org.nodes["samordningsradet"]["shown"] is True
    source = to_dot(org)  # no --show: figur V1.9 draws it
    assert "samordningsradet" in dot_nodes(source)
    for member in ("radmann", "stedfortredende_radmann", "resultatenheter"):
        assert f"member:samordningsradet->{member}" in source
    # other bodies joined only by membership still need --show coordination
    assert "resultatsikringsmoter" not in dot_nodes(source)
    assert "resultatsikringsmoter" in dot_nodes(to_dot(org, show="coordination"))
    # drawn below a root too, when a member is drawn
    assert "samordningsradet" in dot_nodes(to_dot(org, root="radmann", depth=1))
    # the leader group is unchanged (Tabell 2.1: 1+65)
    assert metrics.leader_team(org) == "1+65"


# ---------------------------------------------------------------- Arendal: three groups
def test_arendal_units_in_three_groups_under_three_kommunalsjefer():
    # Vedlegg 1: "Resultatenhetene er fordelt på tre grupper som ledes av hver sin
    # kommunalsjef ... Den fjerde kommunalsjefen har ansvar for strategi, utvikling og
    # økonomi"; Tabell 2.1: 65 resultatenheter.
    org = load("arendal")
    (box,) = org.nodes_of("unit_group")
    groups = org.nodes[box]["groups"]
    assert len(groups) == 3
    leaders = [g["under"] for g in groups]
    assert len(set(leaders)) == 3
    kommunalsjefer = [n for n in org.nodes_of("executive")
                      if org.nodes[n].get("role") == "kommunalsjef"]
    assert len(kommunalsjefer) == 4
    assert "kommunalsjef_spok" not in leaders and set(leaders) < set(kommunalsjefer)
    for leader in leaders:  # each group hangs from its kommunalsjef in the graph too
        assert org.edges[leader, box]["relation"] == "dotted"
    # the report gives no group sizes: none is invented, and the groups share the 65
    assert all("count" not in g for g in groups)
    assert org.nodes[box]["count"] == 65 == metrics.performance_units(org)
    assert metrics.leader_team(org) == "5"


# ---------------------------------------------------------------- --expand
@pytest.mark.parametrize("name, box, units", [
    # Vedlegg 1: "De 8 driftsenhetene er 2 skoler og 2 barnehager, pleie- og omsorg, ...".
    ("evenes", "driftsenheter", [2, 2, 1, 1, 1, 1]),
    # Vedlegg 1: "12 resultatenheter (7 skoler, 2 barnehager, helseavdeling, ...)".
    ("sveio", "re_oppvekst_omsorg", [7, 2, 1, 1, 1]),
    # Vedlegg 1: "De 8 virksomhetsområdene var: 4 oppvekstsentre, 1 ungdomsskole, ...".
    ("loten", "virksomhetsomrader", [4, 1, 1, 1, 1]),
])
def test_expand_invents_no_remainder_when_items_stand_for_several_units(name, box, units):
    org = load(name)
    boxes, rest = expand_aggregate(org.nodes[box])
    assert [n for _, n in boxes] == units and rest == 0
    source = to_dot(org, expand=True)
    names = dot_nodes(source)
    assert {f"{box}~{i}" for i in range(len(units))} <= names
    assert f"{box}~more" not in names and "flere" not in source
    assert box not in names  # the aggregate opened into its items


def test_expand_keeps_a_remainder_the_report_leaves_open():
    # Lier: 54 virksomheter everywhere, but the list in kap. 6.2 adds up to 52.
    org = load("lier")
    _, rest = expand_aggregate(org.nodes["virksomheter"])
    assert rest == 54 - 52
    source = to_dot(org, expand=True)
    assert "virksomheter~more" in dot_nodes(source) and "+2 flere" in source


def test_expand_without_item_counts_counts_each_item_once():
    assert expand_aggregate({"count": 5, "items": ["To skoler", "Helse"]}) == (
        [("To skoler", 1), ("Helse", 1)], 3)
    # malformed counts from a lenient reader never crash the renderer
    assert expand_aggregate({"count": 3, "items": ["a"], "item_counts": {"a": "x"}}) == (
        [("a", 1)], 2)


# ---------------------------------------------------------------- the format's checks
CHART = """\
orgraph: 1
organisation: {{name: Test}}
units:
  - id: r
    kind: cao
    units:
      - {{id: k1, kind: executive, role: kommunalsjef}}
      - {{id: k2, kind: executive, role: kommunalsjef}}
      - id: g
        kind: unit_group
        count: 5
        items: ["To skoler", "Helse"]
        dotted: [k1, k2]
{extra}
"""


def loads(extra: str) -> orgraph.Organisation:
    return orgraph.loads(CHART.format(extra=extra), filename="t.yaml")


def problems(extra: str) -> str:
    with pytest.raises(ChartError) as err:
        loads(extra)
    return str(err.value)


def test_item_counts_and_groups_load():
    org = loads('        item_counts: {"To skoler": 2}\n'
                "        groups: [{under: k1}, {under: k2, count: 2}]")
    assert org.nodes["g"]["item_counts"] == {"To skoler": 2}
    assert expand_aggregate(org.nodes["g"]) == ([("To skoler", 2), ("Helse", 1)], 2)
    assert orgraph.loads(orgraph.dump(org)).nodes["g"]["groups"] == org.nodes["g"]["groups"]


@pytest.mark.parametrize("extra, message", [
    ('        item_counts: {"Tre skoler": 3}', "item_counts names 'Tre skoler'"),
    ('        item_counts: {"To skoler": 5}', "the items stand for 6 units, more than the count 5"),
    ("        groups: [{under: k1}, {under: k3}]", "group under 'k3': that is not a line"),
    ("        groups: [{under: k1, count: 2}, {under: k2, count: 2}]",
     "the groups' sizes add up to 4, not the count 5"),
    ("        groups: [{under: k1, count: 6}, {under: k2}]", "sizes add up to 6, not the count 5"),
    ("        item_counts: {\"To skoler\": 0}", "must be at least 1"),
])
def test_inconsistent_aggregates_are_clear_errors(extra, message):
    text = problems(extra)
    assert message in text
    assert "t.yaml" in text and "'g'" in text


def test_groups_and_item_counts_only_on_unit_groups():
    bad = ("  - {id: u, kind: unit, item_counts: {a: 1}}\n"
           "  - {id: s, kind: staff, items: [Personal], groups: [{under: r}]}\n"
           "  - {id: m, kind: network, shown: true}\n"
           "  - {id: e, kind: unit, shown: true}")
    text = problems(bad)
    assert "'item_counts' is only for kind unit_group, not 'unit'" in text
    assert "'groups' is only for kind unit_group, not 'staff'" in text
    assert "'shown' is only for kind" in text and "not 'unit'" in text
    assert "'items' is only" not in text  # a staff box may list its units


# ---------------------------------------------------------------- the tree layout (default)
def test_tree_layout_expand_invents_no_remainder():
    from orgraph.render.pinned import pinned_layout

    _, specs, _, _ = pinned_layout(load("evenes"), expand=True)
    names = [s.name for s in specs["driftsenheter"]]
    assert names == [f"driftsenheter~{i}" for i in range(6)]
    _, specs, _, _ = pinned_layout(load("lier"), expand=True)
    (more,) = [s for s in specs["virksomheter"] if s.name.endswith("~more")]
    assert more.lines[0] == "+2 flere"  # 54 − the 52 the list in kap. 6.2 accounts for


def test_tree_layout_draws_staff_lists_inside_their_circle():
    from orgraph.layout.boxes import FONT_SIZE
    from orgraph.layout.text import line_height
    from orgraph.render.pinned import pinned_layout, to_pinned_dot

    for name, node, n_items in (("lier", "stotteenheter", 4), ("larvik", "stottegruppen", 6)):
        org = load(name)
        _, specs, _, _ = pinned_layout(org)
        (spec,) = specs[node]
        assert spec.lines[spec.bold:] == [f"• {i}" for i in org.nodes[node]["items"]]
        assert len(spec.lines) - spec.bold == n_items
        # the text block's corners lie inside the circle or ellipse it is drawn in
        half_w, half_h = spec.text_width / 2, line_height(FONT_SIZE) * len(spec.lines) / 2
        assert spec.attrs["shape"] in ("circle", "ellipse")
        assert (half_w / (spec.width / 2)) ** 2 + (half_h / (spec.height / 2)) ** 2 <= 1
        # ... and the DOT draws the lines at that width, not the shape's
        line = next(x for x in to_pinned_dot(org).splitlines() if x.startswith(f'\t"{node}"'))
        widths = {float(w) for w in re.findall(r'<td colspan="1" align="left" width="([\d.]+)"',
                                                 line)}
        assert widths and all(w == pytest.approx(spec.text_width, abs=0.1) for w in widths)


def test_tree_layout_draws_a_shown_body_with_its_member_lines():
    from orgraph.render.pinned import to_pinned_dot

    source = to_pinned_dot(load("larvik"))
    ids = set(re.findall(r'id="(member:[^"]+)"', source))
    assert ids == {f"member:samordningsradet->{m}"
                   for m in ("radmann", "stedfortredende_radmann", "resultatenheter")}
