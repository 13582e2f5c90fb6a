"""When a mention's contact happened, as a range of days, so that reports agree loosely.

A record's date may be a day, a month, a year or null; an article published on the 6th may
report "yesterday's" talks with the date resolved or not. Each mention therefore gets a range
of day ordinals: the day itself, the whole month or year, or, with no date, the days before
publication (held) or the weeks after it (planned). Two reports are of the same day when
their ranges, widened by the clustering window, overlap.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from llm_extract.schema import Meeting

__all__ = ["DayRange", "day_range"]

# With no date in the record: a held contact is reported on its day or within two days after;
# a planned one is announced up to a month ahead.
_REPORTED_WITHIN = 2
_ANNOUNCED_WITHIN = 30


@dataclass(frozen=True)
class DayRange:
    """Days ``lo..hi`` (ordinals, inclusive); ``exact`` when the record named one day."""

    lo: int
    hi: int
    exact: bool = False

    def near(self, other: DayRange, window: int) -> bool:
        return self.lo - window <= other.hi and other.lo - window <= self.hi


def _parse(value: str | None) -> DayRange | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = dt.date(*parts).toordinal()
            return DayRange(day, day, exact=True)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return DayRange(dt.date(parts[0], parts[1], 1).toordinal(),
                            dt.date(parts[0], parts[1], last).toordinal())
        if len(parts) == 1:
            return DayRange(dt.date(parts[0], 1, 1).toordinal(),
                            dt.date(parts[0], 12, 31).toordinal())
    except ValueError:
        return None
    return None


def day_range(meeting: Meeting, published: str | None) -> DayRange | None:
    """The days ``meeting`` may have happened on; None when nothing tells."""
    stated = _parse(meeting.date)
    if stated is not None:
        return stated
    pub = _parse(published[:10] if published else None)
    if pub is None:
        return None
    if meeting.status == "planned":
        return DayRange(pub.lo, pub.lo + _ANNOUNCED_WITHIN)
    return DayRange(pub.lo - _REPORTED_WITHIN, pub.hi)
