"""Reads a follow-ups calendar of Weak Ties with Python's icalendar and checks its reminders.

    python3 tests/ics_reminders.py FILE ZONE EVENTS

Every event must be an all-day event with exactly one display alarm, whose trigger is the absolute
instant of 9:00 on the event's day in ZONE (from Python's zone database), with a description; there
must be EVENTS events. Run by the domain's native test python_icalendar_reads_the_reminders_back.
"""
import datetime
import sys
import zoneinfo

import icalendar

path, zone, expected = sys.argv[1], zoneinfo.ZoneInfo(sys.argv[2]), int(sys.argv[3])
with open(path, "rb") as f:
    calendar = icalendar.Calendar.from_ical(f.read())
events = list(calendar.walk("VEVENT"))
assert len(events) == expected, f"{len(events)} events, expected {expected}"
for event in events:
    day = event.decoded("DTSTART")
    assert type(day) is datetime.date, f"{event['UID']}: not all day: {day!r}"
    alarms = [c for c in event.subcomponents if c.name == "VALARM"]
    assert len(alarms) == 1, f"{event['UID']}: {len(alarms)} alarms"
    alarm = alarms[0]
    assert str(alarm["ACTION"]) == "DISPLAY", alarm["ACTION"]
    assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"]), alarm["DESCRIPTION"]
    trigger = alarm.decoded("TRIGGER")
    nine = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=zone)
    assert isinstance(trigger, datetime.datetime) and trigger.tzinfo is not None, repr(trigger)
    assert trigger == nine, f"{event['UID']}: reminder at {trigger}, expected {nine}"
    print(f"{event['UID']}: {day} reminder at {trigger.astimezone(zone)}")
