//! A real editor as lblint's language server client: headless Neovim with the README's
//! recipe (editors/neovim/lblint.lua) opens a fixture and reports the diagnostics it gets.
//!
//! Skipped (with a message) only when `nvim` is not installed and `LBLINT_REQUIRE_NVIM` is
//! unset; `.ci/run` installs Neovim and sets it, so CI never skips.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn have_nvim() -> bool {
    Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The README's fenced blocks of a language, in order.
fn fenced(readme: &str, lang: &str) -> Vec<String> {
    let open = format!("```{lang}\n");
    let mut out = Vec::new();
    let mut rest = readme;
    while let Some(i) = rest.find(&open) {
        let body = &rest[i + open.len()..];
        let end = body.find("```\n").expect("a closed fence");
        out.push(body[..end].to_string());
        rest = &body[end..];
    }
    out
}

#[test]
fn the_readme_shows_the_neovim_recipe_verbatim() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let recipe = std::fs::read_to_string(repo().join("editors/neovim/lblint.lua")).unwrap();
    assert!(
        fenced(&readme, "lua").contains(&recipe),
        "README.md must show editors/neovim/lblint.lua as it is, in a ```lua block"
    );
}

#[test]
fn the_readme_helix_recipe_is_valid_toml_naming_lblint_lsp() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let helix = fenced(&readme, "toml")
        .into_iter()
        .find(|b| b.contains("[language-server.lblint]"))
        .expect("a languages.toml block for Helix");
    let v: toml::Value = toml::from_str(&helix).expect("the Helix recipe parses");
    assert_eq!(
        v["language-server"]["lblint"]["command"].as_str(),
        Some("lblint")
    );
    assert_eq!(
        v["language-server"]["lblint"]["args"],
        toml::Value::Array(vec!["lsp".into()])
    );
    let languages = v["language"].as_array().unwrap();
    let names: Vec<&str> = languages
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["hcl", "tfvars"]);
    for l in languages {
        let servers = l["language-servers"].as_array().unwrap();
        assert!(servers.iter().any(|s| s.as_str() == Some("lblint")), "{l}");
    }
}

#[test]
fn neovim_with_the_readme_recipe_shows_lblint_diagnostics() {
    if !have_nvim() {
        assert!(
            std::env::var_os("LBLINT_REQUIRE_NVIM").is_none(),
            "LBLINT_REQUIRE_NVIM is set but `nvim` cannot be run"
        );
        eprintln!("SKIPPED: `nvim` is not installed (set LBLINT_REQUIRE_NVIM to fail instead)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("module");
    std::fs::create_dir(&dir).unwrap();
    for name in ["backend.tf", "urlmap.tf", ".lblint.toml"] {
        std::fs::copy(
            repo().join("fixtures/lsp/module").join(name),
            dir.join(name),
        )
        .unwrap();
    }
    // The recipe runs `lblint` from PATH: the binary under test comes first.
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_lblint"));
    let path = std::env::join_paths(std::iter::once(bin.parent().unwrap().to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let out = tmp.path().join("diagnostics.txt");
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let mut child = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(repo().join("editors/neovim/lblint.lua"))
        .arg("-c")
        .arg(format!(
            "luafile {}",
            repo().join("tests/editor/report.lua").display()
        ))
        .arg("backend.tf")
        .current_dir(&dir)
        .env("PATH", path)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("LBLINT_NVIM_OUT", &out)
        .env("LBLINT_NVIM_TIMEOUT_MS", "30000")
        .stdin(std::process::Stdio::null())
        .spawn()
        .expect("start nvim");
    // The script waits at most 2 × 30 s; Neovim is killed if it hangs beyond that.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not exit");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let report = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        status.success(),
        "nvim failed ({status}); it wrote:\n{report}"
    );
    // Diagnostics arrive for the url map file (which the editor did not open) on opening
    // the backend file; the timeout typed into the backend buffer clears them.
    // Neovim's ranges: 0-based lines, byte columns.
    assert_eq!(
        report,
        "arrived true\n\
         open urlmap.tf WS001 14:6-14:32 WebSocket path rule `/ws`, `/ws/*` has no timeout: \
         `google_compute_backend_service.chat` sets no `timeout_sec`, so GCP's 30 s default \
         closes every connection after 30 seconds\n\
         cleared true\n\
         edited none\n"
    );
}
