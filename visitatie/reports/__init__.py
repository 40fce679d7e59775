"""Word reports (python-docx) and their charts (matplotlib).

python-docx and matplotlib live only in this package; nothing here imports Flask or the
database. Builders take plain values (dicts, lists) and return a ``docx.Document``.
"""
