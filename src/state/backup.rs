//! Backups in the app state: export (and the note of when, for the reminder), the reminder, and
//! the all-or-nothing import.

use crate::browser::download::download;
use crate::parts::{part, NotFetched};
use leptos::prelude::*;
use weak_ties_domain::backup::backup_file_name;
use weak_ties_domain::reminder::Reminder;

use super::{now, today, AppState};

part!(
    /// [`AppState::download_backup`] in a part of its own: the export and its JSON writer are
    /// fetched on the first click instead of with the first screen.
    fn download_backup_part(state: AppState) -> Result<(), String> {
        state.download_backup()
    }
);

/// [`AppState::download_backup`] for the banners of the first screen (the backup reminder, storage
/// nearly full), whose code is fetched on the first click (see `parts.rs`).
pub async fn download_backup_from_banner(state: AppState) -> Result<(), String> {
    download_backup_part(state)
        .await
        .unwrap_or_else(|NotFetched| Err(NotFetched::MESSAGE.into()))
}

impl AppState {
    /// Everything the app keeps, as one backup file's text.
    pub fn export_backup(&self) -> Result<String, String> {
        self.repo.with_value(|repo| match repo {
            Some(repo) => repo
                .export_backup(now())
                .map(|b| b.to_json())
                .map_err(|e| e.to_string()),
            None => Err(self
                .blocked
                .get_untracked()
                .unwrap_or_else(|| "Storage is not available.".into())),
        })
    }

    /// Exports a backup through the browser's download and notes when, for the reminder.
    pub fn download_backup(&self) -> Result<(), String> {
        let text = self.export_backup()?;
        download(&backup_file_name(today()), "application/json", &text)?;
        self.note_backup();
        Ok(())
    }

    /// Notes that a backup was made now, for the reminder. The backup is made even if the note
    /// cannot be saved: the reminder just comes back.
    pub fn note_backup(&self) {
        let _ = self.change_doc(self.backup_log, |log| log.backed_up(now()));
    }

    /// Whether to suggest a backup now (tracked: it follows the contacts and the log).
    pub fn backup_reminder(&self) -> Option<Reminder> {
        let changes = self.changes();
        self.backup_log
            .value
            .with(|log| log.reminder(changes, now()))
    }

    /// "Not now" on the backup reminder.
    pub fn snooze_backup_reminder(&self) -> Result<(), String> {
        self.change_doc(self.backup_log, |log| log.snooze(now()))
    }

    /// Checks a backup file as a whole, then merges it in (all or nothing) and shows the result.
    pub fn import_backup(&self, bytes: &[u8]) -> Result<String, String> {
        let backup =
            weak_ties_domain::backup::parse_backup_bytes(bytes).map_err(|e| e.to_string())?;
        let report = self.repo.with_value(|repo| match repo {
            Some(repo) => repo.import_backup(&backup).map_err(|e| e.to_string()),
            None => Err("Storage is not available.".to_string()),
        })?;
        self.reload_key(None);
        Ok(report.to_string())
    }
}
