//! The same input gives byte-identical output, however the threads that
//! render pages in parallel happen to be scheduled.

mod site_support;

use site_support::*;

fn assert_identical_rebuild(inputs: &tebiki::load::Inputs) {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("one");
    let second = dir.path().join("two");
    build_ok(inputs, &first);
    build_ok(inputs, &second);
    let (a, b) = (snapshot(&first), snapshot(&second));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn fixture_rebuild_is_byte_identical() {
    assert_identical_rebuild(&fixture());
}

#[test]
fn bundled_rebuild_is_byte_identical() {
    assert_identical_rebuild(&bundled());
}
