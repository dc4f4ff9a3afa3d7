//! The open follow-ups as an iCalendar file (RFC 5545), written with `calcard`, each with a
//! reminder so that the phone's own calendar tells the user on the day.

use crate::model::Contact;
use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarAction, ICalendarComponent, ICalendarComponentType, ICalendarEntry,
    ICalendarParameter, ICalendarProperty, ICalendarValue, ICalendarValueType,
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Utc};

/// The local time of day, on the due day, at which a follow-up's reminder goes off.
pub const REMINDER_TIME: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => unreachable!(),
};

/// The instant of a follow-up's reminder: [`REMINDER_TIME`] on `due` in the user's time zone,
/// given as `utc_offset`, the zone's offset from UTC in minutes east (`60` for Paris in winter,
/// `-300` for New York) at a local date and time. The domain has no zone database: the app asks
/// the browser, which knows the user's zone and its daylight saving rules.
pub fn reminder_at(due: NaiveDate, utc_offset: impl Fn(NaiveDateTime) -> i32) -> DateTime<Utc> {
    let local = due.and_time(REMINDER_TIME);
    (local - Duration::minutes(i64::from(utc_offset(local)))).and_utc()
}

fn date_time(t: DateTime<Utc>) -> ICalendarValue {
    ICalendarValue::PartialDateTime(Box::new(PartialDateTime {
        year: Some(t.year() as u16),
        month: Some(t.month() as u8),
        day: Some(t.day() as u8),
        hour: Some(t.hour() as u8),
        minute: Some(t.minute() as u8),
        second: Some(t.second() as u8),
        tz_hour: Some(0),
        tz_minute: Some(0),
        tz_minus: false,
    }))
}

fn date(d: NaiveDate) -> ICalendarValue {
    ICalendarValue::PartialDateTime(Box::new(PartialDateTime {
        year: Some(d.year() as u16),
        month: Some(d.month() as u8),
        day: Some(d.day() as u8),
        ..Default::default()
    }))
}

fn date_entry(name: ICalendarProperty, d: NaiveDate) -> ICalendarEntry {
    ICalendarEntry::new(name)
        .with_param(ICalendarParameter::value(ICalendarValueType::Date))
        .with_value(date(d))
}

fn text_entry(name: ICalendarProperty, value: impl Into<String>) -> ICalendarEntry {
    ICalendarEntry::new(name).with_value(ICalendarValue::Text(value.into()))
}

/// The open follow-ups of `contacts` as one calendar: an all-day event per follow-up on its due
/// date, with a UID derived from the follow-up's id (so importing the file again updates the
/// events instead of duplicating them), and a display reminder at [`REMINDER_TIME`] on the due
/// day in the user's time zone ([`reminder_at`], with `utc_offset`), an absolute UTC instant as
/// RFC 5545 asks of a `TRIGGER` date-time. `now` is the DTSTAMP. CRLF line endings, folded lines.
pub fn follow_ups_ics<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    now: DateTime<Utc>,
    utc_offset: impl Fn(NaiveDateTime) -> i32,
) -> String {
    let stamp = date_time(now);
    let calendar = ICalendarComponent {
        component_type: ICalendarComponentType::VCalendar,
        entries: vec![
            text_entry(ICalendarProperty::Prodid, "-//Weak Ties//Follow-ups//EN"),
            text_entry(ICalendarProperty::Version, "2.0"),
            text_entry(ICalendarProperty::Calscale, "GREGORIAN"),
        ],
        component_ids: Vec::new(),
    };
    // Components are written from one flat list: the calendar first, then each event followed by
    // its alarm, which the event lists as its child.
    let mut components = vec![calendar];
    for contact in contacts {
        for f in contact.follow_ups.iter().filter(|f| f.done_on.is_none()) {
            let summary = format!("{}: {}", f.kind.label(), contact.name);
            let mut entries = vec![
                text_entry(ICalendarProperty::Uid, format!("{}@weak-ties", f.id)),
                ICalendarEntry::new(ICalendarProperty::Dtstamp).with_value(stamp.clone()),
                date_entry(ICalendarProperty::Dtstart, f.due),
                date_entry(ICalendarProperty::Dtend, f.due.succ_opt().unwrap_or(f.due)),
                text_entry(ICalendarProperty::Summary, summary.clone()),
            ];
            if !f.text.is_empty() {
                entries.push(text_entry(ICalendarProperty::Description, f.text.clone()));
            }
            let alarm = ICalendarComponent {
                component_type: ICalendarComponentType::VAlarm,
                entries: vec![
                    ICalendarEntry::new(ICalendarProperty::Action)
                        .with_value(ICalendarValue::Action(ICalendarAction::Display)),
                    ICalendarEntry::new(ICalendarProperty::Trigger)
                        .with_param(ICalendarParameter::value(ICalendarValueType::DateTime))
                        .with_value(date_time(reminder_at(f.due, &utc_offset))),
                    text_entry(ICalendarProperty::Description, summary),
                ],
                component_ids: Vec::new(),
            };
            let event_id = components.len() as u32;
            components[0].component_ids.push(event_id);
            components.push(ICalendarComponent {
                component_type: ICalendarComponentType::VEvent,
                entries,
                component_ids: vec![event_id + 1],
            });
            components.push(alarm);
        }
    }
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = ICalendar { components }.write_to(&mut out);
    out
}
