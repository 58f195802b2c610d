"""Reads an iCalendar file with Python's `icalendar` package and prints what a calendar
program would see, as JSON, for CalendarTests.swift.

Event times are resolved twice: with the VTIMEZONE of the file itself (`utc`, the point
of the test: icalendar would otherwise use its own copy of a known zone such as
Europe/Zurich) and with the system's zoneinfo (`utc_zoneinfo`, for comparison).

Usage: icalendar_dump.py FILE.ics
"""

import json
import sys
from datetime import timezone

import icalendar


def utc(dt):
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def text(component, name):
    """TEXT and URI values as strings; others (durations) in their iCalendar form."""
    value = component.get(name)
    if value is None:
        return None
    return str(value) if isinstance(value, str) else value.to_ical().decode()


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def observance(o):
    rdates = []
    for rdate in as_list(o.get("RDATE")):
        rdates += [d.dt.isoformat() for d in rdate.dts]
    rrule = o.get("RRULE")
    return {
        "kind": o.name,
        "dtstart": o["DTSTART"].dt.isoformat(),
        "offset_from": int(o["TZOFFSETFROM"].td.total_seconds()),
        "offset_to": int(o["TZOFFSETTO"].td.total_seconds()),
        "name": text(o, "TZNAME"),
        "rrule": None if rrule is None else {k: [str(v) for v in vs] for k, vs in rrule.items()},
        "rdates": rdates,
    }


def main():
    with open(sys.argv[1], "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())

    zones = {}
    timezones = []
    for vtz in cal.walk("VTIMEZONE"):
        tzid = str(vtz["TZID"])
        zones[tzid] = vtz.to_tz(lookup_tzid=False)
        timezones.append({"tzid": tzid, "observances": [observance(o) for o in vtz.subcomponents]})

    def own_zone_utc(prop):
        # A UTC value (`…Z`, no TZID) names its instant already. A local one is read in the
        # file's own zone; a reading that happens twice is taken as the first (fold 0), as
        # RFC 5545 3.3.5 says.
        if "TZID" not in prop.params:
            return utc(prop.dt)
        wall = prop.dt.replace(tzinfo=None)
        return utc(wall.replace(tzinfo=zones[prop.params["TZID"]]))

    events = []
    for ev in cal.walk("VEVENT"):
        categories = []
        for c in as_list(ev.get("CATEGORIES")):
            categories += [str(x) for x in c.cats]
        events.append({
            "uid": text(ev, "UID"),
            "summary": text(ev, "SUMMARY"),
            "description": text(ev, "DESCRIPTION"),
            "location": text(ev, "LOCATION"),
            "url": text(ev, "URL"),
            "status": text(ev, "STATUS"),
            "sequence": int(ev["SEQUENCE"]) if "SEQUENCE" in ev else None,
            "categories": categories,
            "tzid": ev["DTSTART"].params.get("TZID"),
            "start_local": ev["DTSTART"].dt.replace(tzinfo=None).isoformat(),
            "start_utc": own_zone_utc(ev["DTSTART"]),
            "end_utc": own_zone_utc(ev["DTEND"]),
            "start_utc_zoneinfo": utc(ev["DTSTART"].dt),
            "dtstamp": utc(ev["DTSTAMP"].dt),
            "created": utc(ev["CREATED"].dt),
            "last_modified": utc(ev["LAST-MODIFIED"].dt),
            "organizer": text(ev, "ORGANIZER"),
            "organizer_name": ev["ORGANIZER"].params.get("CN") if "ORGANIZER" in ev else None,
        })

    print(json.dumps({
        "calendar": {k: text(cal, k) for k in [
            "VERSION", "PRODID", "CALSCALE", "METHOD", "NAME", "X-WR-CALNAME", "DESCRIPTION",
            "X-WR-CALDESC", "X-WR-TIMEZONE", "URL", "SOURCE", "REFRESH-INTERVAL", "X-PUBLISHED-TTL"]},
        "errors": [str(e) for c in cal.walk() for e in getattr(c, "errors", [])],
        "timezones": timezones,
        "events": events,
    }, ensure_ascii=False, sort_keys=True))


main()
