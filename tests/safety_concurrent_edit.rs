//! A timeline edited while a command updates it is not overwritten: the
//! command notices (length, modification time and content hash, checked
//! again under the lock right before the rename), keeps the user's file,
//! writes nothing over it and fails with exit code 3, saying what to run
//! again. The edit is made at the worst moment through the build's
//! `before_replace` hook, which runs with the new text ready and the lock
//! held, just before the check.

use std::path::{Path, PathBuf};

use timeline::error::Error;
use timeline::fsio;
use timeline::pipeline::{self, BuildOptions, Hooks};

const ARTICLE: &str = "date 2021-03-04\nThe bridge over the river opened on May 5, 2020, after three years of work.\n";

fn options(d: &Path) -> BuildOptions {
    BuildOptions {
        data_dir: d.join("data"),
        output_dir: d.join("output"),
        dct: None,
        name: None,
        render: Default::default(),
        decoding: fsio::Decoding::Strict,
        jobs: Some(1),
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_edit_during_a_build_is_kept_and_the_build_fails_with_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let article = d.join("a.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let inputs = vec![article.clone()];
    let first = pipeline::build(&inputs, &options(d), &Hooks::default()).unwrap();
    assert_eq!(first.built.len(), 1);
    let yaml = d.join("data/a.yaml");
    let svg_before = std::fs::read_to_string(d.join("output/a.svg")).unwrap();

    // The article gains a sentence, so the build has something to add; the
    // user saves an edit of the timeline while the build runs.
    std::fs::write(
        &article,
        format!("{ARTICLE}Floods closed the bridge on 3 January 2022.\n"),
    )
    .unwrap();
    let edited = std::fs::read_to_string(&yaml)
        .unwrap()
        .replace("title: The bridge", "title: My own title for the bridge");
    let seen: std::sync::Mutex<Vec<PathBuf>> = Default::default();
    let hooks = Hooks {
        before_replace: &|p: &Path| {
            std::fs::write(p, &edited).unwrap();
            seen.lock().unwrap().push(p.to_path_buf());
        },
        ..Hooks::default()
    };
    let report = pipeline::build(&inputs, &options(d), &hooks).unwrap();
    assert_eq!(seen.lock().unwrap().as_slice(), std::slice::from_ref(&yaml));
    assert!(report.built.is_empty());
    assert_eq!(report.failed.len(), 1);
    let e = &report.failed[0];
    assert!(matches!(e, Error::Changed { .. }), "{e:?}");
    assert_eq!(e.exit_code(), 3);
    assert_eq!(
        e.to_string(),
        format!(
            "{}: the file changed while `timeline build` was updating it; your version is kept and nothing was written over it; run `timeline build` again to merge into your version",
            yaml.display()
        )
    );
    // The user's version is intact, the chart untouched, nothing left over.
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), edited);
    assert_eq!(
        std::fs::read_to_string(d.join("output/a.svg")).unwrap(),
        svg_before
    );
    assert_eq!(names(&d.join("data")), ["a.yaml"]);
    assert_eq!(names(&d.join("output")), ["a.svg"]);

    // Run again, as the message says: the edit stays and the new event joins.
    let again = pipeline::build(&inputs, &options(d), &Hooks::default()).unwrap();
    assert!(again.failed.is_empty(), "{:?}", again.failed);
    let y = std::fs::read_to_string(&yaml).unwrap();
    assert!(y.contains("title: My own title for the bridge"), "{y}");
    assert!(y.contains("floods-closed-bridge"), "{y}");
}

#[test]
fn an_edit_of_the_same_length_and_time_is_caught_by_the_hash() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.yaml");
    let original = "version: 1\nevents:\n  - id: a\n    when: \"2001\"\n    title: Alpha\n";
    std::fs::write(&p, original).unwrap();
    let update = fsio::lock_for_update(&p, &[]).unwrap();
    assert_eq!(update.existing(), Some(original.as_bytes()));
    let mtime = std::fs::metadata(&p).unwrap().modified().unwrap();
    let edited = original.replace("Alpha", "Omega");
    std::fs::write(&p, &edited).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let e = update
        .commit(b"version: 1\nevents: []\n", "fmt", &[])
        .unwrap_err();
    assert!(matches!(e, Error::Changed { .. }), "{e:?}");
    assert_eq!(std::fs::read_to_string(&p).unwrap(), edited);
}

#[test]
fn a_file_created_while_a_command_ran_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("new.yaml");
    let update = fsio::lock_for_update(&p, &[]).unwrap();
    assert_eq!(update.existing(), None);
    std::fs::write(&p, "mine").unwrap();
    let e = update
        .commit(b"version: 1\nevents: []\n", "extract", &[])
        .unwrap_err();
    assert_eq!(e.exit_code(), 3);
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "mine");
}
