"""Big and special hostile inputs, made at run time (never kept in the repository).

:func:`make` builds one input by name in a folder, once; the names are the keys of
:data:`MAKERS`, and a case refers to one as ``gen:NAME``.

Examples
--------
>>> import tempfile
>>> path = make("deep-csv-100000.csv", Path(tempfile.mkdtemp()))
>>> lines = path.read_text().splitlines()
>>> len(lines), lines[:3]
(100001, ['id,reports_to', 'n0,', 'n1,n0'])
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["MAKERS", "make"]

_HEAD = "orgraph: 1\norganisation: {name: Generated}\nunits:\n"


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(line + "\n")


def _chain_rows(n: int) -> Iterable[str]:
    yield "id,reports_to"
    yield "n0,"
    for i in range(1, n):
        yield f"n{i},n{i - 1}"


def _deep_csv(n: int) -> Callable[[Path], None]:
    return lambda path: _write_lines(path, _chain_rows(n))


def _yaml_parent_chain(n: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        body = (f"  - {{id: n{i}, kind: unit, parent: n{i - 1}}}" for i in range(1, n))
        _write_lines(path, [_HEAD + "  - {id: n0, kind: cao}", *body])
    return write


def _yaml_nested(path: Path, n: int = 230_000) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(_HEAD + "  - {id: n0, kind: cao, units: [")
        for i in range(1, n):
            out.write(f"{{id: n{i}, kind: unit, units: [")
        out.write("]}" * (n - 1) + "]}\n")


def _wide_csv(path: Path, columns: int = 200_000) -> None:
    header = ["id", "reports_to", *(f"c{i}" for i in range(columns))]
    row = ["a", "", *("x" for _ in range(columns))]
    _write_lines(path, [",".join(header), ",".join(row), "b,a" + ",y" * columns])


def _long_cell(path: Path) -> None:
    _write_lines(path, ["id,reports_to,name", "a,,boss", "b,a," + "x" * 40_000_000])


def _many_rows(path: Path, n: int = 300_000) -> None:
    _write_lines(path, ["id,reports_to", "n0,", *(f"n{i},n0" for i in range(1, n))])


def _aggregate(path: Path, n: int = 50_000) -> None:
    items = ", ".join(f'"Skole {i}"' for i in range(n))
    _write_lines(path, [_HEAD + "  - id: cao\n    kind: cao\n    units:",
                        f"      - {{id: skoler, kind: unit_group, count: {n}, items: [{items}]}}"])


def _big_dot(path: Path, n: int = 30_000) -> None:
    body = (f"  n{i // 3} -> n{i};" for i in range(1, n))
    _write_lines(path, ["digraph org {", *body, "}"])


def _deep_json(path: Path, n: int = 100_000) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            out.write(f'{{"id": "n{i}", "name": "N{i}", "children": [')
        out.write("]}" * n + "\n")


def _nested_graphml(path: Path, n: int = 3_000) -> None:
    head = ('<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            '<graph edgedefault="directed">\n')
    opening = "".join(f'<node id="n{i}"><graph id="g{i}" edgedefault="directed">'
                      for i in range(n))
    path.write_text(head + opening + "</graph></node>" * n + "</graph></graphml>\n",
                    encoding="utf-8")


def _big_label(path: Path) -> None:
    _write_lines(path, ["id,reports_to,name", "a,,Sjef", "b,a," + "Ord " * 1_200])


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()


def _symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


# --- workbooks ------------------------------------------------------------------------------

_CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
       'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.spreadsheetml.sheet.main+xml"/>{sheets}{strings}</Types>')
_SHEET_CT = ('<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_STRINGS_CT = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
               'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
         '</Relationships>')
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _cell(ref: str, value: str) -> str:
    if value.startswith("="):
        return f'<c r="{ref}"><f>{value[1:]}</f></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _sheet_xml(rows: list[list[str]]) -> str:
    body = "".join(
        f'<row r="{r}">' + "".join(_cell(f"{chr(65 + c)}{r}", v) for c, v in enumerate(row))
        + "</row>" for r, row in enumerate(rows, start=1))
    return f'<?xml version="1.0"?><worksheet {_NS}><sheetData>{body}</sheetData></worksheet>'


def _workbook(path: Path, sheets: dict[str, str | Iterable[str]],
              strings: str | Iterable[str] | None = None) -> None:
    """Write an XLSX by hand: ``sheets`` maps a name to its XML (text or chunks)."""
    names = list(sheets)
    book = (f'<?xml version="1.0"?><workbook {_NS} {_RNS}><sheets>'
            + "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, n in enumerate(names, 1)) + "</sheets></workbook>")
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                      f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(names) + 1))
            + (f'<Relationship Id="rIdS" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
               if strings is not None else "") + "</Relationships>")
    types = _CT.format(sheets="".join(_SHEET_CT.format(n=i) for i in range(1, len(names) + 1)),
                       strings=_STRINGS_CT if strings is not None else "")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", book)
        zf.writestr("xl/_rels/workbook.xml.rels", rels)
        parts = [(f"xl/worksheets/sheet{i}.xml", sheets[n]) for i, n in enumerate(names, 1)]
        if strings is not None:
            parts.append(("xl/sharedStrings.xml", strings))
        for name, content in parts:
            _write_part(zf, name, content)


def _write_part(zf: zipfile.ZipFile, name: str, content: str | Iterable[str]) -> None:
    if isinstance(content, str):
        zf.writestr(name, content)
        return
    with zf.open(name, "w", force_zip64=True) as part:
        for chunk in content:
            part.write(chunk.encode("utf-8"))


_GOOD = [["id", "reports_to", "name"], ["1", "", "Sjef"], ["2", "1", "Skole"]]


def _xlsx_good(path: Path) -> None:
    _workbook(path, {"Ark1": _sheet_xml(_GOOD)})


def _xlsx_two_sheets(path: Path) -> None:
    second = _sheet_xml([["id", "reports_to"], ["9", ""], ["10", "9"]])
    _workbook(path, {"Ark1": _sheet_xml(_GOOD), "Ark2": second})


def _xlsx_formula(path: Path) -> None:
    _workbook(path, {"Ark1": _sheet_xml([*_GOOD, ["3", "1", '=CONCAT("Bar","nehage")']])})


def _bomb_rows() -> Iterable[str]:
    yield f'<?xml version="1.0"?><worksheet {_NS}><sheetData>'
    yield _sheet_xml(_GOOD).split("<sheetData>")[1].split("</sheetData>")[0]
    for start in range(4, 1_048_577, 4096):
        yield "".join(f'<row r="{r}"><c r="A{r}"/></row>'
                      for r in range(start, min(start + 4096, 1_048_577)))
    yield "</sheetData></worksheet>"


def _xlsx_bomb_rows(path: Path) -> None:
    _workbook(path, {"Ark1": _bomb_rows()})


def _xlsx_bomb_strings(path: Path) -> None:
    def strings() -> Iterable[str]:
        yield f'<?xml version="1.0"?><sst {_NS}>'
        chunk = "<si><t>" + "a" * 1000 + "</t></si>"
        for _ in range(400):
            yield chunk * 1000
        yield "</sst>"
    _workbook(path, {"Ark1": _sheet_xml(_GOOD)}, strings=strings())


def _xlsx_bomb_space(path: Path) -> None:
    def sheet() -> Iterable[str]:
        yield f'<?xml version="1.0"?><worksheet {_NS}>'
        for _ in range(600):
            yield " " * 1_000_000
        yield "<sheetData/></worksheet>"
    _workbook(path, {"Ark1": sheet()})


MAKERS: dict[str, Callable[[Path], None]] = {
    "deep-csv-100000.csv": _deep_csv(100_000),
    "deep-yaml-parent-230000.yaml": _yaml_parent_chain(230_000),
    "chain-100000.yaml": _yaml_parent_chain(100_000),
    "deep-yaml-nested-230000.yaml": _yaml_nested,
    "wide-200000.csv": _wide_csv,
    "long-cell.csv": _long_cell,
    "many-rows-300000.csv": _many_rows,
    "aggregate-50000.yaml": _aggregate,
    "nodes-30000.dot": _big_dot,
    "deep-100000.json": _deep_json,
    "nested-graphs-3000.graphml": _nested_graphml,
    "big-label.csv": _big_label,
    "fifo.csv": _fifo,
    "folder.csv": _directory,
    "loop.yaml": _symlink_loop,
    "good.xlsx": _xlsx_good,
    "two-sheets.xlsx": _xlsx_two_sheets,
    "formula.xlsx": _xlsx_formula,
    "bomb-rows.xlsx": _xlsx_bomb_rows,
    "bomb-strings.xlsx": _xlsx_bomb_strings,
    "bomb-space.xlsx": _xlsx_bomb_space,
}


def make(name: str, folder: Path) -> Path:
    """Make the input ``name`` (a key of :data:`MAKERS`) in ``folder`` unless it is there."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if not os.path.lexists(path):
        MAKERS[name](path)
    return path
