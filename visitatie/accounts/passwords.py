"""The password policy (OWASP ASVS 2.1): long enough, not the person's own address or name, not a
common or easily guessed password. No composition rules (ASVS 2.1.9): a long phrase is fine.

The common passwords and the guessability estimate come from zxcvbn, a maintained package with
the frequency lists of leaked passwords; nothing here is a hand-typed list of passwords.
"""
import re

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 12
MAX_LENGTH = 200
# zxcvbn scores 0–4; 3 is "safely unguessable" for an online attack with throttling.
MIN_SCORE = 3
# Words of this application and Dutch words people build passwords from; zxcvbn's lists are English.
CONTEXT_WORDS = ("visitatie", "wachtwoord", "welkom", "gemeente", "burgemeester", "vng", "geheim",
                 "veiligheid", "projectleider", "inloggen")
_COMMON = frozenset(FREQUENCY_LISTS["passwords"])
_WORD = re.compile(r"[^\W\d_]{3,}")


def problems(password: str, email: str = "", name: str = "") -> list[str]:
    """Why this password is refused (Dutch, one sentence each); empty when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return [f"Het wachtwoord moet minstens {MIN_LENGTH} tekens hebben."]
    if len(password) > MAX_LENGTH:
        return [f"Het wachtwoord mag hoogstens {MAX_LENGTH} tekens hebben."]
    lowered = password.lower()
    own = [part for part in (email.strip().lower(), email.strip().lower().partition("@")[0], name.strip().lower())
           if len(part) >= 3]
    if any(part in lowered for part in own) or any(w in lowered for w in _WORD.findall(name.lower()) if len(w) >= 4):
        return ["Het wachtwoord mag uw e-mailadres of naam niet bevatten."]
    if lowered in _COMMON:
        return ["Dit wachtwoord staat in een lijst van veelgebruikte wachtwoorden."]
    if zxcvbn(password[:100], user_inputs=[*own, *CONTEXT_WORDS])["score"] < MIN_SCORE:
        return ["Dit wachtwoord is te makkelijk te raden (een veelgebruikt woord, een herhaling of een "
                "reeks). Kies bijvoorbeeld een zin van een paar woorden die niet bij elkaar horen."]
    return []
