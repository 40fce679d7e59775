"""Scheduling: municipalities enrolled in a round and their intake self-scans (issue: scheduling)."""
