"""Curated lessons and published opbrengst snapshots (issue: opbrengst)."""
