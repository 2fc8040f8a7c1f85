"""Build an organisation in code with orgraph's public API, measure its spans, draw it as SVG.

Run it from anywhere: ``python examples/build_in_python.py [OUT.svg]`` (default
``example-municipality.svg`` in the current directory). The organisation is invented for the
example; the kinds and relations are those of ``docs/format.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import orgraph
from orgraph import Organisation, metrics


def build() -> Organisation:
    """A small municipality: council, rådmann, a staff unit, two sector chiefs, units."""
    org = Organisation(name="Eksempel kommune", language="no", date="2024")
    org.add_unit("council", kind="council", label="Kommunestyret", seats=27)
    org.add_unit("cao", kind="cao", label="Rådmann")
    org.add_relation("council", "cao")
    org.add_unit("finance", kind="staff", label="Økonomi", instructs=True)
    org.add_relation("cao", "finance", "staff")
    for sector, label, units in [
        ("education", "Kommunalsjef oppvekst", ["Sentrum skole", "Nordby skole"]),
        ("care", "Kommunalsjef helse", ["Hjemmetjenesten", "Sykehjemmet", "Legekontoret"]),
    ]:
        org.add_unit(sector, kind="executive", role="kommunalsjef", label=label)
        org.add_relation("cao", sector)
        for n, unit in enumerate(units, 1):
            org.add_unit(f"{sector}_{n}", kind="unit", label=unit)
            org.add_relation(sector, f"{sector}_{n}")
    org.add_unit("kindergartens", kind="unit_group", label="Barnehager", count=4)
    org.add_relation("cao", "kindergartens")  # four kindergartens report to the rådmann
    return org


def main(out: Path) -> None:
    """Check the organisation as a chart file is checked, print its spans, write its SVG."""
    org = build()
    problems = orgraph.check_organisation(org)  # the rules every chart file obeys
    if problems:
        raise orgraph.ChartError(problems)
    print(org)
    for manager, span in sorted(metrics.spans(org).items(), key=lambda kv: -kv[1]):
        print(f"  span of {org.label(manager)}: {span}")
    profile = metrics.spans_and_layers(org)
    print(f"  units per layer below the rådmann: {profile['units_per_layer']}")
    print(f"  management levels: {metrics.management_levels(org)}")
    out.write_bytes(orgraph.render(org, "svg"))
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("example-municipality.svg"))
