#!/usr/bin/env python3
"""The usage days a terminal's kiosk.db should give, computed independently of the agent.

An oracle for issue 6's end-to-end test: plain SQL over kiosk.db (opened read-only) and a little
Python, written from docs/protocol.md ("What is counted, and how") and docs/visit-log.md, not
from the agent's C++. Each day is the counters object the server stores, with the keys
shared/src/protocol/UsageJson.cpp countersObject() writes (no rev, no final):

  date, visits, group_participants, minutes, by_mode, length, by_language, by_purpose,
  by_audience, eid_checks, pin_tests, came_for, helped, autonomy, referral,
  equipment_problems, by_end_reason, tutorials {id: {started, completed, abandoned}},
  and free_use {visits, minutes, pages, eid, usb} on a day with a free-use session only

A code that counts nothing is absent from its object (the agent never writes a 0), and an object
with nothing in it is {}.

Choices where the spec leaves room (keep them in step with the report of the tool's author):
- Which dates: every local date that has a visit (open or closed) or an equipment report (any
  state). A day whose visits are all still open, or whose only reports are repairs, is all
  zeros: is_empty() says so, so a test may accept such a day missing on the server.
- A visit counts once closed (end_reason not NULL), on its local_date column as the kiosk wrote
  it; its events and purposes count there too, whatever their own time (even after midnight).
- Length: ended_at - started_at in whole seconds (the times are whole seconds), a negative length
  (clock set back) counting as 0. A closed visit whose times cannot be read counts 0 s (the
  kiosk never writes one). minutes = (total seconds of the day + 30) // 60, rounded once.
- Buckets: lt5 < 300 s <= 5-15 < 900 s <= 15-30 < 1800 s <= 30-60 < 3600 s <= ge60.
- group_participants: group_size added up over guided_group visits only (guided_individual is 1
  by construction and is not a group).
- by_audience: audience rows of closed visits whose consent is 1 (the schema's trigger already
  refuses the others; the oracle checks again rather than trust it).
- came_for, helped, autonomy, referral: every non-NULL answer of a closed visit, whatever its
  mode (the kiosk asks came_for/helped only in free use and autonomy/referral only in guided
  sessions; the oracle does not enforce that).
- tutorials: tutorial_started / tutorial_completed / tutorial_abandoned events by tutorial_id,
  every version together; step_reached and equipment_reported events count nowhere.
- eid_checks / pin_tests: eid_check / eid_pin_test events by outcome.
- equipment_problems: equipment_reports rows whose state is not 'repaired', by item, on the
  Europe/Brussels date of their `at` (UTC); they are the terminal's, not a visit's, so a report
  counts even on a day without visits.
- free_use (issue 20): closed visits whose free_use_minutes is not NULL (the kiosk writes the
  session when it starts), on their local_date: how many, their minutes and pages added up (a
  negative figure, which no kiosk writes, as 0), how many had free_use_eid or free_use_usb 1.

Usage:
  expected_usage.py KIOSK_DB [--date YYYY-MM-DD]... [--canonical] [--open-dates]
As a module: expected_days(db_path) -> {"YYYY-MM-DD": counters}; canonical(counters) -> str.
"""
import argparse
import datetime
import json
import sqlite3
import sys
import urllib.parse
from zoneinfo import ZoneInfo

TIME_ZONE = ZoneInfo("Europe/Brussels")

COUNT_FIELDS = ("by_mode", "length", "by_language", "by_purpose", "by_audience", "eid_checks", "pin_tests",
                "came_for", "helped", "autonomy", "referral", "equipment_problems", "by_end_reason")


def connect(db_path):
    """kiosk.db read-only (mode=ro): the oracle can never change what it checks."""
    uri = "file:" + urllib.parse.quote(str(db_path)) + "?mode=ro"
    return sqlite3.connect(uri, uri=True)


def empty_day(date):
    day = {"date": date, "visits": 0, "group_participants": 0, "minutes": 0, "tutorials": {}}
    for f in COUNT_FIELDS:
        day[f] = {}
    return day


def length_bucket(seconds):
    if seconds < 5 * 60:
        return "lt5"
    if seconds < 15 * 60:
        return "5-15"
    if seconds < 30 * 60:
        return "15-30"
    if seconds < 60 * 60:
        return "30-60"
    return "ge60"


def local_date_of_utc(text, zone=TIME_ZONE):
    """'2026-11-23T23:30:00Z' -> '2026-11-24' in Brussels (None when unreadable)."""
    try:
        moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
    except (TypeError, ValueError):
        return None
    return moment.astimezone(zone).date().isoformat()


# Closed visits, with their length in seconds computed by SQLite from the ISO texts (NULL when
# either time is unreadable).
CLOSED_VISITS = """
    SELECT id, local_date, mode, group_size, language, end_reason, came_for, helped, autonomy, referral,
           CAST(strftime('%s', ended_at) AS INTEGER) - CAST(strftime('%s', started_at) AS INTEGER)
    FROM visits WHERE end_reason IS NOT NULL AND local_date IS NOT NULL"""

# (local_date, field, code, count) for every per-row counter of closed visits.
ROW_COUNTS = """
    SELECT v.local_date, 'by_purpose', p.purpose, count(*) FROM visit_purposes p JOIN visits v ON v.id = p.visit_id
    WHERE v.end_reason IS NOT NULL GROUP BY 1, 3
    UNION ALL
    SELECT v.local_date, 'by_audience', a.audience, count(*) FROM visit_audiences a JOIN visits v ON v.id = a.visit_id
    WHERE v.end_reason IS NOT NULL AND v.consent = 1 GROUP BY 1, 3
    UNION ALL
    SELECT v.local_date, CASE e.kind WHEN 'eid_check' THEN 'eid_checks' ELSE 'pin_tests' END, e.outcome, count(*)
    FROM visit_events e JOIN visits v ON v.id = e.visit_id
    WHERE v.end_reason IS NOT NULL AND e.kind IN ('eid_check', 'eid_pin_test') GROUP BY 1, 2, 3"""

# Issue 20: the free-use sessions of closed visits, added up per day (kiosk.db step 8's columns; a
# file without them has none). The record carries free_use only on a day that had one.
FREE_USE = """
    SELECT local_date, count(*), sum(max(free_use_minutes, 0)), sum(max(coalesce(free_use_pages, 0), 0)),
           sum(coalesce(free_use_eid, 0) != 0), sum(coalesce(free_use_usb, 0) != 0)
    FROM visits WHERE end_reason IS NOT NULL AND local_date IS NOT NULL AND free_use_minutes IS NOT NULL
    GROUP BY 1"""

TUTORIALS = """
    SELECT v.local_date, e.tutorial_id,
           sum(e.kind = 'tutorial_started'), sum(e.kind = 'tutorial_completed'), sum(e.kind = 'tutorial_abandoned')
    FROM visit_events e JOIN visits v ON v.id = e.visit_id
    WHERE v.end_reason IS NOT NULL
      AND e.kind IN ('tutorial_started', 'tutorial_completed', 'tutorial_abandoned')
    GROUP BY 1, 2"""


def bump(counts, code, n=1):
    counts[code] = counts.get(code, 0) + n


def expected_days(db_path, zone=TIME_ZONE):
    """{date: counters} for every local date of db_path (see the module's doc for the rules)."""
    con = connect(db_path)
    try:
        days = {}

        def day(date):
            if date not in days:
                days[date] = empty_day(date)
            return days[date]

        # Every date with a visit has a day, even when all its visits are still open.
        for (date,) in con.execute("SELECT DISTINCT local_date FROM visits WHERE local_date IS NOT NULL"):
            day(date)

        seconds_of = {}
        for (_id, date, mode, group_size, language, end_reason, came_for, helped, autonomy, referral,
             seconds) in con.execute(CLOSED_VISITS):
            d = day(date)
            d["visits"] += 1
            bump(d["by_mode"], mode)
            if mode == "guided_group":
                d["group_participants"] += group_size
            seconds = max(seconds or 0, 0)
            seconds_of[date] = seconds_of.get(date, 0) + seconds
            bump(d["length"], length_bucket(seconds))
            bump(d["by_language"], language)
            bump(d["by_end_reason"], end_reason)
            for field, answer in (("came_for", came_for), ("helped", helped), ("autonomy", autonomy),
                                  ("referral", referral)):
                if answer is not None:
                    bump(d[field], answer)
        for date, seconds in seconds_of.items():
            days[date]["minutes"] = (seconds + 30) // 60

        for date, field, code, n in con.execute(ROW_COUNTS):
            bump(day(date)[field], code, n)
        for date, tutorial, started, completed, abandoned in con.execute(TUTORIALS):
            day(date)["tutorials"][tutorial] = {"started": started, "completed": completed, "abandoned": abandoned}

        columns = {row[1] for row in con.execute("PRAGMA table_info(visits)")}
        if "free_use_minutes" in columns:
            for date, visits, minutes, pages, eid, usb in con.execute(FREE_USE):
                day(date)["free_use"] = {"visits": visits, "minutes": minutes, "pages": pages,
                                         "eid": eid, "usb": usb}

        for at, item, state in con.execute("SELECT at, item, state FROM equipment_reports"):
            date = local_date_of_utc(at, zone)
            if date is None:
                continue
            d = day(date)
            if state != "repaired":
                bump(d["equipment_problems"], item)
        return dict(sorted(days.items()))
    finally:
        con.close()


def open_dates(db_path):
    """Local dates with a visit still open (the agent sends those days with final: false)."""
    con = connect(db_path)
    try:
        return sorted(d for (d,) in con.execute(
            "SELECT DISTINCT local_date FROM visits WHERE end_reason IS NULL AND local_date IS NOT NULL"))
    finally:
        con.close()


def is_empty(counters):
    """True when the day counts nothing at all (a server may never have heard of it)."""
    return all(not v for k, v in counters.items() if k != "date")


def canonical(counters):
    """The text nlohmann::json's dump() gives for the same object: sorted keys, no spaces."""
    return json.dumps(counters, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", help="a kiosk.db (opened read-only)")
    parser.add_argument("--date", action="append", help="only this local date (repeatable)")
    parser.add_argument("--canonical", action="store_true", help="one canonical counters object per line")
    parser.add_argument("--open-dates", action="store_true", help="print the dates with an open visit instead")
    args = parser.parse_args(argv)
    if args.open_dates:
        print(json.dumps(open_dates(args.db)))
        return 0
    days = expected_days(args.db)
    if args.date:
        days = {d: days.get(d, empty_day(d)) for d in args.date}
    if args.canonical:
        for counters in days.values():
            print(canonical(counters))
    else:
        print(json.dumps(days, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
