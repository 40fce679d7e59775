"""The security event log: what happened, by whom, never the words of an answer.

- events.py  recording an event
- log.py     reading and exporting the log for project leaders
"""
