//! The backup reminder. The user's data lives only in this browser, and browsers (Safari above
//! all) may clear a site's data; so when the last backup is old and the contacts have changed
//! since, the app suggests a new one, gently: at most once a week if the user says "Not now".
//!
//! The log is the document `backup`. It belongs to this browser only: it is not part of a backup
//! file (see [`crate::store::Document::in_backup`]).

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Days after the last backup (or after the first contact, when there was none) before the
/// reminder shows, if anything changed since.
pub const REMIND_AFTER_DAYS: i64 = 14;
/// Days "Not now" puts the reminder off.
pub const SNOOZE_DAYS: i64 = 7;

/// When the user last exported a backup, and until when they put the reminder off.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupLog {
    pub last_backup: Option<DateTime<Utc>>,
    pub snoozed_until: Option<DateTime<Utc>>,
}

/// Why a backup is suggested now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reminder {
    /// The last backup is this many days old, and contacts changed since.
    Since { days: i64 },
    /// There was never a backup, and the oldest contact is this many days old.
    Never { days: i64 },
}

impl Reminder {
    /// The banner's text.
    pub fn message(self) -> String {
        match self {
            Reminder::Since { days } => format!(
                "Your last backup was {days} days ago, and your contacts have changed since. \
                 Browsers may clear a site's data: export a backup and keep it somewhere safe."
            ),
            Reminder::Never { days } => format!(
                "You have kept contacts here for {days} days without a backup. Browsers may clear \
                 a site's data: export a backup and keep it somewhere safe."
            ),
        }
    }
}

/// "Last backup: 28 November 2026 (today)." from the day of the last backup, in the user's time
/// zone.
pub fn last_backup_text(last: Option<NaiveDate>, today: NaiveDate) -> String {
    let Some(day) = last else {
        return "No backup yet.".into();
    };
    let ago = match (today - day).num_days() {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{n} days ago"),
    };
    format!("Last backup: {} ({ago}).", day.format("%-d %B %Y"))
}

/// The span of changes to the contacts: the oldest creation and the latest update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

impl BackupLog {
    /// Whether to suggest a backup at `now`, given the changes to the contacts (`None`: there are
    /// no contacts, so nothing to lose).
    pub fn reminder(&self, changes: Option<Changes>, now: DateTime<Utc>) -> Option<Reminder> {
        let changes = changes?;
        if self.snoozed_until.is_some_and(|until| now < until) {
            return None;
        }
        let old = |since: DateTime<Utc>| {
            let days = (now - since).num_days();
            (days >= REMIND_AFTER_DAYS).then_some(days)
        };
        match self.last_backup {
            Some(backup) if changes.last > backup => {
                old(backup).map(|days| Reminder::Since { days })
            }
            Some(_) => None,
            None => old(changes.first).map(|days| Reminder::Never { days }),
        }
    }

    /// A backup was exported at `now`.
    pub fn backed_up(&mut self, now: DateTime<Utc>) {
        self.last_backup = Some(now);
        self.snoozed_until = None;
    }

    /// "Not now": no reminder for [`SNOOZE_DAYS`].
    pub fn snooze(&mut self, now: DateTime<Utc>) {
        self.snoozed_until = Some(now + Duration::days(SNOOZE_DAYS));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn day(d: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + Duration::days(d)
    }

    fn changes(first: i64, last: i64) -> Option<Changes> {
        Some(Changes {
            first: day(first),
            last: day(last),
        })
    }

    #[test]
    fn no_contacts_no_reminder() {
        assert_eq!(BackupLog::default().reminder(None, day(400)), None);
    }

    #[test]
    fn never_backed_up_reminds_once_the_first_contact_is_two_weeks_old() {
        let log = BackupLog::default();
        assert_eq!(log.reminder(changes(0, 0), day(13)), None);
        assert_eq!(
            log.reminder(changes(0, 0), day(14)),
            Some(Reminder::Never { days: 14 })
        );
    }

    #[test]
    fn an_old_backup_reminds_only_when_contacts_changed_since() {
        let mut log = BackupLog::default();
        log.backed_up(day(10));
        assert_eq!(log.reminder(changes(0, 9), day(60)), None, "nothing new");
        assert_eq!(log.reminder(changes(0, 11), day(23)), None, "too recent");
        assert_eq!(
            log.reminder(changes(0, 11), day(24)),
            Some(Reminder::Since { days: 14 })
        );
    }

    #[test]
    fn not_now_puts_it_off_for_a_week_and_a_backup_clears_that() {
        let mut log = BackupLog::default();
        log.snooze(day(20));
        assert_eq!(log.reminder(changes(0, 1), day(26)), None);
        assert_eq!(
            log.reminder(changes(0, 1), day(27)),
            Some(Reminder::Never { days: 27 })
        );
        log.backed_up(day(21));
        assert_eq!(log.snoozed_until, None);
    }

    #[test]
    fn the_messages_say_how_long_and_what_to_do() {
        let since = Reminder::Since { days: 20 }.message();
        assert!(since.contains("20 days ago") && since.contains("export a backup"));
        let never = Reminder::Never { days: 15 }.message();
        assert!(never.contains("15 days without a backup"));
    }

    #[test]
    fn settings_says_when_the_last_backup_was() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(last_backup_text(None, today), "No backup yet.");
        assert_eq!(
            last_backup_text(Some(today), today),
            "Last backup: 28 November 2026 (today)."
        );
        assert_eq!(
            last_backup_text(today.pred_opt(), today),
            "Last backup: 27 November 2026 (yesterday)."
        );
        assert_eq!(
            last_backup_text(NaiveDate::from_ymd_opt(2026, 11, 8), today),
            "Last backup: 8 November 2026 (20 days ago)."
        );
    }

    #[test]
    fn an_empty_or_older_document_reads_as_no_backup() {
        let log: BackupLog = serde_json::from_str("{}").unwrap();
        assert_eq!(log, BackupLog::default());
    }

    proptest! {
        #[test]
        fn right_after_a_backup_there_is_never_a_reminder(
            first in 0i64..1000, span in 0i64..1000, backup in 0i64..3000, later in 0i64..14,
        ) {
            let mut log = BackupLog::default();
            log.backed_up(day(backup));
            prop_assert_eq!(log.reminder(changes(first, first + span), day(backup + later)), None);
        }
    }
}
