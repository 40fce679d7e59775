"""Gespreksleidraden: the interview guides and maturity frameworks, their files and versions.

- model.py      GuideSet, Guide, Question: a guide as the app uses it, loaded from YAML
- files.py      reading a guide file with line numbers, and GuideError (file, line, field, reason)
- schema.py     the JSON schemas of guide and maturity files
- documents.py  a guide as a plain document (what versions store and the editor changes)
- versions.py   guide sets and versions (concept, vastgesteld), frozen once adopted
- registry.py   which guide set a round uses
- maturity.py   the maturity framework and checklist of a visitatieronde
- diff.py       what changed between two versions
- workbook.py   the Excel round-trip of a guide
"""
