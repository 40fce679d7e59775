"""The selection on the figures page and in the exports: which rounds, and the filters, from the
query string (?ronde=1&ronde=2&provincie=…&veiligheidsregio=…&inwonersklasse=…)."""
from dataclasses import dataclass

from sqlalchemy import select

from ...extensions import db
from ...models import Round
from ...opbrengst import Filters

ARGUMENTS = {"province": "provincie", "safety_region": "veiligheidsregio", "population_class": "inwonersklasse"}


@dataclass(frozen=True)
class Selection:
    round_ids: list[int]
    filters: Filters
    available: list[Round]  # rounds of the same kind, to compare year over year

    def query(self) -> dict:
        """The selection as query arguments, for links to exports of the same selection."""
        values = {ARGUMENTS[key]: value for key, value in self.filters.as_dict().items() if value}
        return {"ronde": self.round_ids, **values}


def selection(round_, args) -> Selection:
    available = list(db.session.scalars(select(Round).where(Round.kind == round_.kind).order_by(Round.period_start)))
    known = {r.id for r in available}
    chosen = [int(v) for v in args.getlist("ronde") if v.isdigit() and int(v) in known] or [round_.id]
    filters = Filters.of({key: (args.get(name) or "").strip() or None for key, name in ARGUMENTS.items()})
    return Selection(sorted(set(chosen)), filters, available)
