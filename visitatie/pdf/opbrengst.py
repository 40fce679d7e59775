"""What the opbrengst PDF template (templates/pdf/opbrengst.html) needs besides the snapshot:
the quote per priority, charts and QR codes as data URIs with their alternate text, the maturity
table. Plain data from the snapshot and the guides; no Flask, no database."""
from __future__ import annotations

import base64
from itertools import count as counter

from ..reports import charts, public_text
from ..reports.qr import qr_png
from ..reports.wording import dutch_date, dutch_period

LEVELS = ("1", "2", "3", "4", "5")


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def scale_chart(scale: dict) -> dict | None:
    """The chart of one scale question and its alt text, or None when suppressed or unanswered."""
    distribution = scale.get("distribution") or {}
    if scale.get("suppressed") or not scale.get("n") or any(v is None for v in distribution.values()):
        return None
    png = charts.scale_chart_png([scale], titles=False, width_cm=10.2)
    if png is None:
        return None
    levels = ", ".join(f"niveau {level}: {value}" for level, value in
                       sorted(distribution.items(), key=lambda item: int(item[0])))
    return {"uri": data_uri(png),
            "alt": f"Staafdiagram. Verdeling van de antwoorden op: {scale.get('text', '')} {levels}."}


def maturity_rows(maturity: dict | None) -> list[dict]:
    """Rows of the maturity table; a suppressed count (None) is a dash, n from "totals" if given."""
    rows = []
    for theme in (maturity or {}).get("themes") or []:
        totals = theme.get("totals") or {}
        for year, distribution in sorted((theme.get("years") or {}).items()):
            values = [(distribution or {}).get(level) for level in LEVELS]
            n = totals.get(year, totals.get(str(year)))
            if n is None and all(value is not None for value in values):
                n = sum(value for value in values if value is not None)
            rows.append({"theme": f"{theme.get('number', '')}. {theme.get('title', '')}", "year": year,
                         "n": public_text.shown(n), "levels": [public_text.shown(v) for v in values]})
    return rows


def context(snapshot: dict, guides=None) -> dict:
    """Keyword arguments for the template."""
    version = snapshot.get("version")
    concept = not version
    title = snapshot.get("title") or "Opbrengst gespreksronde"
    rounds = ", ".join(r.get("title") or "" for r in snapshot.get("rounds") or [])
    method = snapshot.get("methodology") or {}
    first_round = (snapshot.get("rounds") or [{}])[0]
    period = (dutch_period(method.get("period_start"), method.get("period_end"))
              or dutch_period(first_round.get("period_start"), first_round.get("period_end")))
    if period and " tot en met " in period:
        period = f"van {period}"
    elif period:
        period = f"op {period}"
    published = dutch_date(snapshot.get("published_at"))
    numbers = counter(1)

    def guide(number):
        try:
            return guides.by_number(number) if guides is not None and number is not None else None
        except (KeyError, LookupError):
            return None

    return {
        "snapshot": snapshot, "text": public_text, "concept": concept,
        "title": f"{title} (concept)" if concept else title, "rounds": rounds,
        "subtitle": "" if rounds.casefold() in title.casefold() else rounds,
        "period": period,
        "version_line": "Concept – nog niet gepubliceerd" if concept
        else f"Versie {version}" + (f", gepubliceerd op {published}" if published else ""),
        "withdrawn": public_text.withdrawn_version(snapshot),
        "footnote": public_text.disclosure_footnote(snapshot),
        "quotes": [public_text.theme_quote(theme, guide(theme.get("number")))
                   for theme in snapshot.get("themes") or []],
        "maturity_rows": maturity_rows(snapshot.get("maturity")),
        "scale_chart": scale_chart, "qr_uri": lambda url: data_uri(qr_png(url)),
        "figure_number": lambda: next(numbers),
    }
