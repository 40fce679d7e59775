"""From the database to tidy DataFrames: one row per counted answer, per conversation slot, per mark.

A *slot* is one municipality in one held conversation: the unit that answers the guide. Each
table is read with one SQL query (filters applied in SQL) and shaped with vectorised pandas; no
Python loop runs over the answers. Only answers that count are kept: non-empty, valid for their
question, on a theme of the round, from a municipality of the conversation, and to a question
that is shown (its condition holds), exactly as answers.shown_values decides for one municipality.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from operator import itemgetter
from typing import Any, cast
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
from sqlalchemy import ColumnElement, Select, and_, false, select

from ..conversations.marks import consent_lapsed, current_text
from ..guides.model import GuideSet, Question
from ..models import Answer, Conversation, Mark, Municipality, Round, Theme, conversation_municipality, round_theme
from ..models.types import DbSession
from ..municipality_size import SIZE_CLASS_KEYS, SIZE_CLASSES, UNKNOWN, class_by_key
from ..vocabulary import HELD_STATUSES

JA_NEE_DEELS = ("ja", "nee", "deels")
SCALE_LEVELS = ("1", "2", "3", "4", "5")
POPULATION_CLASS_NAMES = SIZE_CLASS_KEYS + (UNKNOWN,)  # the CBS gemeentegrootteklassen, then "onbekend"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Filters:
    province: str | None = None
    safety_region: str | None = None
    population_class: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def of(cls, value: "Filters | dict[str, Any] | None") -> "Filters":
        if isinstance(value, Filters):
            return value
        value = value or {}
        return cls(**{k: (value.get(k) or None) for k in ("province", "safety_region", "population_class")})


@dataclass
class AnswerData:
    """The selection, read once: everything the aggregation needs."""

    rounds: pd.DataFrame        # round_id, title, kind, period_start, period_end (by period)
    round_themes: pd.DataFrame  # round_id, theme_number
    questions: pd.DataFrame     # question_id, theme_number, qtype, multiple, position
    slots: pd.DataFrame         # round_id, conversation_id, municipality_id, municipality, province, ...
    answers: pd.DataFrame       # answer_id, round_id, conversation_id, municipality_id, question_id, value, ...
    expected: pd.DataFrame      # round_id, question_id, expected (slots to which the question was shown)
    marks: pd.DataFrame         # mark_id, kind, text, consent, speaker..., answer_id, conversation_id, ...
    filters: Filters


def question_frame(guides: GuideSet) -> pd.DataFrame:
    rows = [
        {"question_id": q.id, "theme_number": guide.number, "qtype": q.type, "multiple": q.multiple,
         "position": index, "text": q.text, "headline": q.headline}
        for guide in guides for index, q in enumerate(guide.questions)
    ]
    return pd.DataFrame(rows, columns=["question_id", "theme_number", "qtype", "multiple", "position",
                                       "text", "headline"])


CONVERSATION, MUNICIPALITY = Conversation.__table__, Municipality.__table__
ANSWER, ROUND, MARK, THEME = Answer.__table__, Round.__table__, Mark.__table__, Theme.__table__
SLOT = conversation_municipality


def _municipality_filters(filters: Filters) -> list[ColumnElement[bool]]:
    m = MUNICIPALITY.c
    conditions = []
    if filters.province:
        conditions.append(m.province == filters.province)
    if filters.safety_region:
        conditions.append(m.safety_region == filters.safety_region)
    if filters.population_class:
        conditions.append(_population_condition(m.population, filters.population_class))
    return conditions


def _population_condition(column: ColumnElement[Any], name: str) -> ColumnElement[bool]:
    if name == UNKNOWN:
        return column.is_(None)
    cls = class_by_key(name)
    if cls is None:
        return false()  # an unknown class selects nothing
    return and_(column >= cls.low, column < cls.high) if cls.high is not None else column >= cls.low


def population_classes(population: pd.Series) -> pd.Series:
    """The size class key of each value, vectorised (None -> "onbekend")."""
    edges = [c.low for c in SIZE_CLASSES] + [float("inf")]
    classes = pd.cut(population.astype("float64"), bins=edges, labels=list(SIZE_CLASS_KEYS), right=False)
    return classes.astype("object").where(classes.notna(), UNKNOWN).astype("str")


def _plain_rows(session: DbSession, statement: Select[Any]) -> Sequence[tuple[Any, ...]]:
    """Rows as plain tuples straight from the DB-API cursor, in the session's transaction.

    For the 100k answers of a national round, building SQLAlchemy Row objects costs more than
    the query itself. Only for columns that need no type conversion (ids, text).
    """
    connection = session.connection()
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    named = compiled.construct_params()
    params: Mapping[str, Any] | tuple[Any, ...] = named
    if compiled.positional:  # then positiontup holds the parameter names in order
        params = tuple(named[name] for name in compiled.positiontup or ())
    cursor = connection.connection.cursor()
    try:
        cursor.execute(str(compiled), params)
        return cursor.fetchall()
    finally:
        cursor.close()


def _is_id(column: str) -> bool:
    return column.endswith("_id") and column != "question_id" or column == "theme_number"


def pair_positions(first: np.ndarray, second: np.ndarray, known_first: np.ndarray,
                   known_second: np.ndarray) -> np.ndarray:
    """For each pair (first[i], second[i]), its position among the distinct known pairs, or -1.

    Vectorised lookup of two-part keys (conversation and municipality, round and theme) for any
    integer ids and any number of themes: each part becomes a dense code among the known values
    first, so the combined code is below len(known)² and cannot overflow, whatever the ids are.
    """
    firsts, seconds = pd.Index(known_first).unique(), pd.Index(known_second).unique()
    known = firsts.get_indexer(known_first).astype("int64") * len(seconds) + seconds.get_indexer(known_second)
    a, b = firsts.get_indexer(first), seconds.get_indexer(second)
    combined = np.where((a >= 0) & (b >= 0), a.astype("int64") * len(seconds) + b, -1)
    return cast(np.ndarray, pd.Index(known).get_indexer(combined))  # pandas is untyped here (no stubs)


def read_table(session: DbSession, statement: Select[Any], columns: list[str], plain: bool = False) -> pd.DataFrame:
    """A query as a DataFrame; plain=True for big reads of id and text columns (no type conversion)."""
    if plain:
        rows = _plain_rows(session, statement)
        # One column at a time, integer columns straight into int64 arrays. Not zip(*rows): that
        # holds an iterator object per row, and 100k of them alive at once set off a full
        # garbage collection of the whole process, which took longer than the read itself.
        frame = pd.DataFrame({
            name: np.fromiter(map(itemgetter(index), rows), dtype=np.int64, count=len(rows)) if _is_id(name)
            else np.array(list(map(itemgetter(index), rows)) or [], dtype=object)
            for index, name in enumerate(columns)})
    else:
        frame = pd.DataFrame.from_records(session.execute(statement).all(), columns=columns)
    # Ids are integers even when nothing was found, so that merges of empty frames line up.
    return frame.astype({c: "int64" for c in columns if _is_id(c)})


def load(session: DbSession, guides: GuideSet, round_ids: Iterable[int],
         filters: Filters | dict[str, Any] | None = None) -> AnswerData:
    """Read the selection: held conversations of the rounds, municipalities matching the filters."""
    filters = Filters.of(filters)
    round_ids = [int(r) for r in round_ids]
    c, cm, m, a, r = CONVERSATION.c, SLOT.c, MUNICIPALITY.c, ANSWER.c, ROUND.c
    held = [c.round_id.in_(round_ids), c.status.in_(HELD_STATUSES)] + _municipality_filters(filters)

    rounds = read_table(session, select(r.id, r.title, r.kind, r.period_start, r.period_end)
                   .where(r.id.in_(round_ids)).order_by(r.period_start, r.id),
                   ["round_id", "title", "kind", "period_start", "period_end"])
    round_themes = read_table(session, select(round_theme.c.round_id, THEME.c.number)
                         .join(THEME, THEME.c.id == round_theme.c.theme_id)
                         .where(round_theme.c.round_id.in_(round_ids)), ["round_id", "theme_number"])
    slots = read_table(session, select(c.round_id, cm.conversation_id, cm.municipality_id, c.starts_at, m.name,
                                  m.province, m.safety_region, m.population, m.source_year)
                  .select_from(SLOT).join(CONVERSATION, c.id == cm.conversation_id)
                  .join(MUNICIPALITY, m.id == cm.municipality_id).where(*held),
                  ["round_id", "conversation_id", "municipality_id", "starts_at", "municipality", "province",
                   "safety_region", "population", "source_year"])
    slots["population_class"] = population_classes(slots["population"])
    slots["key"] = np.arange(len(slots), dtype="int64")  # a slot's number: its row in this frame

    # One query for all answers of the held conversations. Keeping only the slots read above keeps
    # out any answer of a municipality that is not (or no longer) in the conversation, and applies
    # the municipality filters: cheaper in pandas than two more joins per answer in SQL.
    statement = (select(a.id, c.round_id, a.conversation_id, a.municipality_id, a.question_id, a.value)
                 .select_from(ANSWER).join(CONVERSATION, c.id == a.conversation_id)
                 .where(*held[:2], a.value != ""))
    answers = read_table(session, statement,
                    ["answer_id", "round_id", "conversation_id", "municipality_id", "question_id", "value"], plain=True)
    slot = pair_positions(answers["conversation_id"].to_numpy(), answers["municipality_id"].to_numpy(),
                          slots["conversation_id"].to_numpy(), slots["municipality_id"].to_numpy())
    answers = answers[slot >= 0].assign(key=slot[slot >= 0]).reset_index(drop=True)
    questions = question_frame(guides)
    answers, expected = _counted(answers, questions, round_themes, slots, guides)
    marks = _marks(session, answers, held[:2])  # municipality filters: already in the answers
    return AnswerData(rounds, round_themes, questions, slots, answers, expected, marks, filters)


def _counted(answers: pd.DataFrame, questions: pd.DataFrame, round_themes: pd.DataFrame,
             slots: pd.DataFrame, guides: GuideSet) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Keep the answers that count, and how many slots each question was shown to (expected)."""
    # Question ids as codes into the guide's question list (-1: a question no guide knows).
    ids = questions["question_id"].to_numpy()
    codes = pd.Index(ids).get_indexer(answers["question_id"])
    answers, codes = answers[codes >= 0], codes[codes >= 0]
    theme = questions["theme_number"].to_numpy()[codes]
    in_round = pair_positions(answers["round_id"].to_numpy(), theme,
                              round_themes["round_id"].to_numpy(), round_themes["theme_number"].to_numpy()) >= 0
    keep = in_round & _valid(answers["value"].to_numpy(), codes, guides, ids)
    answers = answers[keep].assign(
        question_id=pd.Categorical.from_codes(codes[keep], categories=ids), theme_number=theme[keep],
        qtype=pd.Categorical.from_codes(codes[keep], categories=ids).map(
            dict(zip(ids, questions["qtype"], strict=True))))

    # Expected slots: every slot of a round with the theme, narrowed by the question's condition.
    per_round = round_themes[["round_id"]].drop_duplicates()
    per_round["slots"] = per_round["round_id"].map(slots.groupby("round_id").size()).fillna(0).astype("int64")
    expected = per_round.merge(round_themes, on="round_id").merge(
        questions[["question_id", "theme_number"]], on="theme_number")
    # Plain arrays and one dict of counts: the loop runs once per conditional question, and
    # pandas indexing per question and round cost more than the whole rest of the read.
    counted = dict(zip(zip(expected["round_id"], expected["question_id"], strict=True), expected["slots"], strict=True))
    round_ids = expected["round_id"].unique()
    question_codes = answers["question_id"].cat.codes.to_numpy()
    keys, answer_rounds = answers["key"].to_numpy(), answers["round_id"].to_numpy()
    values = answers["value"]
    position = {question_id: index for index, question_id in enumerate(ids)}
    hidden = np.zeros(len(answers), dtype=bool)
    for guide in guides:
        for question in guide.questions:  # guide order: a condition only looks back
            if question.condition is None:
                continue
            target = (question_codes == position[question.condition.question]) & ~hidden
            shown = target.copy()
            shown[target] = _matches(values[target], question.condition.values).to_numpy()
            own = question_codes == position[question.id]
            hidden |= own & ~np.isin(keys, keys[shown])
            counts = dict(zip(*np.unique(answer_rounds[shown], return_counts=True), strict=True))
            for round_id in round_ids:
                if (round_id, question.id) in counted:
                    counted[(round_id, question.id)] = int(counts.get(round_id, 0))
    expected = pd.DataFrame([(r, q, n) for (r, q), n in counted.items()],
                            columns=["round_id", "question_id", "expected"]).astype({"expected": "int64"})
    answers = answers[~hidden].reset_index(drop=True)
    return answers, expected


def _matches(values: pd.Series, wanted: tuple[str, ...]) -> pd.Series:
    """Whether a stored value (plain, or a JSON list of options) holds one of the wanted values."""
    result = values.isin(wanted)
    listed = values.str.startswith("[")
    for value in wanted:
        result |= listed & values.str.contains(f'"{value}"', regex=False)
    return result


def _valid(values: np.ndarray, codes: np.ndarray, guides: GuideSet, ids: np.ndarray) -> np.ndarray:
    """Values that fit their question; anything else counts as missing, never as an answer.

    Closed questions have few distinct values: each distinct (question, value) pair is checked
    once with the guide's own rule, and the verdict is spread back over the answers.
    """
    value_codes, distinct = pd.factorize(values)
    pairs = codes.astype("int64") * len(distinct) + value_codes
    unique_pairs, inverse = np.unique(pairs, return_inverse=True)
    verdicts = np.fromiter(
        (_fits(guides.known_question(ids[p // len(distinct)]), distinct[p % len(distinct)]) for p in unique_pairs),
        dtype=np.bool_, count=len(unique_pairs))
    return verdicts[inverse.ravel()] if len(values) else np.zeros(0, dtype=bool)


def _fits(question: Question, value: str) -> bool:
    if question.type == "open":
        return True
    if question.multiple:
        decoded = question.decode(value)
        return bool(decoded) and value.startswith("[") and question.validation_error(decoded) is None
    return question.validation_error(value) is None


def _marks(session: DbSession, answers: pd.DataFrame, held: list[ColumnElement[bool]]) -> pd.DataFrame:
    """Marks on counted answers, with the text they mark (the passage, else the whole answer)."""
    c, k, a = CONVERSATION.c, MARK.c, ANSWER.c
    statement = (select(k.id, k.kind, k.passage, a.value, k.consent, k.speaker_name, k.speaker_function,
                        k.answer_id, k.consented_text, k.consented_hash)
                 .select_from(MARK).join(ANSWER, a.id == k.answer_id).join(CONVERSATION, c.id == a.conversation_id)
                 .where(*held))
    columns = ["mark_id", "kind", "passage", "value", "consent", "speaker_name", "speaker_function", "answer_id",
               "consented_text", "consented_hash"]
    marks = read_table(session, statement, columns, plain=True)
    context = answers[["answer_id", "round_id", "conversation_id", "municipality_id", "question_id",
                       "theme_number"]]
    marks = marks.merge(context, on="answer_id", how="inner")  # only marks on counted answers
    passage = marks["passage"].where(marks["passage"].notna() & (marks["passage"] != ""), None)
    marks["text"] = passage.fillna(marks["value"]).astype("str")
    # Few marks per round: a plain loop is clearer than a vectorised substring test.
    marks["lapsed"] = [consent_lapsed(h, current_text(p if isinstance(p, str) else None, v))
                       for h, p, v in zip(marks["consented_hash"], passage, marks["value"], strict=True)]
    return marks.drop(columns=["passage", "value", "consented_hash"]).sort_values("mark_id").reset_index(drop=True)


def local_dates(starts_at: pd.Series) -> pd.Series:
    """Conversation start times (aware, UTC) as local calendar dates."""
    stamps = pd.to_datetime(starts_at, utc=True)
    return stamps.dt.tz_convert(AMSTERDAM).dt.date


def filter_options(session: DbSession) -> dict[str, list[str]]:
    """The values a filter can take: provinces, safety regions, population classes."""
    m = MUNICIPALITY.c
    provinces = session.scalars(select(m.province).distinct().order_by(m.province)).all()
    regions = session.scalars(select(m.safety_region).distinct().order_by(m.safety_region)).all()
    return {"province": list(provinces), "safety_region": list(regions),
            "population_class": list(POPULATION_CLASS_NAMES)}


__all__ = ["AnswerData", "Filters", "HELD_STATUSES", "load", "filter_options", "local_dates", "pair_positions",
           "population_classes", "question_frame", "read_table"]
