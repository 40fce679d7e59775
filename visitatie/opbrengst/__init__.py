"""Opbrengst: the aggregated, curated and published yield of one or more rounds.

- frame.py       the database -> tidy DataFrames (one query per table, filters in SQL)
- aggregate.py   figures, scales, options, coverage, ranked lessons, year over year (pandas)
- quotes.py      which quotes may be published, and how their speaker is shown
- size_classes.py  headline figures per merged CBS size class (for the snapshot)
- snapshot.py    the snapshot dict (its format: snapshot_format.py): aggregation + curation
- analysis.py    the project leaders' full view of a selection
- curation.py    curation by project leaders, with version checks
- publication.py immutable, numbered publications
- export.py      the confidential export: raw answers, marks, figures of a selection
- public_export.py  the public figures, only from a published snapshot

No Flask here: every function takes a SQLAlchemy session and the GuideSet.
"""
from .analysis import analyse
from .errors import CurationConflict, CurationInvalid, OpbrengstError, Problem, PublicationIncomplete
from .frame import Filters
from .snapshot import build_snapshot

__all__ = ["CurationConflict", "CurationInvalid", "Filters", "OpbrengstError", "Problem",
           "PublicationIncomplete", "analyse", "build_snapshot"]
