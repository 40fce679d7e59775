"""One registry words every refusal: each code the domain raises has words, in Dutch and English,
and a code means the same on every page and in every command."""
import ast
from pathlib import Path

import pytest
from flask_babel import force_locale

from visitatie import wording
from visitatie.errors import Problem

ROOT = Path(__file__).resolve().parents[2] / "visitatie"
DOMAIN = [p for p in ROOT.rglob("*.py")
          if not p.is_relative_to(ROOT / "web") and not p.is_relative_to(ROOT / "wording")]


def raised_problems() -> set[tuple[str, str | None]]:
    """(code, field) of every Problem("code", "field") and every visit problems["field"] = "code"."""
    found = set()
    for path in DOMAIN:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" and node.args \
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                field = node.args[1].value if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) else None
                found.add((node.args[0].value, field))
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                    and isinstance(node.value.value, str) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Subscript) \
                    and getattr(node.targets[0].value, "id", "") == "problems":
                key = node.targets[0].slice
                field = key.value if isinstance(key, ast.Constant) else "checklist-x-remark"
                found.add((node.value.value, field))
    return found


def test_the_domain_raises_codes_and_the_scan_finds_them():
    codes = {code for code, _ in raised_problems()}
    assert {"too_few_municipalities", "differencing", "deadline_before_visit", "link_missing"} <= codes


@pytest.mark.parametrize("code, field", sorted(raised_problems(), key=str))
def test_every_raised_code_has_words(code, field):
    assert wording.known(Problem(code, field)), f"no words for {code!r} on {field!r}"


def test_a_code_reads_by_its_field_first(app):
    with app.test_request_context(), force_locale("nl"):
        whole_form = wording.problem_message(Problem("too_few_municipalities", ""))
        conversation = wording.problem_message(Problem("too_few_municipalities", "municipalities"))
        remark = wording.problem_message(Problem("too_long", "checklist-bcp-remark"))
        lesson = wording.problem_message(Problem("too_long", "text"))
    assert whole_form.startswith("Publiceren kan pas met minstens 5 gemeenten")
    assert conversation == "Kies minstens twee verschillende gemeenten voor een gesprek."
    assert "1000" in remark and lesson == "Deze tekst is te lang; kort hem in."


def test_words_follow_the_language(app):
    with app.test_request_context(), force_locale("en"):
        english = wording.problem_message(Problem("one_host", "municipalities"))
    with app.test_request_context(), force_locale("nl"):
        dutch = wording.problem_message(Problem("one_host", "municipalities"))
    assert dutch == "Een visitatie heeft precies één gastgemeente." and english and english != dutch


def test_an_unknown_code_is_named_not_hidden(app):
    with app.test_request_context(), force_locale("nl"):
        assert wording.problem_message(Problem("nieuw")) == "Dit klopt nog niet (nieuw)."


def test_a_code_gets_words_once():
    with pytest.raises(ValueError):
        wording.register("one_host")(lambda p: "")
