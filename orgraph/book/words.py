"""The words the interactive chart writes itself, in both chart languages.

Examples
--------
>>> WORDS["no"]["search"], WORDS["en"]["search"]
('Søk etter navn eller id', 'Search by name or id')
>>> KIND_NAMES["no"]["advisory_committee"], KIND_NAMES["en"]["cao"]
('Komité', 'Chief administrative officer')
>>> from orgraph.model import Kind
>>> set(KIND_NAMES["no"]) == set(KIND_NAMES["en"]) == {k.value for k in Kind}
True
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["ATTRIBUTE_NAMES", "KIND_NAMES", "WORDS"]

#: Interface words (the chart's own words, such as the legend's, stay in the SVG).
WORDS: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    "no": {
        "search": "Søk etter navn eller id",
        "results": "{n} treff",
        "more": "… og {n} til; skriv mer for å snevre inn",
        "none": "Ingen treff",
        "back": "Tilbake",
        "back_to": "Tilbake til side {n}",
        "page": "Side {n}",
        "page_word": "Side",
        "open_page": "Åpne side {n}",
        "details": "Detaljer",
        "close": "Lukk",
        "id": "Id",
        "kind": "Type",
        "span": "Kontrollspenn",
        "layer": "Nivå (toppen = 0)",
        "below": "Under denne",
        "link": "Lenke til denne boksen",
        "legend": "Tegnforklaring",
        "zoom_in": "Zoom inn",
        "zoom_out": "Zoom ut",
        "fit": "Hele siden",
        "citations": "Kilder",
        "breadcrumb": "Sti fra toppen",
        "not_drawn": "Ikke tegnet på noen side",
        "help": "Dra for å flytte, hjul eller knip for å zoome; piltaster, + − 0; / for søk",
        "broken": "Siden kunne ikke vises: {error}",
    },
    "en": {
        "search": "Search by name or id",
        "results": "{n} matches",
        "more": "… and {n} more; type more to narrow down",
        "none": "No matches",
        "back": "Back",
        "back_to": "Back to page {n}",
        "page": "Page {n}",
        "page_word": "Page",
        "open_page": "Open page {n}",
        "details": "Details",
        "close": "Close",
        "id": "Id",
        "kind": "Kind",
        "span": "Span of control",
        "layer": "Layer (top = 0)",
        "below": "People below",
        "link": "Link to this box",
        "legend": "Legend",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "fit": "Whole page",
        "citations": "Sources",
        "breadcrumb": "Path from the top",
        "not_drawn": "Drawn on no page",
        "help": "Drag to move, wheel or pinch to zoom; arrow keys, + − 0; / to search",
        "broken": "The page could not be shown: {error}",
    },
})

#: Node kind → its name, as the report (Norwegian) and the docs (English) name it.
KIND_NAMES: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    "no": {
        "council": "Kommunestyre", "executive_committee": "Formannskap",
        "main_committee": "Hovedutvalg", "committee": "Utvalg",
        "advisory_committee": "Komité", "political_body": "Politisk organ",
        "cao": "Rådmann", "executive": "Administrativ leder", "staff": "Stab",
        "unit": "Resultatenhet", "unit_group": "Gruppe av enheter",
        "department": "Avdeling", "leader_group": "Ledergruppe",
        "coordination_council": "Samordningsråd", "network": "Nettverk",
        "service_office": "Servicetorg",
    },
    "en": {
        "council": "Municipal council", "executive_committee": "Executive committee",
        "main_committee": "Main committee", "committee": "Committee",
        "advisory_committee": "Advisory committee", "political_body": "Political body",
        "cao": "Chief administrative officer", "executive": "Executive", "staff": "Staff",
        "unit": "Performance unit", "unit_group": "Group of units",
        "department": "Department", "leader_group": "Leader group",
        "coordination_council": "Coordination council", "network": "Network",
        "service_office": "Service office",
    },
})

#: Attribute keys of the chart format → their names in the details panel.
ATTRIBUTE_NAMES: MappingProxyType[str, dict[str, str]] = MappingProxyType({
    "no": {
        "headcount": "Ansatte", "fte": "Årsverk", "count": "Antall", "seats": "Medlemmer",
        "role": "Rolle", "instructs": "Instruksjonsrett", "acts_for_cao": "Handler for rådmannen",
        "principle": "Prinsipp", "items": "Omfatter", "label_en": "Engelsk navn",
        "source": "Kilde", "note": "Merknad", "holders": "Innehaver", "vacant": "Ledig",
        "title": "Stilling", "standing_committee": "Fast utvalg",
    },
    "en": {
        "headcount": "Headcount", "fte": "FTE", "count": "Count", "seats": "Seats",
        "role": "Role", "instructs": "Authority to instruct", "acts_for_cao": "Acts for the CAO",
        "principle": "Principle", "items": "Items", "label_en": "English label",
        "source": "Source", "note": "Note", "holders": "Holder", "vacant": "Vacant",
        "title": "Title", "standing_committee": "Standing committee",
    },
})
