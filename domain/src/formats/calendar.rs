//! The open follow-ups as an iCalendar file (RFC 5545), written with `calcard`.

use crate::model::Contact;
use calcard::common::PartialDateTime;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarParameter,
    ICalendarProperty, ICalendarValue, ICalendarValueType,
};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

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
/// events instead of duplicating them). `now` is the DTSTAMP. CRLF line endings, folded lines.
pub fn follow_ups_ics<'a>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    now: DateTime<Utc>,
) -> String {
    let stamp = ICalendarValue::PartialDateTime(Box::new(PartialDateTime {
        year: Some(now.year() as u16),
        month: Some(now.month() as u8),
        day: Some(now.day() as u8),
        hour: Some(now.hour() as u8),
        minute: Some(now.minute() as u8),
        second: Some(now.second() as u8),
        tz_hour: Some(0),
        tz_minute: Some(0),
        tz_minus: false,
    }));
    let mut calendar = ICalendarComponent {
        component_type: ICalendarComponentType::VCalendar,
        entries: vec![
            text_entry(ICalendarProperty::Prodid, "-//Weak Ties//Follow-ups//EN"),
            text_entry(ICalendarProperty::Version, "2.0"),
            text_entry(ICalendarProperty::Calscale, "GREGORIAN"),
        ],
        component_ids: Vec::new(),
    };
    let mut events = Vec::new();
    for contact in contacts {
        for f in contact.follow_ups.iter().filter(|f| f.done_on.is_none()) {
            let mut entries = vec![
                text_entry(ICalendarProperty::Uid, format!("{}@weak-ties", f.id)),
                ICalendarEntry::new(ICalendarProperty::Dtstamp).with_value(stamp.clone()),
                date_entry(ICalendarProperty::Dtstart, f.due),
                date_entry(ICalendarProperty::Dtend, f.due.succ_opt().unwrap_or(f.due)),
                text_entry(
                    ICalendarProperty::Summary,
                    format!("{}: {}", f.kind.label(), contact.name),
                ),
            ];
            if !f.text.is_empty() {
                entries.push(text_entry(ICalendarProperty::Description, f.text.clone()));
            }
            events.push(ICalendarComponent {
                component_type: ICalendarComponentType::VEvent,
                entries,
                component_ids: Vec::new(),
            });
        }
    }
    calendar.component_ids = (1..=events.len() as u32).collect();
    let mut components = vec![calendar];
    components.extend(events);
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = ICalendar { components }.write_to(&mut out);
    out
}
