"""Jupyter display: SVG + PNG bundles with per-chart ids, the size guard, HTML tables."""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import orgraph
from orgraph import metrics
from orgraph.book.guard import PREVIEW_BOXES
from orgraph.display import Chart, Record, SpanProfile, Spans
from orgraph.errors import RenderError
from orgraph.generate import generate_company
from orgraph.metrics.records import record
from orgraph.render.svgids import svg_ids

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def references(svg: str) -> list[str]:
    """Every id the SVG points at: href="#x", xlink:href="#x", url(#x)."""
    root = ET.fromstring(svg)
    found = []
    for el in root.iter():
        for key in ("href", XLINK):
            if el.get(key, "").startswith("#"):
                found.append(el.get(key)[1:])
        for value in el.attrib.values():
            found += re.findall(r"url\(#([^)]*)\)", value)
    return found


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_the_mime_bundle_holds_a_png_and_an_svg_whose_ids_carry_the_charts_prefix() -> None:
    org = orgraph.load(ROOT / "charts" / "sveio.yaml")
    bundle = org._repr_mimebundle_()
    assert {"image/svg+xml", "image/png", "text/plain"} <= set(bundle)
    root = ET.fromstring(bundle["image/svg+xml"])
    assert root.tag == f"{SVG}svg"
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    prefix = ids[0][: ids[0].index("-") + 1]
    assert re.fullmatch(r"og[0-9a-f]{8}-", prefix)
    assert len(ids) > 20 and all(i.startswith(prefix) for i in ids)
    assert f"{prefix}graph0" in ids and f"{prefix}node1" in ids
    width, height = png_size(base64.b64decode(bundle["image/png"]))
    svg_w = float(root.get("width").removesuffix("pt"))
    assert abs(width - svg_w * 96 / 72) <= 2 and height > 100  # the size the SVG shows at
    assert bundle == org._repr_mimebundle_()  # the same chart: the same prefix


@pytest.mark.parametrize("options", [{}, {"page": "A4", "depth": 1}, {"layout": "dot"}])
def test_the_svg_and_the_png_come_from_one_layout_and_match_render(
        options: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """A notebook shows SVG and PNG: the chart is laid out once for both, and each is
    exactly what ``orgraph.render`` draws with the same options."""
    import orgraph.render.pinned as pinned

    renderer = sys.modules["orgraph.render"]

    org = orgraph.load(ROOT / "charts" / "lier.yaml")
    chart = Chart(org, **options)
    layouts = []
    for module, name in ((pinned, "to_pinned_dot"), (renderer, "to_dot")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, _real=real, **k: layouts.append(1)
                            or _real(*a, **k))
    bundle = chart._repr_mimebundle_()
    assert len(layouts) == 1
    monkeypatch.undo()
    assert bundle["image/svg+xml"].encode() == orgraph.render(org, "svg", id_prefix="auto",
                                                              **options)
    assert base64.b64decode(bundle["image/png"]) == orgraph.render(org, "png", **options)


def test_two_charts_share_no_id() -> None:
    lier = orgraph.load(ROOT / "charts" / "lier.yaml")._repr_mimebundle_()["image/svg+xml"]
    sveio = orgraph.load(ROOT / "charts" / "sveio.yaml")._repr_mimebundle_()["image/svg+xml"]
    top = orgraph.load(ROOT / "charts" / "sveio.yaml").chart(depth=1).svg.decode()
    a, b, c = (set(svg_ids(s.encode())) for s in (lier, sveio, top))
    assert a and b and c and not (a & b) and not (b & c) and not (a & c)
    # plain render keeps Graphviz's ids: without the prefix the two would collide
    plain = [set(svg_ids(orgraph.render(orgraph.load(ROOT / "charts" / f), "svg")))
             for f in ("lier.yaml", "sveio.yaml")]
    assert "node1" in plain[0] & plain[1]


def test_every_reference_is_rewritten_with_its_id() -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    links = {"skole": "https://example.org/skole"}
    svg = orgraph.render(org, "svg", id_prefix="c1-", links=links).decode()
    ids = set(svg_ids(svg.encode()))
    assert all(i.startswith("c1-") for i in ids)
    assert all(ref in ids for ref in references(svg))  # no reference left dangling
    root = ET.fromstring(svg)
    hrefs = [el.get(XLINK) or el.get("href") for el in root.iter(f"{SVG}a")]
    assert "https://example.org/skole" in hrefs  # an outside link is not an id: kept as is


def test_id_prefix_errors() -> None:
    org = orgraph.load(ROOT / "examples" / "minimal.yaml")
    with pytest.raises(RenderError, match="id_prefix applies to SVG only"):
        orgraph.render(org, "png", id_prefix="x-")
    with pytest.raises(RenderError, match="start with a letter"):
        orgraph.render(org, "svg", id_prefix="<x>")


def test_a_big_organisation_shows_its_top_levels_quickly_with_python_hints() -> None:
    org = generate_company(10_101, seed=3)
    bundle = org._repr_mimebundle_()
    drawn = [t.text for t in ET.fromstring(bundle["image/svg+xml"]).iter(f"{SVG}title")]
    assert 1 < len(drawn) <= 2 * PREVIEW_BOXES  # boxes and lines, not 10,101 boxes
    hint = bundle["text/plain"].splitlines()[-1]
    assert "org.chart(root='p1', depth=N)" in hint and "orgraph.render(org" in hint
    assert "--" not in hint  # Python arguments, not command-line flags
    assert png_size(base64.b64decode(bundle["image/png"]))[0] > 100
    # the HTML (hint + chart) holds an <img>, never inline SVG: untrusted notebooks strip that
    page = bundle["text/html"]
    assert "<svg" not in page and page.startswith("<p>Showing the top")
    src = re.search(r'<img alt="chart" src="data:image/png;base64,([^"]+)">', page)[1]
    assert src == bundle["image/png"]


def test_include_and_exclude_choose_the_mime_types() -> None:
    chart = orgraph.load(ROOT / "examples" / "minimal.yaml").chart()
    assert set(chart._repr_mimebundle_(include={"image/svg+xml"})) == {"image/svg+xml"}
    assert "image/png" not in chart._repr_mimebundle_(exclude={"image/png"})
    plain = orgraph.load(ROOT / "examples" / "minimal.yaml").chart()
    assert set(plain._repr_mimebundle_(include={"text/plain"})) == {"text/plain"}
    assert "svg" not in plain.__dict__ and "png" not in plain.__dict__  # nothing drawn
    assert isinstance(chart, Chart) and "Chart of" in repr(chart)


def test_an_untrusted_label_cannot_inject_markup_into_the_tables() -> None:
    html = Record({"name": "<script>alert(1)</script>", "layers": [1, 2]})._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "[1, 2]" in html


def test_metric_results_are_dicts_that_show_as_html_tables() -> None:
    org = orgraph.load(ROOT / "charts" / "sveio.yaml")
    rec = record(org)
    assert isinstance(rec, Record) and isinstance(rec, dict)
    assert json.loads(json.dumps(rec)) == dict(rec)
    table = ET.fromstring(rec._repr_html_())
    rows = {tr.find("th").text: tr.find("td").text for tr in table.iter("tr")}
    assert rows["name"] == "Sveio kommune" and rows["cao_span"] == str(rec["cao_span"])
    spans = metrics.spans(org)
    assert isinstance(spans, Spans)
    first = ET.fromstring(spans._repr_html_()).find("tbody/tr")
    assert int(first.find("td").text) == max(spans.values())
    profile = metrics.spans_and_layers(org)
    assert isinstance(profile, SpanProfile)
    html = profile._repr_html_()
    layers = ET.fromstring(html[: html.index("</table>") + 8])
    units = [int(tr.findall("td")[0].text) for tr in layers.iter("tr") if tr.find("td") is not None]
    assert units == profile["units_per_layer"]


def test_spans_table_of_a_big_organisation_says_how_many_rows_it_left_out() -> None:
    spans = metrics.spans(generate_company(2000, seed=1))
    html = spans._repr_html_()
    assert html.count("<tr>") == 60 + 2 and f"… {len(spans) - 60} more" in html


def test_subpackages_are_reachable_after_import_orgraph_and_render_stays_callable() -> None:
    code = ("import orgraph; org = orgraph.load('examples/minimal.yaml');"
            "print(orgraph.metrics.cao_span(org), orgraph.formats.format_for('a.gv'),"
            " orgraph.render(org, 'svg')[:5], orgraph.render.pinned.__name__,"
            " orgraph.render.render.__name__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assert out.split() == ["5", "dot", "b'<?xml'", "orgraph.render.pinned", "render"]
    import orgraph.render.pinned  # importing a submodule first hides nothing either

    assert callable(orgraph.render) and orgraph.render.pinned is sys.modules[
        "orgraph.render.pinned"]
    from orgraph import render

    assert render(orgraph.load(ROOT / "examples" / "minimal.yaml"), "dot")[:7] == b"digraph"
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        orgraph.nope  # noqa: B018


@pytest.mark.parametrize("write", [nx.write_graphml, nx.write_gexf])
def test_networkx_writers_name_orgraph_formats_write(write) -> None:
    org = orgraph.load(ROOT / "charts" / "sveio.yaml")
    with pytest.raises(TypeError, match=r"orgraph\.formats\.write\(org, 'org\.g") as caught:
        write(org, io.BytesIO())
    assert "graph 'sources' (list)" in str(caught.value)
    flat = orgraph.formats.flatten(org)
    out = io.BytesIO()
    write(flat, out)  # the plain copy the message offers is written
    assert b"Sveio kommune" in out.getvalue()


def test_networkx_writers_take_an_organisation_of_scalars(tmp_path) -> None:
    org = orgraph.Organisation(name="X")
    org.add_unit("r", kind="cao", label="Rådmann")
    org.add_unit("s", kind="unit", label="Skole", headcount=40)
    org.add_relation("r", "s")
    nx.write_graphml(org, tmp_path / "x.graphml")
    nx.write_gexf(org, tmp_path / "x.gexf")
    back = nx.read_graphml(tmp_path / "x.graphml")
    assert back.nodes["s"]["headcount"] == 40 and back.edges["r", "s"]["relation"] == "line"


def test_node_link_data_round_trips_through_json() -> None:
    org = orgraph.load(ROOT / "charts" / "sveio.yaml")
    text = json.dumps(nx.node_link_data(org, edges="edges"), ensure_ascii=False)
    back = orgraph.Organisation(nx.node_link_graph(json.loads(text), edges="edges"))
    assert orgraph.graphs_equal(back, org)


def test_a_reading_report_shows_every_entry_escaped() -> None:
    from orgraph.errors import Problem
    from orgraph.formats import Report

    report = Report("x.csv")
    report.drop("column 'Telephone'")
    report.repair(Problem("x.csv", "'<b>' is empty: read as 'N/D'", line=3, node="B1"))
    html = report._repr_html_()
    table = ET.fromstring(html[html.index("<table"):])
    rows = [[td.text for td in tr.iter("td")] for tr in table.iter("tr")][1:]
    assert rows[1] == ["3", "B1", "'<b>' is empty: read as 'N/D'"]  # parsed back: escaped
    assert [tr.find("th").text for tr in table.iter("tr")][1:] == ["dropped", "repair"]
