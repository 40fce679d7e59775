"""The public national picture shows its release's figures by size class, suppressed cells as dashes."""
from flask import render_template

from visitatie.visits.national import NationalPicture


def test_the_size_table_shows_groups_and_dashes(app):
    picture = NationalPicture(None, [], [], 12, True, 3, 1, None, {
        "groups": [{"key": "a", "label": "minder dan 50.000 inwoners", "visits": 6},
                   {"key": "b", "label": "50.000 inwoners of meer", "visits": 6}],
        "themes": [{"number": 1, "cells": [{"1": 0, "2": 3, "3": 3, "4": 0, "5": 0},
                                           {"1": None, "2": None, "3": None, "4": None, "5": None}]}]})
    with app.test_request_context("/visitaties/landelijk-beeld"):
        page = render_template("visits/national.html", picture=picture)
    table = page.split('id="by-size-heading"')[1].split("</table>")[0]
    assert "minder dan 50.000 inwoners (6 visitaties)" in table and "50.000 inwoners of meer" in table
    assert table.count(">–</td>") == 5 and table.count(">3</td>") == 2
