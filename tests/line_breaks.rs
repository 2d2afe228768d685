//! Issue 14, item 14: line breaks measured in the browser at 360 and 1280 px, in both
//! languages. A date never wraps inside itself ("2026年11月／30日"), a heading never leaves
//! one character alone on its last line ("受け付けまし／た"), and the notes field has room for
//! more than one line.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::axe::{axe_source, violations};
use support::browser::Browser;
use support::journey::{self, Dates};
use support::portal::Portal;

/// Every date in the page's text (both languages' forms, `format_date`'s), with the number of
/// lines it is laid out on; only those on more than one line are returned.
const WRAPPED_DATES: &str = r#"
const re = /\d{4}年\d{1,2}月\d{1,2}日(\(.\))?|\d{4}-\d{2}-\d{2}( \([A-Z][a-z]{2}\))?/g;
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const wrapped = [];
let seen = 0;
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  if (!node.parentElement || node.parentElement.closest('input, textarea, script, style')) continue;
  for (const m of node.data.matchAll(re)) {
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    if (rects.length === 0) continue;
    seen += 1;
    const tops = new Set(rects.map(r => Math.round(r.top)));
    if (tops.size > 1) wrapped.push(m[0] + ' in <' + node.parentElement.tagName.toLowerCase() + ' class=' + node.parentElement.className + '>');
  }
}
return { seen, wrapped };
"#;

/// Headings whose last character sits alone on their last line.
const ORPHANS: &str = r#"
const alone = [];
for (const h of document.querySelectorAll('h1, h2, .fw-panel__title')) {
  const text = h.textContent.trim();
  if ([...text].length < 2) continue;
  const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.data.trim()) nodes.push(n);
  const last = nodes[nodes.length - 1];
  const data = last.data.replace(/\s+$/, '');
  if (data.length < 2) continue;
  const top = (from, to) => {
    const r = document.createRange();
    r.setStart(last, from);
    r.setEnd(last, to);
    const rects = [...r.getClientRects()].filter(x => x.width > 0);
    return rects.length ? Math.round(rects[rects.length - 1].top) : null;
  };
  const end = data.length;
  const lastTop = top(end - 1, end);
  const prevTop = top(end - 2, end - 1);
  // Latin words may end a line with one letter word; only count a lone CJK character.
  if (lastTop !== null && prevTop !== null && lastTop !== prevTop && /[\u3000-\u9fff]/.test(data[end - 1]))
    alone.push(text);
}
return alone;
"#;

async fn measure(browser: &Browser, page: &str, found: &mut Vec<String>, min_dates: u64) {
    for width in [360, 1280] {
        browser
            .client
            .set_window_size(width, 900)
            .await
            .expect("resize");
        // Let the layout settle after the resize.
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        let dates = browser.client.execute(WRAPPED_DATES, vec![]).await.unwrap();
        let seen = dates["seen"].as_u64().unwrap_or(0);
        assert!(
            seen >= min_dates,
            "{page} at {width} px: only {seen} dates found, the measurement did not run"
        );
        for w in dates["wrapped"].as_array().cloned().unwrap_or_default() {
            found.push(format!("{page} at {width} px: the date {w} wraps"));
        }
        let alone = browser.client.execute(ORPHANS, vec![]).await.unwrap();
        for h in alone.as_array().cloned().unwrap_or_default() {
            found.push(format!(
                "{page} at {width} px: the heading {h} leaves one character alone"
            ));
        }
    }
    browser
        .client
        .set_window_size(1280, 1000)
        .await
        .expect("resize");
}

#[tokio::test(flavor = "multi_thread")]
async fn dates_never_wrap_and_headings_leave_no_character_alone() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    let axe = axe_source();
    let dates = Dates::now();
    let mut found = Vec::new();

    journey::start_request(&browser, &portal.base_url, "PC-7200", &dates).await;
    browser
        .client
        .goto(&portal.url("/request/schedule"))
        .await
        .unwrap();
    browser.wait_for("#work-date").await;
    // ご連絡事項 has room for several lines.
    let notes = browser.wait_for("#notes").await;
    assert_eq!(notes.tag_name().await.unwrap(), "textarea");
    let rows: u32 = notes
        .attr("rows")
        .await
        .unwrap()
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    assert!(rows >= 3, "the notes field has {rows} rows");
    browser
        .client
        .goto(&portal.url("/request/contract"))
        .await
        .unwrap();
    browser.wait_for("#contract-number").await;

    journey::fill_whole_request(&browser, &portal.base_url, "PC-7200", &dates).await;
    measure(&browser, "check your answers (ja)", &mut found, 3).await;
    journey::submit(&browser).await;
    browser.wait_for("[data-testid=reference]").await;
    measure(&browser, "confirmation (ja)", &mut found, 1).await;
    browser.click(".fw-language__option[lang=en]").await;
    browser.wait_for_text("h1", "received").await;
    measure(&browser, "confirmation (en)", &mut found, 1).await;
    browser.click(".fw-language__option[lang=ja]").await;
    browser.wait_for_text("h1", "受け付けました").await;

    assert!(found.is_empty(), "line breaks:\n{}", found.join("\n"));
    for width in [360, 1280] {
        browser.client.set_window_size(width, 900).await.unwrap();
        let v = violations(&browser, &axe).await;
        assert!(
            v.is_empty(),
            "axe on the confirmation at {width} px: {v:#?}"
        );
    }
    browser.close().await;
    portal.stop();
}
