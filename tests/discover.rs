//! Finding files: modules, skipped directories, odd file-system entries.

mod common;
use lblint::discover::{build_excludes, discover};
use lblint::display_path;
use std::path::{Path, PathBuf};

fn names(dir: &Path, paths: &[PathBuf], exclude: &[&str]) -> Vec<(String, Vec<String>)> {
    let ex = build_excludes(&exclude.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    let (modules, problems) = discover(paths, &ex).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    modules
        .into_iter()
        .map(|m| {
            let rel = |p: &Path| display_path(p, dir);
            let mut files: Vec<String> = m.files.iter().map(|f| rel(f)).collect();
            files.extend(m.tfvars.iter().map(|f| rel(f)));
            (rel(&m.dir), files)
        })
        .collect()
}

#[test]
fn walks_modules_and_skips_hidden_terraform_and_git_dirs() {
    let dir = common::temp_module(&[
        ("a/main.tf", ""),
        ("a/vars.tf", ""),
        ("a/terraform.tfvars", ""),
        ("a/prod.auto.tfvars", ""),
        ("a/notes.txt", ""),
        ("a/.hidden.tf", ""),
        ("a/#scratch.tf", ""),
        ("a/main.tf~", ""),
        ("a/b/c/deep.tf", ""),
        ("a/.terraform/modules/x/main.tf", ""),
        (".git/hooks/x.tf", ""),
        (".github/x.tf", ""),
        ("empty/readme.md", ""),
    ]);
    std::fs::create_dir(dir.path().join("a/dir.tf")).unwrap();
    assert_eq!(
        names(dir.path(), &[dir.path().to_path_buf()], &[]),
        vec![
            (
                "a".to_string(),
                vec![
                    "a/main.tf".to_string(),
                    "a/vars.tf".into(),
                    "a/terraform.tfvars".into(),
                    "a/prod.auto.tfvars".into()
                ]
            ),
            ("a/b/c".to_string(), vec!["a/b/c/deep.tf".to_string()]),
        ]
    );
}

#[test]
fn file_arguments_stand_for_their_module_once() {
    let dir = common::temp_module(&[("m/a.tf", ""), ("m/b.tf", "")]);
    let m = dir.path().join("m");
    assert_eq!(
        names(
            dir.path(),
            &[m.join("a.tf"), m.join("b.tf"), m.clone()],
            &[]
        ),
        vec![("m".to_string(), vec!["m/a.tf".to_string(), "m/b.tf".into()])]
    );
}

#[test]
fn every_file_kind_a_pre_commit_hook_passes_stands_for_its_module() {
    // The kinds `.pre-commit-hooks.yaml` matches: a `.tf.json`, `.tfvars` or `.tfvars.json`
    // file lints its module (each module once, however many of its files are named); a
    // config file lints every module below it, which it may configure.
    let dir = common::temp_module(&[
        ("m/a.tf", ""),
        ("m/b.tf.json", "{}"),
        ("m/terraform.tfvars", ""),
        ("m/prod.tfvars.json", "{}"),
        ("n/c.tf", ""),
        ("n/override.tf.json", "{}"),
        ("cfg/.lblint.toml", ""),
        ("cfg/x/d.tf", ""),
        ("cfg/y/z/e.tf", ""),
        ("plain/lblint.toml", ""),
        ("plain/f.tf", ""),
        ("other/g.tf", ""),
    ]);
    let p = |s: &str| dir.path().join(s);
    assert_eq!(
        names(
            dir.path(),
            &[
                p("m/b.tf.json"),
                p("m/terraform.tfvars"),
                p("m/prod.tfvars.json"),
                p("n/override.tf.json"),
                p("m/a.tf"),
            ],
            &[]
        ),
        vec![
            (
                "m".to_string(),
                vec![
                    "m/a.tf".to_string(),
                    "m/b.tf.json".into(),
                    "m/terraform.tfvars".into()
                ]
            ),
            (
                "n".to_string(),
                vec!["n/c.tf".to_string(), "n/override.tf.json".into()]
            ),
        ]
    );
    assert_eq!(
        names(
            dir.path(),
            &[
                p("cfg/.lblint.toml"),
                p("cfg/x/d.tf"),
                p("plain/lblint.toml")
            ],
            &[]
        ),
        vec![
            ("cfg/x".to_string(), vec!["cfg/x/d.tf".to_string()]),
            ("cfg/y/z".to_string(), vec!["cfg/y/z/e.tf".to_string()]),
            ("plain".to_string(), vec!["plain/f.tf".to_string()]),
        ]
    );
}

#[test]
fn exclude_globs_leave_files_out() {
    let dir = common::temp_module(&[("m/a.tf", ""), ("m/gen_b.tf", ""), ("x/c.tf", "")]);
    assert_eq!(
        names(
            dir.path(),
            &[dir.path().to_path_buf()],
            &["**/gen_*.tf", "**/x/*"]
        ),
        vec![("m".to_string(), vec!["m/a.tf".to_string()])]
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_does_not_hang() {
    let dir = common::temp_module(&[("m/a.tf", "")]);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("m/loop")).unwrap();
    std::os::unix::fs::symlink("missing.tf", dir.path().join("m/dangling.tf")).unwrap();
    // A module whose only .tf file is a symlink is found, as Terraform reads it.
    std::fs::create_dir(dir.path().join("n")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("m/a.tf"), dir.path().join("n/link.tf")).unwrap();
    assert_eq!(
        names(dir.path(), &[dir.path().to_path_buf()], &[]),
        vec![
            ("m".to_string(), vec!["m/a.tf".to_string()]),
            ("n".to_string(), vec!["n/link.tf".to_string()]),
        ]
    );
}

#[test]
fn non_terraform_file_arguments_and_missing_paths_are_problems_beside_the_modules() {
    let dir = common::temp_module(&[("m/a.txt", ""), ("ok/main.tf", "locals {}\n")]);
    let ex = build_excludes(&[]).unwrap();
    let (modules, problems) = discover(
        &[
            dir.path().join("m/a.txt"),
            dir.path().join("nope"),
            dir.path().join("ok"),
        ],
        &ex,
    )
    .unwrap();
    assert_eq!(modules.len(), 1);
    assert_eq!(modules[0].dir, dir.path().join("ok"));
    let shown: Vec<String> = problems
        .iter()
        .map(|p| p.problem(dir.path()).to_string())
        .collect();
    assert_eq!(
        shown,
        [
            "m/a.txt: not a Terraform file (expected a directory, or a .tf, .tf.json, .tfvars, .tfvars.json or .lblint.toml file)",
            "nope: no such file or directory"
        ]
    );
    assert!(build_excludes(&["a/{b".to_string()]).is_err());
}

#[test]
fn display_paths_are_relative_with_slashes() {
    let base = Path::new("/work/repo");
    assert_eq!(display_path(Path::new("tf/main.tf"), base), "tf/main.tf");
    assert_eq!(
        display_path(Path::new("./tf/./main.tf"), base),
        "tf/main.tf"
    );
    assert_eq!(display_path(Path::new("/work/repo/a/b.tf"), base), "a/b.tf");
    assert_eq!(
        display_path(Path::new("../other/c.tf"), base),
        "/work/other/c.tf"
    );
    assert_eq!(
        display_path(Path::new("/elsewhere/d.tf"), base),
        "/elsewhere/d.tf"
    );
}

#[test]
fn a_file_that_disappears_after_discovery_is_named_and_the_rest_reported() {
    let dir = common::temp_module(&[
        (
            "m/backend.tf",
            include_str!("../fixtures/incident/original/backend.tf"),
        ),
        (
            "m/lb.tf",
            include_str!("../fixtures/incident/original/lb.tf"),
        ),
        ("m/gone.tf", "locals {}\n"),
    ]);
    let ex = build_excludes(&[]).unwrap();
    let (modules, _) = discover(&[dir.path().to_path_buf()], &ex).unwrap();
    std::fs::remove_file(dir.path().join("m/gone.tf")).unwrap();
    let outcome = lblint::lint_modules(
        &modules,
        &lblint::Options {
            base_dir: Some(dir.path().to_path_buf()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(outcome.problems.len(), 1);
    assert!(
        outcome.problems[0]
            .to_string()
            .starts_with("m/gone.tf: cannot read the file: No such file or directory"),
        "{:?}",
        outcome.problems
    );
    let codes: Vec<&str> = outcome.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["WS001", "WS004"]);
}

/// The variable files Terraform loads by itself, in its order: `terraform.tfvars`,
/// `terraform.tfvars.json`, then `*.auto.tfvars` and `*.auto.tfvars.json` by name. No other
/// `.tfvars` or `.json` file.
#[test]
fn lists_auto_loaded_variable_files_in_terraforms_order() {
    let dir = common::temp_module(&[
        ("m/main.tf", ""),
        ("m/b.auto.tfvars", ""),
        ("m/a.auto.tfvars.json", "{}"),
        ("m/terraform.tfvars.json", "{}"),
        ("m/terraform.tfvars", ""),
        ("m/c.auto.tfvars", ""),
        ("m/staging.tfvars", ""),
        ("m/prod.tfvars.json", "{}"),
        ("m/package.json", "{}"),
        ("m/main.tf.json", "{}"),
    ]);
    assert_eq!(
        names(dir.path(), &[dir.path().to_path_buf()], &[]),
        vec![(
            "m".to_string(),
            vec![
                "m/main.tf".to_string(),
                "m/main.tf.json".into(),
                "m/terraform.tfvars".into(),
                "m/terraform.tfvars.json".into(),
                "m/a.auto.tfvars.json".into(),
                "m/b.auto.tfvars".into(),
                "m/c.auto.tfvars".into(),
            ]
        )]
    );
}
