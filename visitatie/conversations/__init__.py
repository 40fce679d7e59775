"""One conversation's own work: answers, marked lessons and quotes, the verslag, and who may do what.

- answers.py      saving answers with version checks, progress per role and municipality
- marks.py        marking a passage as a lesson or a quote (a quote asks the speaker's consent)
- word_diff.py    word-level differences and a merge, for the conflict view
- finalising.py   adopting (vaststellen) and reopening the verslag
- verslag.py      the verslag's content and its Word file
- permissions.py  the pure permission table: who may read, answer, mark or finalise
- invitations.py  personal links: issuing, verifying and revoking their tokens
"""
