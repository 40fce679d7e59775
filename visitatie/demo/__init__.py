"""The demo and the benchmark data: every person fictional, every quote consented through the app.

- gespreksronde.py   the demo round (`flask demo`), with answers (answers.py), the opbrengst
                     (opbrengst.py) and a visitatieronde (visits.py)
- bench.py           `make bench`: aggregation and reports on generated rounds
- planning_bench.py  `make bench`: planning a national round (contacts, pairing, leaders)
- page_bench.py      `make bench`: the project leaders' pages at national scale
"""
