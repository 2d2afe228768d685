//! Loading the operator's calendar file (extra closure days, holidays, notice settings: R2,
//! R5). The file is read here; its text is parsed by `fwportal_core::calendar` so that the
//! server and the app agree on every day.

use std::path::{Path, PathBuf};

use fwportal_core::calendar::{BusinessCalendar, ConfigError};

/// The calendar file could not be used. The message names the file and, for content
/// errors, the line.
#[derive(Debug, thiserror::Error)]
pub enum LoadCalendarError {
    #[error("cannot read the calendar file {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    // The parse error is part of the message rather than a `source`, so that `{:#}` chains
    // (anyhow) do not print the line twice.
    #[error("calendar file {}: {error}", path.display())]
    Parse { path: PathBuf, error: ConfigError },
}

/// Builds the business calendar from the operator's file, or the contract's defaults (law
/// holidays only, 15 business days' notice, cutoff 17:30) when `path` is `None`.
///
/// ```
/// use fwportal_server::calendar_config::load_calendar;
///
/// let cal = load_calendar(None).unwrap();
/// assert_eq!(cal.settings().notice_business_days, 15);
///
/// let err = load_calendar(Some("/nonexistent/calendar.conf".as_ref())).unwrap_err();
/// assert!(err.to_string().starts_with("cannot read the calendar file /nonexistent/calendar.conf"));
/// ```
pub fn load_calendar(path: Option<&Path>) -> Result<BusinessCalendar, LoadCalendarError> {
    let Some(path) = path else {
        return Ok(BusinessCalendar::default());
    };
    let text = std::fs::read_to_string(path).map_err(|source| LoadCalendarError::Read {
        path: path.to_owned(),
        source,
    })?;
    BusinessCalendar::from_config_text(&text).map_err(|error| LoadCalendarError::Parse {
        path: path.to_owned(),
        error,
    })
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn r2_bad_file_names_the_file_and_the_line() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        writeln!(file, "# 夏季休業\nclosure 2027-08-13\nclosure 2027-13-01").unwrap();
        let err = load_calendar(Some(file.path())).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains(&file.path().display().to_string()),
            "{message}"
        );
        assert!(
            message.contains("line 3: `2027-13-01` is not a date"),
            "{message}"
        );
    }

    #[test]
    fn r2_good_file_is_applied() {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        writeln!(file, "closure 2027-08-13 夏季休業\nnotice-days 20").unwrap();
        let cal = load_calendar(Some(file.path())).unwrap();
        assert!(!cal.is_business_day("2027-08-13".parse().unwrap()));
        assert_eq!(cal.settings().notice_business_days, 20);
    }
}
