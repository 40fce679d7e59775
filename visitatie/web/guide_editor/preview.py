"""The participant's theme page, rendered from a concept: the same question cards (the partial
conversations/_question_card.html) for one fictional municipality, with nothing stored."""
from dataclasses import dataclass

from ...guides.documents import guide_source
from ...guides.files import GuideError
from ...guides.model import OPEN_ANSWER_MAX_LENGTH, guide_from_data
from ..participant.answer_form import field_states


@dataclass(frozen=True)
class PreviewMunicipality:
    id: int
    name: str


class PreviewCapabilities:
    """What the preview may do: fill in every field, nothing else (no marks, no history)."""

    can_mark = False
    can_see_history = False
    can_edit_any = True

    def can_edit_municipality(self, _municipality) -> bool:
        return True


def preview_context(version, doc: dict, index: int) -> dict:
    try:
        guide = guide_from_data(guide_source(index), doc)
    except GuideError as error:
        return {"guide": None, "problem": error}
    municipality = PreviewMunicipality(0, "Voorbeeldgemeente")
    caps = PreviewCapabilities()
    return {"guide": guide, "problem": None, "municipalities": [municipality], "caps": caps,
            "states": field_states(guide, [municipality], caps, False, {}), "max_length": OPEN_ANSWER_MAX_LENGTH,
            "lost_to_lock": False}
