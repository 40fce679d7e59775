"""Visitatieronde: a peer committee visits one host municipality and assesses its maturity on the
priority themes; recommendations follow, and the host follows them up.

A visit is a Conversation in a round of kind "visitatieronde" with one municipality (the host),
planned, invited and put in calendars with visitatie.scheduling like any conversation. This
package adds the assessment, findings and recommendations, follow-up, the national picture and the
data of the visitatierapport. No Flask here.
"""
from .access import NO_RIGHTS, VisitRights, visit_rights
from .assessment import (
    ChecklistInput,
    ScoreInput,
    ThemeAssessment,
    assessments,
    save_assessment,
    scores_of,
    theme_guide,
    visit_guides,
)
from .core import (
    COMMITTEE_ROLES,
    COMMITTEE_SIZE,
    VISIT_KIND,
    VisitRow,
    committee,
    committee_complete,
    ensure_visit,
    find_previous,
    host_of,
    host_participants,
    is_visit,
    list_visits,
    set_consent,
    visit_as_it_stands,
    visit_date,
    visit_rounds,
    visit_year,
)
from .errors import InvalidInput, NotAVisit, StaleEdit, VisitError, VisitLocked
from .followup import FollowUp, ThemeChange, follow_up, maturity_change
from .national import MIN_VISITS, NationalPicture, national_maturity, national_picture
from .recommendations import (
    RecommendationInput,
    add_finding,
    add_recommendation,
    change_status,
    delete_finding,
    delete_recommendation,
    findings_of,
    recommendations_of,
    response_of,
    save_response,
    update_recommendation,
)

__all__ = [
    "COMMITTEE_ROLES", "COMMITTEE_SIZE", "MIN_VISITS", "NO_RIGHTS", "VISIT_KIND", "ChecklistInput", "FollowUp",
    "InvalidInput", "NationalPicture", "NotAVisit", "RecommendationInput", "ScoreInput", "StaleEdit",
    "ThemeAssessment", "ThemeChange", "VisitError", "VisitLocked", "VisitRights", "VisitRow", "add_finding",
    "add_recommendation", "assessments", "change_status", "committee", "committee_complete", "delete_finding",
    "delete_recommendation", "ensure_visit", "find_previous", "findings_of", "follow_up", "host_of",
    "visit_as_it_stands",
    "host_participants", "is_visit", "list_visits", "maturity_change", "national_maturity", "national_picture",
    "recommendations_of", "response_of", "save_assessment", "save_response", "scores_of", "set_consent",
    "theme_guide", "update_recommendation", "visit_date", "visit_guides", "visit_rights", "visit_rounds", "visit_year",
]
