"""The confidential export for project leaders: raw answers, marks and the figures of a selection
computed from the answers (not disclosure-controlled), as Excel or as CSV.

Everything in it is confidential: the workbook says "Vertrouwelijk" in every sheet's print header
and footer and opens with a cover sheet naming who exported it, when, and which selection. The
public figures are a separate file built only from a published snapshot (public_export.py).

Columns are stable: every table has the same columns in the same order whatever was answered;
the raw answers have one column per question, and per option for multiple choice, for every
question of every guide.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from babel.dates import format_datetime

from ..guides.diff import changed_questions
from ..guides.model import GuideSet
from ..models.types import DbSession, utcnow
from ..municipality_size import dutch_label, source_note
from ..spreadsheets import Sheet, csv_zip_bytes, xlsx_bytes
from . import aggregate
from .analysis import MIN_PUBLIC_MUNICIPALITIES
from .frame import AMSTERDAM, AnswerData, Filters, load, local_dates
from .quotes import conversation_context, problem, public_quote
from .snapshot import curated_lessons, curation_round_id, default_title, quote_sources, round_dicts

FILTER_NAMES = {"province": "provincie", "safety_region": "veiligheidsregio", "population_class": "inwonersklasse"}
SLOT_COLUMNS = ["ronde_id", "ronde", "gesprek_id", "datum", "gemeente", "provincie", "veiligheidsregio",
                "inwonersklasse"]
FIGURE_COLUMNS = ["thema", "vraag_id", "vraag", "kerncijfer", "n", "ja", "deels", "nee", "ontbrekend",
                  "aandeel_ja", "aandeel_deels", "aandeel_nee"]
SCALE_COLUMNS = ["thema", "vraag_id", "vraag", "n", "gemiddelde", "mediaan", "niveau_1", "niveau_2", "niveau_3",
                 "niveau_4", "niveau_5", "ontbrekend"]
CHOICE_COLUMNS = ["thema", "vraag_id", "vraag", "optie", "optie_label", "aantal", "n", "aandeel", "ontbrekend"]
COVERAGE_COLUMNS = ["thema", "titel", "gesprekken", "van"]
LESSON_COLUMNS = ["thema", "les", "gesprekken", "gemeenten"]
QUOTE_COLUMNS = ["thema", "vraag_id", "citaat", "spreker", "functie", "toestemming"]
COMPARISON_COLUMNS = ["thema", "vraag_id", "vraag", "maat", "ronde_id", "ronde", "jaar", "n", "waarde", "opmerking"]
# Questions are matched across rounds by id; where the rounds' versions word one differently, the
# sheet says so with the words of the figures page.
QUESTION_CHANGED = "vraag gewijzigd"
CODEBOOK_COLUMNS = ["kolom", "thema", "vraag_id", "vraag", "type", "optie", "optie_label"]
MARK_COLUMNS = ["markering_id", "soort", "toestemming", "thema", "vraag_id", "tekst", "spreker", "functie",
                "ronde_id", "gesprek_id", "gemeente"]


# Dutch column headers; raw-answer columns keep their question code (the codebook explains them).
HEADERS = {
    "ronde_id": "Ronde (nr.)", "ronde": "Ronde", "gesprek_id": "Gesprek (nr.)", "datum": "Datum",
    "gemeente": "Gemeente", "provincie": "Provincie", "veiligheidsregio": "Veiligheidsregio",
    "inwonersklasse": "Inwonersklasse", "thema": "Thema", "vraag_id": "Vraagcode", "vraag": "Vraag",
    "kerncijfer": "Kerncijfer", "n": "Aantal antwoorden (n)", "ja": "Ja", "deels": "Deels", "nee": "Nee",
    "ontbrekend": "Ontbrekend", "aandeel_ja": "Aandeel ja", "aandeel_deels": "Aandeel deels",
    "aandeel_nee": "Aandeel nee", "gemiddelde": "Gemiddelde", "mediaan": "Mediaan",
    **{f"niveau_{i}": f"Niveau {i}" for i in range(1, 6)}, "optie": "Optiecode", "optie_label": "Optie",
    "aantal": "Aantal", "aandeel": "Aandeel", "titel": "Titel", "gesprekken": "Gesprekken", "van": "Van",
    "les": "Les", "gemeenten": "Gemeenten", "citaat": "Citaat", "spreker": "Spreker", "functie": "Functie",
    "toestemming": "Toestemming", "maat": "Maat", "jaar": "Jaar", "waarde": "Waarde", "kolom": "Kolom",
    "type": "Soort vraag", "markering_id": "Markering (nr.)", "soort": "Soort", "tekst": "Tekst",
    "opmerking": "Opmerking",
}
WRAPPED = ("vraag", "les", "citaat", "tekst", "Waarde")


@dataclass(frozen=True)
class Table:
    name: str          # the sheet name (max. 31 characters)
    description: str
    frame: pd.DataFrame
    percent: tuple[str, ...] = ()  # share columns, written as percentages


def answer_columns(guides: GuideSet) -> pd.DataFrame:
    """The codebook: one column per question, per option for multiple choice, in guide order."""
    rows = []
    for guide in guides:
        for q in guide.questions:
            if q.type == "multiple_choice":
                rows += [{"kolom": f"{q.id}[{c.value}]", "thema": guide.number, "vraag_id": q.id, "vraag": q.text,
                          "type": q.type, "optie": c.value, "optie_label": c.label} for c in q.choices]
            else:
                rows.append({"kolom": q.id, "thema": guide.number, "vraag_id": q.id, "vraag": q.text,
                             "type": q.type, "optie": "", "optie_label": ""})
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)


def raw_answers(data: AnswerData, guides: GuideSet) -> pd.DataFrame:
    """One row per municipality per held conversation, one column per question (and option)."""
    codebook = answer_columns(guides)
    slots = data.slots.merge(data.rounds[["round_id", "title"]], on="round_id")
    slots = slots.assign(datum=local_dates(slots["starts_at"]).astype("str") if len(slots) else "")
    slots = slots.sort_values(["round_id", "datum", "conversation_id", "municipality"])
    frame = slots.rename(columns={"round_id": "ronde_id", "title": "ronde", "conversation_id": "gesprek_id",
                                  "municipality": "gemeente", "province": "provincie",
                                  "safety_region": "veiligheidsregio", "population_class": "inwonersklasse"})
    answers = data.answers
    plain = answers[answers["qtype"] != "multiple_choice"][["key", "question_id", "value"]]
    choice_rows = answers[answers["qtype"] == "multiple_choice"]
    options = codebook[codebook["optie"] != ""][["vraag_id", "optie", "kolom"]]
    # Options of an answered question: 0, then 1 for the chosen ones; unanswered stays empty.
    offered = choice_rows[["key", "question_id"]].merge(options, left_on="question_id", right_on="vraag_id")
    chosen = aggregate.chosen_options(choice_rows).merge(
        options, left_on=["question_id", "option"], right_on=["vraag_id", "optie"])
    ticks = pd.concat([offered.assign(value=0), chosen.assign(value=1)])[["key", "kolom", "value"]]
    wide = pd.concat([
        plain.pivot(index="key", columns="question_id", values="value"),
        ticks.groupby(["key", "kolom"])["value"].max().unstack("kolom"),
    ], axis=1)
    wide = wide.reindex(columns=list(codebook["kolom"]))
    wide[list(options["kolom"])] = wide[list(options["kolom"])].astype("Int64")  # 0/1, empty: not answered
    frame = frame.merge(wide, left_on="key", right_index=True, how="left")
    return frame[SLOT_COLUMNS + list(codebook["kolom"])].reset_index(drop=True)


def _figures(data: AnswerData) -> pd.DataFrame:
    table = aggregate.figures(data)
    return table.rename(columns={"theme_number": "thema", "question_id": "vraag_id", "text": "vraag",
                                 "headline": "kerncijfer", "missing": "ontbrekend", "share_ja": "aandeel_ja",
                                 "share_deels": "aandeel_deels", "share_nee": "aandeel_nee"})[FIGURE_COLUMNS]


def _scales(data: AnswerData) -> pd.DataFrame:
    table = aggregate.scales(data)
    table = table.rename(columns={"theme_number": "thema", "question_id": "vraag_id", "text": "vraag",
                                  "mean": "gemiddelde", "median": "mediaan", "missing": "ontbrekend"})
    return table.rename(columns=lambda c: c.replace("level_", "niveau_"))[SCALE_COLUMNS]


def _choices(data: AnswerData, guides: GuideSet) -> pd.DataFrame:
    table = aggregate.choices(data, aggregate.option_frame(guides))
    return table.rename(columns={"theme_number": "thema", "question_id": "vraag_id", "text": "vraag",
                                 "option": "optie", "label": "optie_label", "count": "aantal",
                                 "share": "aandeel", "missing": "ontbrekend"})[CHOICE_COLUMNS]


def _coverage(data: AnswerData, guides: GuideSet) -> pd.DataFrame:
    table = aggregate.coverage(data).rename(columns={"theme_number": "thema", "conversations": "gesprekken",
                                                     "of": "van"})
    table["titel"] = table["thema"].map({g.number: g.title for g in guides})
    return table[COVERAGE_COLUMNS]


def _lessons(session: DbSession, data: AnswerData) -> pd.DataFrame:
    round_id = curation_round_id(data)
    lessons = curated_lessons(session, data, round_id) if round_id else {}
    rows = [{"thema": number, "les": lesson["text"], "gesprekken": lesson["conversations"],
             "gemeenten": lesson["municipalities"]}
            for number in sorted(lessons) for lesson in lessons[number]]
    return pd.DataFrame(rows, columns=LESSON_COLUMNS)


def _quotes(session: DbSession, data: AnswerData) -> pd.DataFrame:
    """Only quotes whose speaker consented, shown as they would be published."""
    sources = quote_sources(data)
    names, roles = conversation_context(session, [s.conversation_id for s in sources])
    themes = data.marks.set_index("mark_id")[["theme_number", "question_id"]]
    position = dict(zip(data.questions["question_id"], data.questions["position"], strict=True))
    rows = []
    for source in sources:
        if problem(source, names[source.conversation_id]):
            continue
        quote = public_quote(source, roles.get((source.conversation_id, source.speaker_name)))
        number, question_id = int(themes.at[source.mark_id, "theme_number"]), themes.at[source.mark_id, "question_id"]
        rows.append(((number, position.get(question_id, 0), source.mark_id), {  # guide order, then as marked
            "thema": number, "vraag_id": question_id, "citaat": quote["text"], "spreker": quote["speaker"],
            "functie": quote["function"], "toestemming": source.consent}))
    return pd.DataFrame([row for _order, row in sorted(rows, key=lambda item: item[0])], columns=QUOTE_COLUMNS)


def _comparison(data: AnswerData, compared: Sequence[GuideSet]) -> pd.DataFrame:
    """Per question and round the share 'ja' or the mean; `compared` holds the guide sets of the
    rounds, so a question whose text differs between them is marked "vraag gewijzigd"."""
    table = aggregate.comparison(data) if len(data.rounds) > 1 else pd.DataFrame(columns=COMPARISON_COLUMNS)
    table = table.rename(columns={"theme_number": "thema", "question_id": "vraag_id", "text": "vraag",
                                  "measure": "maat", "round_id": "ronde_id", "round_title": "ronde",
                                  "year": "jaar", "value": "waarde"})
    if len(table):
        table["maat"] = table["maat"].map({"share_ja": "aandeel_ja", "mean": "gemiddelde"})
        changed = changed_questions(table["vraag_id"].unique(), compared)
        table["opmerking"] = table["vraag_id"].map(lambda question_id: QUESTION_CHANGED if question_id in changed
                                                   else "")
    return table.reindex(columns=COMPARISON_COLUMNS)


def _marks(data: AnswerData) -> pd.DataFrame:
    marks = data.marks.merge(data.slots[["conversation_id", "municipality_id", "municipality"]],
                             on=["conversation_id", "municipality_id"])
    return marks.rename(columns={"mark_id": "markering_id", "kind": "soort", "consent": "toestemming",
                                 "theme_number": "thema", "question_id": "vraag_id", "text": "tekst",
                                 "speaker_name": "spreker", "speaker_function": "functie", "round_id": "ronde_id",
                                 "conversation_id": "gesprek_id", "municipality": "gemeente"})[MARK_COLUMNS]


def _cover(data: AnswerData, tables: list[Table], exported_by: str, exported_at: datetime) -> pd.DataFrame:
    """Who exported what, when: the first sheet, so a forwarded file says where it came from."""
    rounds = round_dicts(data)
    method = aggregate.methodology(data)
    filters = {k: v for k, v in method["filters"].items() if v}
    rows = [("Vertrouwelijk", "Dit bestand bevat de ruwe antwoorden en markeringen van gemeenten. Alleen voor "
                              "de projectleiding; niet doorsturen, niet publiceren."),
            ("Geëxporteerd door", exported_by),
            ("Geëxporteerd op", format_datetime(exported_at.astimezone(AMSTERDAM), "d MMMM y 'om' HH:mm",
                                                locale="nl")),
            ("Titel", default_title(rounds) if rounds else ""),
            ("Rondes", "; ".join(f"{r['title']} (nr. {r['id']})" for r in rounds)),
            ("Selectie", "; ".join(f"{FILTER_NAMES[k]}: {dutch_label(v) if k == 'population_class' else v}"
                                   for k, v in filters.items()) or "alle gevoerde gesprekken"),
            ("Inwoners", source_note(data.slots["source_year"])
             + " (de inwonersklasse volgt de CBS-gemeentegrootteklassen)"),
            ("Gesprekken", method["conversations"]), ("Gemeenten", method["municipalities"]),
            ("Antwoorden", method["answers"]),
            ("Periode", f"{method['period_start'] or ''} – {method['period_end'] or ''}"),
            ("Ontbrekend", "Een ontbrekend antwoord telt als ontbrekend, niet als nee; aandelen zijn "
                           "aandelen van de gegeven antwoorden (n).")]
    if 0 < method["municipalities"] < MIN_PUBLIC_MUNICIPALITIES:
        rows.append(("Let op", f"Deze selectie telt minder dan {MIN_PUBLIC_MUNICIPALITIES} gemeenten: de cijfers "
                               "zijn tot een gemeente te herleiden."))
    rows.append(("Openbaar", "De openbare cijfers staan in een eigen bestand, gemaakt uit de gepubliceerde versie."))
    rows += [(f"Werkblad: {t.name}", t.description) for t in tables]
    return pd.DataFrame(rows, columns=["Onderdeel", "Waarde"])


def tables(session: DbSession, guides: GuideSet, round_ids: Iterable[int],
           filters: Filters | dict[str, Any] | None = None, *,
           exported_by: str = "", exported_at: datetime | None = None,
           compared: Sequence[GuideSet] = ()) -> list[Table]:
    """Every table of the confidential export, in sheet order; the first is the cover sheet.
    `compared`: the guide sets of the rounds in round_ids (each its own version), for the
    year-over-year sheet."""
    data = load(session, guides, round_ids, filters)
    result = [
        Table("Antwoorden", "alle meegetelde antwoorden per gemeente per gesprek", raw_answers(data, guides)),
        Table("Markeringen", "alle gemarkeerde lessen en citaten, ook zonder toestemming", _marks(data)),
        Table("Kerncijfers", "ja/nee/deels-vragen: n, aantallen en aandelen (niet afgeschermd)", _figures(data),
              percent=("aandeel_ja", "aandeel_deels", "aandeel_nee")),
        Table("Schalen", "schaalvragen: n, gemiddelde, mediaan, verdeling", _scales(data)),
        Table("Meerkeuze", "meerkeuzevragen: per optie aantal en aandeel", _choices(data, guides),
              percent=("aandeel",)),
        Table("Dekking", "per thema: gesprekken met minstens één antwoord", _coverage(data, guides)),
        Table("Lessen", "samengestelde lessen, gerangschikt", _lessons(session, data)),
        Table("Citaten", "citaten met toestemming, zoals ze gepubliceerd zouden worden", _quotes(session, data)),
        Table("Jaarvergelijking", "per ronde: aandeel ja of gemiddelde score", _comparison(data, compared)),
        Table("Codeboek", "de kolommen van de antwoorden: vraag en optie", answer_columns(guides)),
    ]
    cover = _cover(data, result, exported_by or "onbekend", exported_at or utcnow())
    return [Table("Voorblad", "wie dit bestand wanneer maakte, en van welke selectie", cover)] + result


def sheets(tables: list[Table]) -> list[Sheet]:
    """The tables with Dutch headers, as the shared spreadsheet writer takes them."""
    return [Sheet(t.name, t.frame.rename(columns=lambda c: HEADERS.get(c, c)),
                  percent=tuple(HEADERS.get(c, c) for c in t.percent),
                  wrap=tuple(HEADERS.get(c, c) for c in WRAPPED)) for t in tables]


def to_excel(tables: list[Table]) -> bytes:
    return xlsx_bytes(sheets(tables), confidential=True)


def to_csv_zip(tables: list[Table], dialect: str = "nl") -> bytes:
    return csv_zip_bytes(sheets(tables), dialect)


def file_name(round_ids: Iterable[int], extension: str) -> str:
    return f"vertrouwelijk-opbrengst-ronde-{'-'.join(str(r) for r in round_ids)}.{extension}"
