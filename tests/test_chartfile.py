"""Loading, validating and dumping chart files."""

from pathlib import Path

import pytest

import orgraph
from orgraph import ChartError, graphs_equal
from orgraph.yamlsafe import MAX_BYTES

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"

HEAD = "orgraph: 1\norganisation: {name: T}\nunits:\n"


def problems(text: str, name: str = "t.yaml") -> list[str]:
    with pytest.raises(ChartError) as info:
        orgraph.loads(text, filename=name)
    return [str(p) for p in info.value.problems]


def one(text: str) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------------------- loading


def test_nesting_gives_default_relations():
    org = orgraph.load(EXAMPLES / "minimal.yaml")
    assert org.relation("kommunestyre", "formannskap").value == "delegation"
    assert org.relation("kommunestyre", "radmann").value == "line"
    assert org.relation("radmann", "okonomi").value == "staff"
    assert org.relation("ledergruppe", "okonomi").value == "member"
    assert org.relation("kommunalsjef", "barnehager").value == "dotted"
    assert org.line_superior("barnehager") == "radmann"


def test_facts_keep_their_citation_and_alternatives():
    org = orgraph.load(DATA / "every_kind.yaml")
    assert org.graph["inhabitants"] == 12345
    cite = org.graph["citations"]["inhabitants"]
    assert cite["source"] == "test"
    assert cite["alternatives"] == [{"value": 12000, "source": "other"}]
    assert org.nodes["sykehjem"]["count"] == 3
    assert org.nodes["sykehjem"]["citations"]["count"]["source"] == "kap. 2"


def test_defaults_for_staff_and_executives():
    org = orgraph.load(DATA / "every_kind.yaml")
    assert org.nodes["stab"]["instructs"] is True
    assert org.nodes["ks1"]["acts_for_cao"] is True
    assert org.nodes["sek"]["acts_for_cao"] is False  # a sector chief is a line manager


def test_free_data_becomes_attributes():
    org = orgraph.load(DATA / "every_kind.yaml")
    assert org.nodes["skole"]["phone"] == "123"
    assert org.graph["municipality_number"] == "0000"
    assert org.edges["hu", "ks1"]["weight"] == 2


def test_dates_stay_strings():
    org = orgraph.loads(HEAD.replace("{name: T}", "{name: T, date: '2002-10-01'}")
                        + "  - {id: r, kind: cao}\n")
    assert org.graph["date"] == "2002-10-01"


def test_generated_ids_are_stable_and_do_not_merge_same_names():
    text = HEAD + ("  - id: r\n    kind: cao\n    units:\n"
                   "      - {kind: unit, label: Sentrum skole}\n"
                   "      - {kind: unit, label: Sentrum skole}\n")
    org = orgraph.loads(text)
    assert sorted(org.line_subordinates("r")) == ["r/1", "r/2"]


@pytest.mark.parametrize("path", [EXAMPLES / "minimal.yaml", DATA / "every_kind.yaml"])
def test_round_trip_is_equal(path):
    org = orgraph.load(path)
    again = orgraph.loads(orgraph.dump(org))
    assert graphs_equal(again, org)
    assert graphs_equal(orgraph.loads(orgraph.dump(again)), org)


def test_fixture_uses_every_kind_and_relation():
    org = orgraph.load(DATA / "every_kind.yaml")
    assert {k for _, k in org.nodes(data="kind")} == {k.value for k in orgraph.Kind}
    assert {r for *_, r in org.edges(data="relation")} == {r.value for r in orgraph.Relation}


def test_dump_of_a_built_graph_with_foreign_attributes_round_trips():
    org = orgraph.Organisation(name="Bygd", source_system="HR")
    org.add_unit("r", kind="cao", fte=1.0)
    org.add_unit("u", kind="unit")
    org.add_relation("r", "u", weight=3)
    assert graphs_equal(orgraph.loads(orgraph.dump(org)), org)


# ----------------------------------------------------------------------------- bad input


def test_missing_id_reference():
    msg = one(HEAD + "  - {id: r, kind: cao}\n  - {id: u, kind: unit, parent: nobody}\n")
    assert "t.yaml:5: node 'u': refers to unknown id 'nobody'" in msg


def test_duplicate_id_names_both_lines():
    msg = one(HEAD + "  - {id: r, kind: cao}\n  - {id: r, kind: unit}\n")
    assert msg.startswith("t.yaml:5: node 'r': duplicate id 'r' (first on line 4)")


def test_edge_to_unknown_node_in_relations():
    msg = one(HEAD + "  - {id: r, kind: cao}\nrelations:\n  - {from: r, to: x, type: line}\n")
    assert "refers to unknown id 'x'" in msg and ":6:" in msg


def test_unknown_kind_lists_the_valid_ones():
    msg = one(HEAD + "  - {id: r, kind: skole}\n")
    assert "t.yaml:4: node 'r': unknown kind 'skole'; use one of: council" in msg


def test_unknown_relation():
    msg = one(HEAD + "  - {id: r, kind: cao}\nrelations:\n  - {from: r, to: r, type: boss}\n")
    assert "unknown relation 'boss'" in msg and "line, dotted" in msg


def test_unknown_key_is_named():
    msg = one(HEAD + "  - {id: r, kind: cao, lable: Rådmann}\n")
    assert "unknown key 'lable'" in msg and "node 'r'" in msg


def test_reporting_cycle_is_named():
    text = HEAD + ("  - {id: a, kind: unit, parent: c}\n  - {id: b, kind: unit, parent: a}\n"
                   "  - {id: c, kind: unit, parent: b}\n")
    msg = one(text)
    assert "reporting cycle a → b → c → a" in msg and "t.yaml:4" in msg


def test_two_line_superiors_suggest_dotted():
    text = HEAD + ("  - {id: a, kind: cao}\n  - {id: c, kind: executive}\n"
                   "  - {id: b, kind: unit, parent: a}\n"
                   "relations:\n  - {from: c, to: b, type: line}\n")
    msg = one(text)
    assert "node 'b': has 2 line superiors (a, c)" in msg and "dotted" in msg


@pytest.mark.parametrize("count, words", [("-3", "at least 1"), ("0", "at least 1"),
                                          ("2.5", "integer"), ("mange", "integer")])
def test_bad_counts(count, words):
    msg = one(HEAD + f"  - {{id: g, kind: unit_group, count: {count}}}\n")
    assert "'count'" in msg and words in msg and "node 'g'" in msg


def test_cited_count_is_checked_too():
    msg = one(HEAD + "  - {id: g, kind: unit_group, count: {value: 0, source: x}}\n")
    assert "at least 1" in msg


def test_unit_group_needs_a_count_and_count_needs_a_group():
    found = problems(HEAD + "  - {id: g, kind: unit_group}\n  - {id: u, kind: unit, count: 2}\n")
    assert any("unit_group needs 'count'" in p for p in found)
    assert any("key 'count' is only for kind advisory_committee / committee" in p
               and "unit_group, not 'unit'" in p for p in found)


def test_not_yaml():
    msg = one("orgraph: 1\nunits: [a, b\n")
    assert msg.startswith("t.yaml:") and "not valid YAML" in msg


@pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
def test_empty_file(text):
    assert "the file is empty" in one(text)


def test_alias_bomb_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=False))
    msg = one(bomb)
    assert "alias" in msg and "t.yaml:2" in msg


def test_absurd_size_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ChartError) as info:
        orgraph.load(big)
    assert "limited to" in str(info.value) and str(big) in str(info.value)


def test_not_utf8():
    with pytest.raises(ChartError) as info:
        orgraph.loads("orgraph: 1\nunits: [{label: R\xe5dmann}]\n".encode("latin-1"), "l.yaml")
    assert "not UTF-8" in str(info.value)


def test_duplicate_yaml_key_is_not_silently_dropped():
    msg = one("orgraph: 1\norganisation: {name: T}\nunits: []\nunits: []\n")
    assert "duplicate key 'units' (first on line 3)" in msg


def test_missing_file_and_directory(tmp_path):
    for path, words in [(tmp_path / "nope.yaml", "no such file"), (tmp_path, "directory")]:
        with pytest.raises(ChartError) as info:
            orgraph.load(path)
        assert words in str(info.value)


def test_all_problems_are_reported_together():
    text = HEAD + ("  - {id: r, kind: cao}\n  - {id: r, kind: unit}\n"
                   "  - {id: u, kind: unit, parent: ghost}\n"
                   "  - {id: g, kind: unit_group}\n")
    found = problems(text)
    assert len(found) == 3
    assert [f.split(":")[1] for f in found] == ["5", "6", "7"]


def test_schema_problems_are_reported_together():
    found = problems(HEAD + "  - {id: a, kind: x}\n  - {id: b, kind: unit_group, count: 0}\n"
                     "  - {id: c, kind: unit, colour: red, parent: ghost}\n")
    assert [p.split(":")[1] for p in found] == ["4", "5", "6", "6"]
    assert "unknown kind 'x'" in found[0]
    assert "at least 1" in found[1]
    assert "unknown key 'colour'" in found[2] and "unknown id 'ghost'" in found[3]


def test_top_level_must_be_a_mapping():
    assert "a chart file is a mapping" in one("- a\n- b\n")


def _nested(levels: int) -> str:
    """A chart whose units nest ``levels`` deep, each under the one before (block style)."""
    lines = [HEAD.rstrip("\n")]
    for i in range(levels):
        pad = " " * (2 * i + 2)
        lines += [f"{pad}- id: n{i}", f"{pad}  kind: {'cao' if i == 0 else 'unit'}"]
        if i < levels - 1:
            lines.append(f"{pad}  units:")
    return "\n".join(lines) + "\n"


def test_deep_but_sane_nesting_loads():
    org = orgraph.loads(_nested(60))
    assert org.line_superior("n59") == "n58"


@pytest.mark.parametrize("text", [
    _nested(1000),
    HEAD + "  - " + "{id: x, kind: unit, units: [" * 5000 + "]}" * 5000 + "\n",
    "orgraph: 1\norganisation: {name: T, data: {x: " + "[" * 5000 + "]" * 5000 + "}}\n"
    "units: []\n",
], ids=["block-units", "flow-units", "flow-data"])
def test_absurd_nesting_is_an_error_not_a_recursion_error(text):
    message = one(text)
    assert "nested more than" in message and "parent: <id>" in message


def test_raw_nul_byte_is_an_error_with_its_line():
    assert one(HEAD + "  - {id: a, kind: cao, label: \"A\x00\"}\n") == (
        "t.yaml:4: not valid YAML: the file holds the character U+0000, which YAML does not "
        "allow; remove it")


@pytest.mark.parametrize(("escaped", "code", "what"), [
    ("\\x07", "0007", "control character"), ("\\x1b[31m", "001B", "control character"),
    ("\\0", "0000", "control character"), ("\\ud800", "D800", "surrogate pair")])
def test_control_characters_and_lone_surrogates_in_text_are_refused(escaped, code, what):
    message = one(HEAD + f'  - {{id: a, kind: cao, label: "A{escaped}B"}}\n')
    if message == "t.yaml:4: not valid YAML: found invalid Unicode character escape code":
        return  # libyaml's parser refuses a lone surrogate itself
    assert message.startswith(f"t.yaml:4: text holds the character U+{code} (")
    assert what in message and "remove it" in message


def test_newline_and_tab_in_text_are_kept():
    org = orgraph.loads(HEAD + '  - {id: a, kind: cao, label: "two\\nlines\\tand tab"}\n')
    assert org.nodes["a"]["label"] == "two\nlines\tand tab"


def test_dump_of_a_long_chain_loads_back_equal():
    org = orgraph.Organisation(name="Chain")
    org.add_unit("n0", kind="cao")
    for i in range(1, 3000):
        org.add_unit(f"n{i}", kind="unit")
        org.add_relation(f"n{i - 1}", f"n{i}")
    text = orgraph.dump(org)
    assert graphs_equal(orgraph.loads(text), org)
    # Nesting stops well inside what the reader accepts; the rest goes to relations.
    assert text.count("\n  - id: ") == 3000 // 41 + 1
