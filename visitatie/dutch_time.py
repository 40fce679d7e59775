"""The one time zone people read: Europe/Amsterdam.

Times are stored in UTC (models/types.py, UTCDateTime); every meeting, deadline and "opgeslagen om"
is shown, written in files and read back from forms in Dutch time, daylight saving included.
visitatie is made for Dutch municipalities, so this is a fact of the domain, not a setting."""
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
