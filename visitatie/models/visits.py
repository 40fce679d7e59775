"""Visitatieronde: visits, maturity scores, recommendations and follow-up (issue: visitatieronde)."""
