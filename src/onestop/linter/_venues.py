"""Venues and their hours: missing, ended, or giving no date in the coming year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from onestop.calendar import open_dates
from onestop.linter._finding import Finding
from onestop.model import Catalogue, Venue

YEAR_AHEAD = dt.timedelta(days=365)


def _hours_findings(venue: Venue, today: dt.date) -> Iterator[Finding]:
    path = f"venues.{venue.id}"
    if not venue.hours and venue.status == "planned":
        yield Finding(
            "warning",
            "planned-without-hours",
            path,
            venue.id,
            "a planned venue without hours would be open every day in a what-if plan: "
            "give the hours it is expected to keep",
        )
    elif not venue.hours and venue.kind in ("mpp", "office"):
        yield Finding(
            "warning",
            "venue-without-hours",
            path,
            venue.id,
            f"an {venue.kind} venue without hours counts as open every day, holidays "
            "included: give its opening hours",
        )
    for i, hours in enumerate(venue.hours):
        if hours.until is not None and hours.until < today:
            yield Finding(
                "info",
                "hours-ended",
                f"{path}.hours[{i}]",
                venue.id,
                f"this hours entry ended on {hours.until.isoformat()}: keep it as history, "
                "or remove it",
            )


def _ended(venue: Venue, today: dt.date) -> bool:
    """Whether every hours entry of the venue ended before *today*: the venue is history."""
    return all(hours.until is not None and hours.until < today for hours in venue.hours)


def venue_findings(cat: Catalogue, today: dt.date) -> Iterator[Finding]:
    """Hours missing where they matter, entries that ended, venues with no coming date.

    A venue whose every entry ended is history (each entry says so as
    ``hours-ended``), not a rule that lacks its coming dates.
    """
    for venue in cat.venues:
        yield from _hours_findings(venue, today)
        last = today + YEAR_AHEAD
        if (
            venue.status == "open"
            and venue.hours
            and not _ended(venue, today)
            and not open_dates(cat, venue, today, last)
        ):
            what = "pop-up rule gives" if venue.kind == "popup" else "hours give"
            yield Finding(
                "warning",
                "no-date-this-year",
                f"venues.{venue.id}",
                venue.id,
                f"its {what} no open date from {today.isoformat()} to {last.isoformat()}: "
                "add the coming dates, or mark the venue planned",
            )
