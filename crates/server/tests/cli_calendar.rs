//! `fwportal calendar …` run as a real process (R2 holidays, R5 notice).

use std::io::Write;
use std::process::{Command, Output};

fn fwportal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fwportal"))
        .args(args)
        // The machine's zone must not matter: everything is in Japan time.
        .env("TZ", "America/New_York")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn r2_holidays_of_2026() {
    let out = fwportal(&["calendar", "holidays", "--year", "2026"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = "\
2026-01-01\t元日
2026-01-12\t成人の日
2026-02-11\t建国記念の日
2026-02-23\t天皇誕生日
2026-03-20\t春分の日
2026-04-29\t昭和の日
2026-05-03\t憲法記念日
2026-05-04\tみどりの日
2026-05-05\tこどもの日
2026-05-06\tこどもの日 振替休日
2026-07-20\t海の日
2026-08-11\t山の日
2026-09-21\t敬老の日
2026-09-22\t休日
2026-09-23\t秋分の日
2026-10-12\tスポーツの日
2026-11-03\t文化の日
2026-11-23\t勤労感謝の日
";
    assert_eq!(stdout(&out), expected);
    assert!(out.stderr.is_empty());
}

#[test]
fn r2_holidays_with_an_operator_file() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(
        file,
        "# 臨時\nholiday 2027-05-06 臨時の祝日 | Extra holiday\nnot-holiday 2027-11-23\nclosure 2027-08-13 夏季休業"
    )
    .unwrap();
    let path = file.path().to_str().unwrap();
    let out = fwportal(&["calendar", "holidays", "--year", "2027", "--config", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("2027-05-05\tこどもの日\n2027-05-06\t臨時の祝日\n"),
        "{text}"
    );
    assert!(!text.contains("2027-11-23"), "{text}");
    // A closure is not a holiday.
    assert!(!text.contains("2027-08-13"), "{text}");
}

#[test]
fn r5_notice_friday_before_and_at_the_cutoff() {
    // Work on Monday 2026-06-29: deadline Monday 6/8 (6/8 … 6/26 are 15 business days).
    let out = fwportal(&[
        "calendar",
        "notice",
        "--work-date",
        "2026-06-29",
        "--submitted-at",
        "2026-06-05T17:29:00+09:00",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "{\"received_on\":\"2026-06-05\",\"deadline\":\"2026-06-08\",\"earliest_work_date\":\"2026-06-26\",\"notice_met\":true}\n"
    );

    // 08:30 UTC is 17:30 JST: received Monday 6/8, still exactly on the deadline.
    let out = fwportal(&[
        "calendar",
        "notice",
        "--work-date",
        "2026-06-29",
        "--submitted-at",
        "2026-06-05T08:30:00Z",
    ]);
    assert_eq!(
        stdout(&out),
        "{\"received_on\":\"2026-06-08\",\"deadline\":\"2026-06-08\",\"earliest_work_date\":\"2026-06-27\",\"notice_met\":true}\n"
    );
}

#[test]
fn r5_notice_uses_the_config_file() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "notice-days 10").unwrap();
    let path = file.path().to_str().unwrap();
    let out = fwportal(&[
        "calendar",
        "notice",
        "--work-date",
        "2026-06-29",
        "--submitted-at",
        "2026-06-16T09:00:00+09:00",
        "--config",
        path,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // 10 business days before 6/29: 6/15 … 6/26; received 6/16 is one day late.
    assert_eq!(
        stdout(&out),
        "{\"received_on\":\"2026-06-16\",\"deadline\":\"2026-06-15\",\"earliest_work_date\":\"2026-06-30\",\"notice_met\":false}\n"
    );
}

fn assert_usage_error(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    assert!(out.stdout.is_empty(), "stdout: {}", stdout(out));
    let err = stderr(out);
    assert_eq!(err.trim_end().lines().count(), 1, "not one line: {err}");
    assert!(err.contains(needle), "{err}");
}

#[test]
fn exit_2_on_bad_arguments() {
    let notice = |work: &str, at: &str| {
        fwportal(&[
            "calendar",
            "notice",
            "--work-date",
            work,
            "--submitted-at",
            at,
        ])
    };
    assert_usage_error(
        &notice("2026-02-30", "2026-06-05T09:00:00+09:00"),
        "--work-date",
    );
    assert_usage_error(&notice("2026-06-29", "2026-06-05 09:00"), "--submitted-at");
    assert_usage_error(
        &notice("2000-01-05", "2000-01-04T09:00:00+09:00"),
        "outside",
    );
    assert_usage_error(
        &fwportal(&["calendar", "holidays", "--year", "1999"]),
        "1999",
    );
    assert_usage_error(
        &fwportal(&["calendar", "holidays", "--year", "next"]),
        "--year",
    );
    assert_usage_error(
        &fwportal(&[
            "calendar",
            "holidays",
            "--year",
            "2026",
            "--config",
            "/nonexistent/fwportal-calendar.conf",
        ]),
        "/nonexistent/fwportal-calendar.conf",
    );
}

#[test]
fn exit_2_on_a_bad_config_file_naming_file_and_line() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(
        file,
        "# ok\nclosure 2027-08-13\nholiday 2027-08-14 名前だけ"
    )
    .unwrap();
    let path = file.path().to_str().unwrap();
    let out = fwportal(&["calendar", "holidays", "--year", "2027", "--config", path]);
    assert_usage_error(&out, path);
    assert!(stderr(&out).contains("line 3:"), "{}", stderr(&out));
}

#[test]
fn exit_2_on_clap_usage_errors() {
    let out = fwportal(&["calendar", "notice", "--work-date", "2026-06-29"]);
    assert_eq!(out.status.code(), Some(2));
    let out = fwportal(&["calendar", "bogus"]);
    assert_eq!(out.status.code(), Some(2));
}
