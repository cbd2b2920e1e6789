//! The table-test harness: a case is one lint run of a fixture and everything it must report.

pub use crate::common::*;

/// One secondary label, compared exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    pub(crate) file: String,
    pub(crate) start: (usize, usize),
    pub(crate) end: (usize, usize),
    pub(crate) message: String,
}

/// One lint run of a fixture and everything it must report.
pub(crate) struct Case {
    /// The module directory, relative to `fixtures/rules/`.
    pub(crate) dir: &'static str,
    /// A config file relative to `fixtures/rules/`; `None` walks up from the module.
    pub(crate) config: Option<&'static str>,
    /// Every finding, in output order.
    pub(crate) expected: Vec<Finding>,
    /// For a code: one text per diagnostic of that code, in order, that its message contains.
    pub(crate) messages: Vec<(&'static str, Vec<&'static str>)>,
    /// For a code: the labels of all its diagnostics, in order.
    pub(crate) labels: Vec<(&'static str, Vec<Label>)>,
    /// For a code: a text the help of each of its diagnostics contains.
    pub(crate) help: Vec<(&'static str, &'static str)>,
    /// Run with `--show-unknown` (TF002 undecidable).
    pub(crate) show_unknown: bool,
}

pub(crate) fn case(
    dir: &'static str,
    config: Option<&'static str>,
    expected: Vec<Finding>,
) -> Case {
    Case {
        dir,
        config,
        expected,
        messages: Vec::new(),
        labels: Vec::new(),
        help: Vec::new(),
        show_unknown: false,
    }
}

impl Case {
    pub(crate) fn messages(mut self, code: &'static str, texts: &[&'static str]) -> Self {
        self.messages.push((code, texts.to_vec()));
        self
    }

    pub(crate) fn labels(mut self, code: &'static str, labels: Vec<Label>) -> Self {
        self.labels.push((code, labels));
        self
    }

    /// Runs the case with `--show-unknown`.
    pub(crate) fn show_unknown(mut self) -> Self {
        self.show_unknown = true;
        self
    }

    pub(crate) fn help(mut self, code: &'static str, text: &'static str) -> Self {
        self.help.push((code, text));
        self
    }
}

/// The displayed path of a fixture file given relative to `fixtures/rules/`.
pub(crate) fn path(file: &str) -> String {
    format!("fixtures/rules/{file}")
}

pub(crate) fn at(
    code: &'static str,
    severity: &'static str,
    file: &str,
    start: (usize, usize),
    end: (usize, usize),
) -> Finding {
    Finding::new(code, severity, &path(file), start, end)
}

pub(crate) fn label(
    file: &str,
    start: (usize, usize),
    end: (usize, usize),
    message: &str,
) -> Label {
    Label {
        file: path(file),
        start,
        end,
        message: message.to_string(),
    }
}

pub(crate) fn labels_of(outcome: &lblint::Outcome, code: &str) -> Vec<Label> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .flat_map(|d| &d.labels)
        .map(|l| {
            let f = outcome.sources.get(l.span.file);
            let s = f.position(l.span.start as usize);
            let e = f.position(l.span.end as usize);
            Label {
                file: f.display.clone(),
                start: (s.line, s.column),
                end: (e.line, e.column),
                message: l.message.clone(),
            }
        })
        .collect()
}

pub(crate) fn check(cases: &[Case]) {
    for c in cases {
        let dir = path(c.dir);
        let config = c.config.map(path);
        let mut what = match &config {
            Some(cfg) => format!("{dir} with {cfg}"),
            None => dir.clone(),
        };
        if c.show_unknown {
            what.push_str(" --show-unknown");
        }
        let root = root();
        let outcome = lblint::lint(&lblint::Options {
            paths: vec![root.join(&dir)],
            config: config.as_ref().map(|c| root.join(c)),
            base_dir: Some(root.clone()),
            show_unknown: c.show_unknown,
            ..lblint::Options::default()
        })
        .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(
            outcome.problems.is_empty(),
            "{what}: {:?}",
            outcome.problems
        );
        assert_eq!(findings(&outcome), c.expected, "findings of {what}");
        for (code, texts) in &c.messages {
            let got = messages(&outcome, code);
            assert_eq!(got.len(), texts.len(), "{what}: {code} messages {got:#?}");
            for (message, text) in got.iter().zip(texts) {
                assert!(
                    message.contains(text),
                    "{what}: {code} message\n  {message}\nlacks\n  {text}"
                );
            }
        }
        for (code, want) in &c.labels {
            assert_eq!(&labels_of(&outcome, code), want, "{what}: {code} labels");
        }
        for (code, text) in &c.help {
            let helps: Vec<&str> = outcome
                .diagnostics
                .iter()
                .filter(|d| d.code == *code)
                .map(|d| d.help.as_deref().unwrap_or(""))
                .collect();
            assert!(!helps.is_empty(), "{what}: no {code} diagnostic");
            for h in helps {
                assert!(
                    h.contains(text),
                    "{what}: {code} help\n  {h}\nlacks\n  {text}"
                );
            }
        }
    }
}
