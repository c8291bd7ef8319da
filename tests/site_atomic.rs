//! A failed build leaves the previous site exactly as it was, and leaves no
//! half-written folder beside it.

mod common;
mod site_support;

use site_support::*;
use tebiki::build::Failure;

use common::names as siblings;

#[test]
fn content_errors_leave_the_previous_site_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_ok(&fixture(), &out);
    let before = snapshot(&out);

    let content = dir.path().join("content");
    copy_tree(&fixture().content, &content);
    let flows = content.join("cities/minato/flows.toml");
    let broken = std::fs::read_to_string(&flows).unwrap().replace(
        "addons = [\"soudan-kyoka\"]",
        "addons = [\"no-such-addon\"]",
    );
    std::fs::write(&flows, broken).unwrap();
    let inputs = tebiki::load::Inputs {
        content,
        forms: fixture().forms,
    };
    assert!(matches!(
        build_into(&inputs, &out),
        Err(Failure::Content(_))
    ));
    assert!(before == snapshot(&out), "the previous site is unchanged");
    assert_eq!(siblings(dir.path()), ["content", "site"]);
}

#[test]
fn render_errors_leave_the_previous_site_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_ok(&fixture(), &out);
    let before = snapshot(&out);

    // A theme whose flow template fails at render time, after other pages were written.
    let themes = dir.path().join("themes");
    copy_tree(&repo().join("themes"), &themes);
    let flow = themes.join("default/templates/flow.html");
    let broken = std::fs::read_to_string(&flow).unwrap().replace(
        "{{ body.summary | safe }}",
        "{{ body.no_such_field.deeper }}",
    );
    std::fs::write(&flow, broken).unwrap();
    match build_with_theme(&fixture(), &themes, &out) {
        Err(Failure::Io(e)) => assert!(
            e.to_string().contains("flow.html"),
            "the error names the template: {e}"
        ),
        other => panic!(
            "expected a render failure, got {:?}",
            other.map(|s| s.pages)
        ),
    }
    assert!(before == snapshot(&out), "the previous site is unchanged");
    assert_eq!(siblings(dir.path()), ["site", "themes"]);
}
