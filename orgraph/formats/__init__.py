"""Read and write organisations in the formats people already have, chosen by file suffix.

============  ======================  ====  =====  =========================================
format        suffixes                read  write  notes
============  ======================  ====  =====  =========================================
yaml          .yaml .yml              yes   yes    the chart format (``docs/format.md``)
csv           .csv .tsv .txt .xlsx    yes   yes    id + reports-to tables; named profiles
organogram    (.csv, detected)        yes   no     UK government senior/junior post CSVs
dot           .dot .gv                yes   yes    own parser, attribute allow-list
graphml       .graphml                yes   yes    through networkx
json          .json                   yes   yes    node-link data; d3-org-chart, BALKAN,
                                                   dabeng/nested trees (read, by shape)
gexf          .gexf                   yes   yes    through networkx (Gephi)
============  ======================  ====  =====  =========================================

Every reader returns an :class:`~orgraph.model.Organisation` that passed the chart format's
rules (:func:`orgraph.chartfile.check_organisation` included) or raises one
:class:`~orgraph.errors.ChartError` listing every problem of the file. What a conversion
cannot carry is recorded in a :class:`Report` (or, without one, issued as a
:class:`FormatWarning`): nothing is dropped silently.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> import orgraph
>>> from orgraph import formats
>>> org = orgraph.load("examples/minimal.yaml")
>>> out = Path(tempfile.mkdtemp()) / "minimal.graphml"
>>> formats.write(org, out)
>>> orgraph.graphs_equal(formats.read(out), org)
True
>>> formats.format_for("chart.gv"), formats.format_for("staff.tsv")
('dot', 'csv')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from orgraph.chartfile import dump_chart
from orgraph.errors import ChartError, Problem
from orgraph.formats._common import FormatWarning, Report
from orgraph.limits import refuse_special
from orgraph.model import Organisation

__all__ = [
    "FORMATS",
    "READABLE",
    "TABLE_OPTIONS",
    "WRITABLE",
    "FormatWarning",
    "Report",
    "flatten",
    "format_for",
    "read",
    "write",
]

#: Suffix → format name.
SUFFIXES = {
    ".yaml": "yaml", ".yml": "yaml",
    ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".xlsx": "csv",
    ".dot": "dot", ".gv": "dot",
    ".graphml": "graphml",
    ".json": "json",
    ".gexf": "gexf",
}
FORMATS = ("yaml", "csv", "organogram", "dot", "graphml", "json", "gexf")
READABLE = FORMATS
WRITABLE = ("yaml", "csv", "dot", "graphml", "json", "gexf")
#: Options of the table reader (also accepted, and ignored, by the other formats).
TABLE_OPTIONS = ("profile", "id_col", "parent_col", "name_col", "kind_col", "dotted_col",
                 "headcount_col", "delimiter", "sheet")


def format_for(path: str | Path, format: str | None = None, *, writing: bool = False) -> str:
    """The format of ``path``: ``format`` if given, else from the suffix.

    Raises
    ------
    ChartError
        For an unknown format or suffix; the message lists the choices.
    """
    choices = WRITABLE if writing else READABLE
    if format is not None:
        format = format.lower()
        if format not in choices:
            raise ChartError([Problem(str(path), f"cannot {'write' if writing else 'read'} "
                                                 f"format {format!r}; use one of: "
                                                 f"{', '.join(choices)}")])
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ChartError([Problem(str(path), f"unknown file suffix {suffix or '(none)'!r}; use "
                                             f"one of {', '.join(sorted(SUFFIXES))} or name "
                                             f"the format ({', '.join(choices)})")])
    return SUFFIXES[suffix]


def _looks_like_organogram(path: Path, encoding: str | None) -> bool:
    from orgraph.formats.organogram import is_organogram

    if path.suffix.lower() != ".csv":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    first = re.split(rb"\r\n|\r|\n", head, maxsplit=1)[0].lstrip(b"\xef\xbb\xbf")
    return is_organogram(first.decode(encoding or "utf-8", errors="replace"))


def _accepts_strict(reader: Callable[..., Organisation]) -> bool:
    import inspect

    return "strict" in inspect.signature(reader).parameters


def read(path: str | Path, format: str | None = None, *, report: Report | None = None,
         encoding: str | None = None, junior: str | Path | None = None,
         strict: bool = False, top: str | None = None, **options: Any) -> Organisation:
    """Read an organisation from any readable format.

    Parameters
    ----------
    path : str or Path
        The file; its suffix chooses the format unless ``format`` is given. A ``.csv``
        whose header is an organogram's is read as one.
    format : str, optional
        One of :data:`READABLE`.
    report : Report, optional
        Collects what was dropped and decided; without one, dropped items are issued as
        :class:`FormatWarning`.
    encoding : str, optional
        Text encoding (UTF-8 by default; a byte-order mark always wins).
    junior : str or Path, optional
        Organograms: the junior-post file.
    strict : bool, default False
        Apply the format's own rules and refuse a file that breaks them. By default a
        reader whose format has rules to relax reads leniently: it keeps every record and
        reports each repair (organograms: blank names, several tops, unknown, Eliminated or
        self superiors, loops, bad or repeated references; chart-tool JSON and nested trees:
        unknown or self superiors, duplicate ids, cycles, several tops where the format wants
        one). The readers that take ``strict`` are given it; the others read as they always do.
    top : str, optional
        Undirected graphs (DOT, GraphML, GEXF, node-link JSON): the top node; each edge is
        directed away from it. Without it, a strict reading refuses an undirected graph.
    **options
        Table options (:data:`TABLE_OPTIONS`): ``profile``, ``id_col``, ``parent_col``,
        ``name_col``, ``kind_col``, ``dotted_col``, ``headcount_col``, ``delimiter``,
        ``sheet`` (a workbook's sheet by name; the first by default).
        JSON and YAML take ``profile`` too: ``d3``, ``balkan``, ``dabeng``/``tree``,
        ``nodelink`` (:data:`orgraph.formats.chartjson.JSON_PROFILES`).

    Raises
    ------
    ChartError
        Every problem of the file, each naming file, line (row), node and the fix.
    """
    path = Path(path)
    unknown = set(options) - set(TABLE_OPTIONS)
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(sorted(unknown))}; the table options "
                        f"are {', '.join(TABLE_OPTIONS)}")
    given = report is not None
    report = report if given else Report(str(path))
    name = format_for(path, format)
    refuse_special(path)  # a FIFO or device is refused before anything opens it
    org: Organisation
    if name == "yaml":
        from orgraph.formats.chartjson import read_yaml

        org = read_yaml(path, report=report, profile=options.get("profile"), strict=strict)
    elif name == "json":
        from orgraph.formats.chartjson import read_json

        org = read_json(path, report=report, encoding=encoding, profile=options.get("profile"),
                        strict=strict, top=top)
    elif name == "organogram" or (name == "csv" and format is None
                                  and _looks_like_organogram(path, encoding)):
        from orgraph.formats.organogram import read_organogram

        org = read_organogram(path, junior=junior, encoding=encoding, report=report,
                              strict=strict)
    elif name == "csv":
        from orgraph.formats.tabular import read_table

        kwargs = {k: v for k, v in options.items() if v is not None}
        if _accepts_strict(read_table):
            kwargs["strict"] = strict
        org = read_table(path, encoding=encoding, report=report, **kwargs)
    else:
        reader = _READERS[name]()
        kwargs = {"top": top, **({"encoding": encoding} if name == "dot" else {})}
        if _accepts_strict(reader):
            kwargs["strict"] = strict
        org = reader(path, report=report, **kwargs)
    if not given:
        report.warn()
    return org


def write(org: Organisation, path: str | Path, format: str | None = None, *,
          report: Report | None = None) -> None:
    """Write an organisation in any writable format, chosen by the suffix of ``path``.

    The file is written whole or not at all (:func:`orgraph.outputfile.output_file`: a
    temporary file beside it, renamed into place), so a failure leaves an existing file as
    it was. What the format cannot carry (a table has no place for the organisation's facts)
    is recorded in ``report``, or issued as :class:`FormatWarning` without one.

    Raises
    ------
    ChartError
        The format cannot hold the organisation (e.g. a control character in XML).
    OutputError
        The file cannot be written; the message names it and the reason.

    Examples
    --------
    >>> import tempfile, orgraph
    >>> from orgraph.generate import generate_company
    >>> folder = Path(tempfile.mkdtemp())
    >>> write(generate_company(3, seed=1), folder / "c.yaml")
    >>> sorted(p.name for p in folder.iterdir())
    ['c.yaml']
    """
    from orgraph.outputfile import output_file

    path = Path(path)
    given = report is not None
    report = report if given else Report(str(path))
    name = format_for(path, format, writing=True)
    try:
        with output_file(path) as temporary:
            if name == "yaml":
                temporary.write_text(dump_chart(org), encoding="utf-8")
            else:
                _WRITERS[name]()(org, temporary, report=report)
    except OSError as exc:
        raise ChartError([Problem(str(path), f"cannot write: {exc.strerror}")]) from None
    except ValueError as exc:  # e.g. XML cannot hold a control character
        raise ChartError([Problem(str(path), f"cannot write {name}: {exc}; remove the "
                                             "character or write another format")]) from None
    if not given:
        report.warn()


def flatten(org: Organisation) -> Any:
    """A plain :class:`networkx.DiGraph` copy whose attributes networkx's GraphML and GEXF
    writers take: lists, mappings and ``None`` as JSON text (listed in the graph attribute
    ``orgraph_json``, so that :func:`read` restores them exactly).

    Examples
    --------
    >>> import io, networkx as nx, orgraph
    >>> flat = flatten(orgraph.load("examples/minimal.yaml"))
    >>> flat.nodes["barnehager"]["items"][:20]
    '["Nordby barnehage",'
    >>> nx.write_graphml(flat, io.BytesIO())
    """
    from orgraph.formats._graph import flatten as flat_copy

    return flat_copy(org)


def _reader(module: str, function: str) -> Callable[[], Callable[..., Organisation]]:
    def load() -> Callable[..., Organisation]:
        import importlib

        return getattr(importlib.import_module(f"orgraph.formats.{module}"), function)
    return load


def _writer(module: str, function: str) -> Callable[[], Callable[..., None]]:
    def load() -> Callable[..., None]:
        import importlib

        return getattr(importlib.import_module(f"orgraph.formats.{module}"), function)
    return load


_READERS = {"dot": _reader("dot", "read_dot"), "graphml": _reader("graphml", "read_graphml"),
            "gexf": _reader("gexf", "read_gexf")}
_WRITERS = {"csv": _writer("tabular", "write_table"), "dot": _writer("dot", "write_dot"),
            "graphml": _writer("graphml", "write_graphml"),
            "json": _writer("nodelink", "write_nodelink"), "gexf": _writer("gexf", "write_gexf")}
