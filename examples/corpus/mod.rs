//! Deterministic synthetic Terraform monorepos for benchmarks.
//!
//! Shared by `examples/gen_corpus.rs` (the command line) and `benches/pipeline.rs` through
//! `#[path]`, so both see exactly the same corpus for a seed and a size.
//!
//! A corpus looks like a real Google Cloud monorepo: many modules (directories) of unrelated
//! resources (networks, subnetworks, buckets, IAM members, instances, firewall rules, Pub/Sub,
//! Cloud SQL) with `variables.tf`, `outputs.tf`, `locals.tf` and `versions.tf`, and a small share
//! (about 5 %) of load-balancer modules: url maps with host rules, path matchers, path and route
//! rules, header actions, weighted backends, `dynamic` blocks, variables with defaults,
//! `terraform.tfvars`, and backend services with and without `timeout_sec` behind WebSocket
//! paths, so that lblint has something to report. Each load-balancer module calls a local
//! module (`./modules/labels`) and a registry module vendored by `terraform init`
//! (`.terraform/modules/naming`, found through `.terraform/modules/modules.json`), which
//! lblint follows.
//!
//! Every file is plain HCL that hcl-edit and python-hcl2 (checkov) both parse: no byte order
//! marks and no conditionals spread over several lines inside `for` expressions.

#![allow(dead_code)] // each includer uses a different part

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// splitmix64: tiny, fast and good enough to make corpora reproducible.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64) / ((1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// How big a corpus to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// One load-balancer module of 10 files, written straight into the output directory:
    /// what a pre-commit hook sees.
    Small,
    /// About 1,000 files, 5 MB.
    Medium,
    /// About 20,000 files, 100 MB.
    Large,
    /// A monorepo of at least this many bytes (a slice of the medium and large corpora: the
    /// same seed gives the same first modules whatever the size).
    Bytes(u64),
}

impl Size {
    pub fn parse(s: &str) -> Option<Size> {
        match s {
            "small" => Some(Size::Small),
            "medium" => Some(Size::Medium),
            "large" => Some(Size::Large),
            _ => None,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub files: usize,
    pub bytes: u64,
    pub modules: usize,
    pub lb_modules: usize,
}

/// Writes a corpus into `out`, which must be missing or empty.
pub fn generate(seed: u64, size: Size, out: &Path) -> io::Result<Stats> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty", out.display()),
        ));
    }
    std::fs::create_dir_all(out)?;
    let mut stats = Stats::default();
    match size {
        Size::Small => {
            let mut rng = Rng::new(module_seed(seed, 0));
            let files = lb_module(&mut rng, "edge");
            write_module(out, &files, &mut stats)?;
            stats.lb_modules = 1;
        }
        Size::Medium => monorepo(seed, Limit::Files(1_000), out, &mut stats)?,
        Size::Large => monorepo(seed, Limit::Files(20_000), out, &mut stats)?,
        Size::Bytes(n) => monorepo(seed, Limit::Bytes(n), out, &mut stats)?,
    }
    Ok(stats)
}

enum Limit {
    Files(usize),
    Bytes(u64),
}

fn module_seed(seed: u64, index: usize) -> u64 {
    let mut r = Rng::new(seed ^ (index as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    r.next_u64()
}

fn write_module(dir: &Path, files: &[(String, String)], stats: &mut Stats) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
        stats.files += 1;
        stats.bytes += text.len() as u64;
    }
    stats.modules += 1;
    Ok(())
}

fn monorepo(seed: u64, limit: Limit, out: &Path, stats: &mut Stats) -> io::Result<()> {
    std::fs::write(
        out.join("README.md"),
        "Synthetic Terraform monorepo generated by lblint's examples/gen_corpus.rs.\n",
    )?;
    let mut index = 0;
    loop {
        let done = match limit {
            Limit::Files(n) => stats.files >= n,
            Limit::Bytes(n) => stats.bytes >= n,
        };
        if done {
            break;
        }
        let mut rng = Rng::new(module_seed(seed, index));
        // Module 1 is always a load balancer, so that even a slice has one.
        let is_lb = index == 1 || rng.chance(0.05);
        let dir = module_dir(&mut rng, index, is_lb);
        let files = if is_lb {
            stats.lb_modules += 1;
            let svc = rng.pick(SERVICES).to_string();
            lb_module(&mut rng, &svc)
        } else {
            plain_module(&mut rng)
        };
        write_module(&out.join(dir), &files, stats)?;
        index += 1;
    }
    Ok(())
}

const TEAMS: &[&str] = &[
    "payments",
    "identity",
    "search",
    "growth",
    "data",
    "platform",
    "ml",
    "mobile",
    "billing",
    "risk",
    "infra",
    "support",
    "ads",
    "media",
    "messaging",
];
const SERVICES: &[&str] = &[
    "api", "chat", "gateway", "ledger", "catalog", "checkout", "notify", "events", "profile",
    "reports", "ingest", "stream", "realtime", "orders", "auth", "feeds", "export", "pricing",
];
const ENVS: &[&str] = &["prod", "staging", "dev", "qa"];
const REGIONS: &[&str] = &[
    "europe-west1",
    "europe-west4",
    "us-central1",
    "us-east1",
    "asia-northeast1",
];
const WORDS: &[&str] = &[
    "alpha", "bravo", "core", "edge", "main", "shared", "blue", "green", "primary", "backup",
    "legacy", "next", "internal", "public", "batch", "hot", "cold", "archive",
];

fn module_dir(rng: &mut Rng, index: usize, is_lb: bool) -> PathBuf {
    let team = rng.pick(TEAMS);
    let env = rng.pick(ENVS);
    let svc = rng.pick(SERVICES);
    let leaf = if is_lb {
        format!("{svc}-lb-{index:05}")
    } else {
        format!("{svc}-{}-{index:05}", rng.pick(WORDS))
    };
    match rng.below(4) {
        0 => PathBuf::from(format!("envs/{env}/{team}/{leaf}")),
        1 => PathBuf::from(format!("teams/{team}/{env}/{leaf}")),
        2 => PathBuf::from(format!("modules/{team}/{leaf}")),
        _ => PathBuf::from(format!("platform/{env}/{leaf}")),
    }
}

/// State of one module while its files are written: names given out, variables referenced.
struct Module {
    prefix: String,
    counter: usize,
    vars: Vec<(String, &'static str, String)>,
    resources: Vec<(String, String)>,
}

impl Module {
    fn new(prefix: String) -> Module {
        Module {
            prefix,
            counter: 0,
            vars: Vec::new(),
            resources: Vec::new(),
        }
    }

    fn name(&mut self, rng: &mut Rng, base: &str) -> String {
        self.counter += 1;
        format!("{base}_{}_{}", rng.pick(WORDS), self.counter)
    }

    /// Declares a variable (once) and returns `var.name`.
    fn var(&mut self, name: &str, ty: &'static str, default: String) -> String {
        if !self.vars.iter().any(|(n, _, _)| n == name) {
            self.vars.push((name.to_string(), ty, default));
        }
        format!("var.{name}")
    }
}

fn hcl_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[{}]", quoted.join(", "))
}

fn plain_module(rng: &mut Rng) -> Vec<(String, String)> {
    let mut m = Module::new(format!("{}-{}", rng.pick(SERVICES), rng.pick(WORDS)));
    m.var(
        "project_id",
        "string",
        format!("\"acme-{}-{}\"", rng.pick(ENVS), rng.range(100, 999)),
    );
    m.var("region", "string", format!("\"{}\"", rng.pick(REGIONS)));
    m.var("environment", "string", format!("\"{}\"", rng.pick(ENVS)));

    // Resource files: 3 to 9 of them, each holding a few kinds of resources.
    let kinds: &[(&str, &[Gen])] = &[
        ("network.tf", &[network, subnetwork, router_nat, address]),
        ("firewall.tf", &[firewall]),
        ("iam.tf", &[iam_member, service_account]),
        ("storage.tf", &[bucket]),
        ("compute.tf", &[instance, instance_template]),
        ("pubsub.tf", &[pubsub]),
        ("sql.tf", &[sql]),
        ("dns.tf", &[dns]),
        (
            "main.tf",
            &[network, bucket, iam_member, instance, firewall, pubsub],
        ),
    ];
    let n_files = rng.range(3, 9);
    let mut chosen: Vec<usize> = (0..kinds.len()).collect();
    // Fisher–Yates, then keep the first n_files.
    for i in (1..chosen.len()).rev() {
        let j = rng.below(i + 1);
        chosen.swap(i, j);
    }
    chosen.truncate(n_files);
    chosen.sort_unstable();

    let mut files = Vec::new();
    files.push(("versions.tf".to_string(), versions(rng)));
    if rng.chance(0.6) {
        files.push(("providers.tf".to_string(), providers()));
    }
    files.push(("locals.tf".to_string(), locals(rng, &m.prefix)));
    for &k in &chosen {
        let (name, gens) = kinds[k];
        // Most files are a few KB, some are much bigger.
        let target = if rng.chance(0.75) {
            rng.range(2_000, 8_400)
        } else {
            rng.range(11_500, 27_500)
        };
        let mut text = String::new();
        while text.len() < target {
            let g = rng.pick(gens);
            if !text.is_empty() {
                text.push('\n');
            }
            g(rng, &mut m, &mut text);
        }
        files.push((name.to_string(), text));
    }
    files.push(("variables.tf".to_string(), variables(rng, &m)));
    files.push(("outputs.tf".to_string(), outputs(rng, &m)));
    if rng.chance(0.3) {
        files.push(("terraform.tfvars".to_string(), tfvars_plain(rng, &m)));
    }
    files
}

type Gen = fn(&mut Rng, &mut Module, &mut String);

fn versions(rng: &mut Rng) -> String {
    format!(
        r#"terraform {{
  required_version = ">= 1.{}"

  required_providers {{
    google = {{
      source  = "hashicorp/google"
      version = "~> {}.0"
    }}
  }}
}}
"#,
        rng.range(3, 9),
        rng.range(4, 6)
    )
}

fn providers() -> String {
    r#"provider "google" {
  project = var.project_id
  region  = var.region
}
"#
    .to_string()
}

fn locals(rng: &mut Rng, prefix: &str) -> String {
    let team = rng.pick(TEAMS);
    let mut s = format!(
        r#"locals {{
  name_prefix = "{prefix}-${{var.environment}}"

  common_labels = {{
    team        = "{team}"
    environment = var.environment
    managed_by  = "terraform"
    cost_center = "cc-{cc}"
  }}

  zones = [for z in ["b", "c", "d"] : "${{var.region}}-${{z}}"]
"#,
        cc = rng.range(1000, 9999)
    );
    if rng.chance(0.5) {
        s.push_str(
            r#"
  upper_labels = { for k, v in local.common_labels : k => upper(v) if v != "" }
"#,
        );
    }
    s.push_str("}\n");
    s
}

fn labels_block(s: &mut String, indent: &str) {
    let _ = writeln!(s, "{indent}labels = local.common_labels");
}

fn network(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "vpc");
    let _ = write!(
        s,
        r#"resource "google_compute_network" "{name}" {{
  name                            = "${{local.name_prefix}}-{n}"
  project                         = var.project_id
  auto_create_subnetworks         = false
  routing_mode                    = "{mode}"
  delete_default_routes_on_create = {del}
  mtu                             = {mtu}
}}
"#,
        n = name.replace('_', "-"),
        mode = rng.pick(&["REGIONAL", "GLOBAL"]),
        del = rng.chance(0.5),
        mtu = rng.pick(&[1460, 1500, 8896]),
    );
    m.resources
        .push(("google_compute_network".into(), name.clone()));
}

fn subnetwork(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "subnet");
    let net = m
        .resources
        .iter()
        .rev()
        .find(|(t, _)| t == "google_compute_network")
        .map(|(_, n)| format!("google_compute_network.{n}.id"))
        .unwrap_or_else(|| "var.network_id".to_string());
    if net == "var.network_id" {
        m.var(
            "network_id",
            "string",
            "\"projects/acme-shared/global/networks/shared\"".into(),
        );
    }
    let a = rng.range(0, 250);
    let _ = write!(
        s,
        r#"resource "google_compute_subnetwork" "{name}" {{
  name                     = "${{local.name_prefix}}-{n}"
  project                  = var.project_id
  region                   = var.region
  network                  = {net}
  ip_cidr_range            = "10.{a}.0.0/20"
  private_ip_google_access = true

  secondary_ip_range {{
    range_name    = "pods"
    ip_cidr_range = "10.{b}.0.0/16"
  }}

  secondary_ip_range {{
    range_name    = "services"
    ip_cidr_range = "10.{c}.16.0/20"
  }}

  log_config {{
    aggregation_interval = "INTERVAL_{agg}"
    flow_sampling        = {fs}
    metadata             = "INCLUDE_ALL_METADATA"
  }}
}}
"#,
        n = name.replace('_', "-"),
        b = (a + 1) % 255,
        c = (a + 2) % 255,
        agg = rng.pick(&["5_SEC", "30_SEC", "1_MIN", "10_MIN"]),
        fs = rng.pick(&["0.5", "0.25", "1.0"]),
    );
    m.resources
        .push(("google_compute_subnetwork".into(), name.clone()));
}

fn router_nat(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "router");
    let _ = write!(
        s,
        r#"resource "google_compute_router" "{name}" {{
  name    = "${{local.name_prefix}}-{n}"
  project = var.project_id
  region  = var.region
  network = "default"

  bgp {{
    asn = {asn}
  }}
}}

resource "google_compute_router_nat" "{name}" {{
  name                               = "${{local.name_prefix}}-{n}-nat"
  project                            = var.project_id
  router                             = google_compute_router.{name}.name
  region                             = var.region
  nat_ip_allocate_option             = "AUTO_ONLY"
  source_subnetwork_ip_ranges_to_nat = "ALL_SUBNETWORKS_ALL_IP_RANGES"

  log_config {{
    enable = true
    filter = "ERRORS_ONLY"
  }}
}}
"#,
        n = name.replace('_', "-"),
        asn = 64512 + rng.below(1000),
    );
    m.resources.push(("google_compute_router".into(), name));
}

fn address(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "ip");
    let _ = write!(
        s,
        r#"resource "google_compute_address" "{name}" {{
  name         = "${{local.name_prefix}}-{n}"
  project      = var.project_id
  region       = var.region
  address_type = "{ty}"
  network_tier = "PREMIUM"
}}
"#,
        n = name.replace('_', "-"),
        ty = rng.pick(&["EXTERNAL", "INTERNAL"]),
    );
    m.resources.push(("google_compute_address".into(), name));
}

fn firewall(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "fw");
    let ports: Vec<String> = (0..rng.range(1, 4))
        .map(|_| {
            rng.pick(&["22", "80", "443", "8080", "8443", "9090", "3306", "5432"])
                .to_string()
        })
        .collect();
    let ranges: Vec<String> = (0..rng.range(1, 3))
        .map(|_| format!("10.{}.0.0/16", rng.below(255)))
        .collect();
    let _ = write!(
        s,
        r#"resource "google_compute_firewall" "{name}" {{
  name      = "${{local.name_prefix}}-{n}"
  project   = var.project_id
  network   = "default"
  direction = "INGRESS"
  priority  = {prio}

  allow {{
    protocol = "tcp"
    ports    = {ports}
  }}
"#,
        n = name.replace('_', "-"),
        prio = rng.range(100, 2000),
        ports = hcl_list(&ports),
    );
    if rng.chance(0.3) {
        s.push_str("\n  allow {\n    protocol = \"icmp\"\n  }\n");
    }
    let _ = write!(
        s,
        r#"
  source_ranges = {ranges}
  target_tags   = ["{tag}"]

  log_config {{
    metadata = "INCLUDE_ALL_METADATA"
  }}
}}
"#,
        ranges = hcl_list(&ranges),
        tag = rng.pick(SERVICES),
    );
}

fn iam_member(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "iam");
    let role = rng.pick(&[
        "roles/storage.objectViewer",
        "roles/logging.logWriter",
        "roles/monitoring.metricWriter",
        "roles/pubsub.subscriber",
        "roles/cloudsql.client",
        "roles/secretmanager.secretAccessor",
        "roles/compute.viewer",
    ]);
    let member = match rng.below(3) {
        0 => format!(
            "serviceAccount:{}@${{var.project_id}}.iam.gserviceaccount.com",
            rng.pick(SERVICES)
        ),
        1 => format!("group:{}-eng@example.com", rng.pick(TEAMS)),
        _ => format!("user:{}.{}@example.com", rng.pick(WORDS), rng.pick(TEAMS)),
    };
    let _ = write!(
        s,
        r#"resource "google_project_iam_member" "{name}" {{
  project = var.project_id
  role    = "{role}"
  member  = "{member}"
"#
    );
    if rng.chance(0.2) {
        let _ = write!(
            s,
            r#"
  condition {{
    title       = "expires-{y}"
    description = "Temporary access"
    expression  = "request.time < timestamp(\"20{y}-01-01T00:00:00Z\")"
  }}
"#,
            y = rng.range(25, 29)
        );
    }
    s.push_str("}\n");
}

fn service_account(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "sa");
    let _ = write!(
        s,
        r#"resource "google_service_account" "{name}" {{
  project      = var.project_id
  account_id   = "{id}-{n}"
  display_name = "{svc} workload ({env})"
}}
"#,
        id = rng.pick(SERVICES),
        n = m.counter,
        svc = rng.pick(SERVICES),
        env = rng.pick(ENVS),
    );
    m.resources.push(("google_service_account".into(), name));
}

fn bucket(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "bucket");
    let _ = write!(
        s,
        r#"resource "google_storage_bucket" "{name}" {{
  name                        = "${{var.project_id}}-{n}"
  project                     = var.project_id
  location                    = "{loc}"
  storage_class               = "{class}"
  uniform_bucket_level_access = {ubla}
  force_destroy               = false
  public_access_prevention    = "enforced"
"#,
        n = name.replace('_', "-"),
        loc = rng.pick(&["EU", "US", "EUROPE-WEST1", "US-CENTRAL1"]),
        class = rng.pick(&["STANDARD", "NEARLINE", "COLDLINE"]),
        ubla = rng.chance(0.8),
    );
    labels_block(s, "  ");
    if rng.chance(0.7) {
        s.push_str("\n  versioning {\n    enabled = true\n  }\n");
    }
    for _ in 0..rng.range(0, 3) {
        let _ = write!(
            s,
            r#"
  lifecycle_rule {{
    condition {{
      age                   = {age}
      with_state            = "ANY"
      matches_storage_class = ["STANDARD"]
    }}

    action {{
      type          = "SetStorageClass"
      storage_class = "{class}"
    }}
  }}
"#,
            age = rng.range(7, 365),
            class = rng.pick(&["NEARLINE", "COLDLINE", "ARCHIVE"]),
        );
    }
    if rng.chance(0.3) {
        let _ = write!(
            s,
            r#"
  logging {{
    log_bucket = "acme-logs-{n}"
  }}
"#,
            n = rng.range(1, 9)
        );
    }
    s.push_str("}\n");
    m.resources.push(("google_storage_bucket".into(), name));
}

fn instance(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "vm");
    let mt = m.var(
        "machine_type",
        "string",
        format!(
            "\"{}\"",
            rng.pick(&["e2-standard-2", "e2-medium", "n2-standard-4"])
        ),
    );
    let count = if rng.chance(0.3) {
        format!("  count        = {}\n", rng.range(1, 4))
    } else {
        String::new()
    };
    let _ = write!(
        s,
        r#"resource "google_compute_instance" "{name}" {{
{count}  name         = "${{local.name_prefix}}-{n}"
  project      = var.project_id
  zone         = local.zones[0]
  machine_type = {mt}
  tags         = ["{tag}", "ssh"]
"#,
        n = name.replace('_', "-"),
        tag = rng.pick(SERVICES),
    );
    labels_block(s, "  ");
    let _ = write!(
        s,
        r#"
  boot_disk {{
    initialize_params {{
      image = "debian-cloud/debian-{deb}"
      size  = {size}
      type  = "pd-balanced"
    }}
  }}

  network_interface {{
    subnetwork = "projects/${{var.project_id}}/regions/${{var.region}}/subnetworks/default"
"#,
        deb = rng.pick(&["11", "12"]),
        size = rng.pick(&[10, 20, 50, 100]),
    );
    if rng.chance(0.2) {
        s.push_str("\n    access_config {\n      network_tier = \"PREMIUM\"\n    }\n");
    }
    let _ = write!(
        s,
        r#"  }}

  shielded_instance_config {{
    enable_secure_boot          = true
    enable_vtpm                 = true
    enable_integrity_monitoring = true
  }}

  metadata = {{
    enable-oslogin         = "TRUE"
    block-project-ssh-keys = "TRUE"
  }}

  service_account {{
    email  = "{svc}@${{var.project_id}}.iam.gserviceaccount.com"
    scopes = ["cloud-platform"]
  }}
"#,
        svc = rng.pick(SERVICES)
    );
    if rng.chance(0.4) {
        let _ = write!(
            s,
            r#"
  metadata_startup_script = <<-EOT
    #!/bin/bash
    set -euo pipefail
    apt-get update
    apt-get install -y nginx
    systemctl enable --now nginx
    echo "{svc} ready" > /var/www/html/index.html
  EOT
"#,
            svc = rng.pick(SERVICES)
        );
    }
    s.push_str("}\n");
    m.resources.push(("google_compute_instance".into(), name));
}

fn instance_template(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "tpl");
    let _ = write!(
        s,
        r#"resource "google_compute_instance_template" "{name}" {{
  name_prefix  = "${{local.name_prefix}}-{n}-"
  project      = var.project_id
  machine_type = "{mt}"
  region       = var.region

  disk {{
    source_image = "debian-cloud/debian-12"
    auto_delete  = true
    boot         = true
    disk_size_gb = {size}
  }}

  network_interface {{
    network = "default"
  }}

  scheduling {{
    automatic_restart   = true
    on_host_maintenance = "MIGRATE"
  }}

  lifecycle {{
    create_before_destroy = true
  }}
}}
"#,
        n = name.replace('_', "-"),
        mt = rng.pick(&["e2-standard-2", "e2-medium", "n2-standard-4"]),
        size = rng.pick(&[10, 20, 50]),
    );
    m.resources
        .push(("google_compute_instance_template".into(), name));
}

fn pubsub(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "topic");
    let _ = write!(
        s,
        r#"resource "google_pubsub_topic" "{name}" {{
  name                       = "${{local.name_prefix}}-{n}"
  project                    = var.project_id
  message_retention_duration = "{ret}s"
  labels                     = local.common_labels
}}

resource "google_pubsub_subscription" "{name}" {{
  name                 = "${{local.name_prefix}}-{n}-sub"
  project              = var.project_id
  topic                = google_pubsub_topic.{name}.id
  ack_deadline_seconds = {ack}

  retry_policy {{
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }}

  expiration_policy {{
    ttl = ""
  }}
}}
"#,
        n = name.replace('_', "-"),
        ret = rng.range(600, 604_800),
        ack = rng.pick(&[10, 20, 60, 600]),
    );
    m.resources.push(("google_pubsub_topic".into(), name));
}

fn sql(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "db");
    let tier = m.var(
        "db_tier",
        "string",
        format!("\"{}\"", rng.pick(&["db-f1-micro", "db-custom-2-7680"])),
    );
    let _ = write!(
        s,
        r#"resource "google_sql_database_instance" "{name}" {{
  name                = "${{local.name_prefix}}-{n}"
  project             = var.project_id
  region              = var.region
  database_version    = "{ver}"
  deletion_protection = true

  settings {{
    tier              = {tier}
    availability_type = "{avail}"
    user_labels       = local.common_labels

    backup_configuration {{
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = "0{h}:00"
    }}

    ip_configuration {{
      ipv4_enabled    = false
      private_network = "projects/${{var.project_id}}/global/networks/default"
      ssl_mode        = "ENCRYPTED_ONLY"
    }}

    database_flags {{
      name  = "log_min_duration_statement"
      value = "{ms}"
    }}
  }}
}}
"#,
        n = name.replace('_', "-"),
        ver = rng.pick(&["POSTGRES_15", "POSTGRES_16", "MYSQL_8_0"]),
        avail = rng.pick(&["ZONAL", "REGIONAL"]),
        h = rng.range(1, 6),
        ms = rng.pick(&[250, 500, 1000]),
    );
    m.resources
        .push(("google_sql_database_instance".into(), name));
}

fn dns(rng: &mut Rng, m: &mut Module, s: &mut String) {
    let name = m.name(rng, "dns");
    let zone = format!("{}.{}.example.com", rng.pick(SERVICES), rng.pick(ENVS));
    let _ = write!(
        s,
        r#"resource "google_dns_managed_zone" "{name}" {{
  name        = "${{local.name_prefix}}-{n}"
  project     = var.project_id
  dns_name    = "{zone}."
  description = "Zone for {zone}"
  visibility  = "public"

  dnssec_config {{
    state = "on"
  }}
}}
"#,
        n = name.replace('_', "-"),
    );
    for _ in 0..rng.range(1, 4) {
        let rec = m.name(rng, "rec");
        let _ = write!(
            s,
            r#"
resource "google_dns_record_set" "{rec}" {{
  name         = "{sub}.{zone}."
  project      = var.project_id
  managed_zone = google_dns_managed_zone.{name}.name
  type         = "A"
  ttl          = {ttl}
  rrdatas      = ["203.0.113.{ip}"]
}}
"#,
            sub = rng.pick(WORDS),
            ttl = rng.pick(&[60, 300, 3600]),
            ip = rng.range(1, 254),
        );
    }
    m.resources.push(("google_dns_managed_zone".into(), name));
}

fn variables(rng: &mut Rng, m: &Module) -> String {
    let mut s = String::new();
    for (name, ty, default) in &m.vars {
        if !s.is_empty() {
            s.push('\n');
        }
        let _ = write!(
            s,
            "variable \"{name}\" {{\n  description = \"The {} to use.\"\n  type        = {ty}\n  default     = {default}\n",
            name.replace('_', " ")
        );
        if name == "environment" {
            s.push_str(
                r#"
  validation {
    condition     = contains(["prod", "staging", "dev", "qa"], var.environment)
    error_message = "The environment must be prod, staging, dev or qa."
  }
"#,
            );
        }
        s.push_str("}\n");
    }
    // Variables nobody reads yet, as in most real modules.
    for i in 0..rng.range(0, 6) {
        let _ = write!(
            s,
            r#"
variable "{w}_{i}_enabled" {{
  description = "Feature flag for {w}."
  type        = bool
  default     = {b}
}}
"#,
            w = rng.pick(WORDS),
            b = rng.chance(0.5),
        );
    }
    if rng.chance(0.5) {
        s.push_str(
            r#"
variable "extra_labels" {
  description = "Labels merged into every resource."
  type        = map(string)
  default     = {}
}
"#,
        );
    }
    s
}

fn outputs(rng: &mut Rng, m: &Module) -> String {
    let mut s = String::new();
    let n = m.resources.len().min(rng.range(2, 12));
    for (ty, name) in m.resources.iter().take(n) {
        if !s.is_empty() {
            s.push('\n');
        }
        let attr = match ty.as_str() {
            "google_storage_bucket" => "url",
            "google_compute_address" => "address",
            "google_service_account" => "email",
            "google_compute_instance" | "google_compute_router" => "name",
            _ => "id",
        };
        let expr = if ty == "google_compute_instance" {
            // May have `count`, so use a splat.
            format!("{ty}.{name}[*].{attr}")
        } else {
            format!("{ty}.{name}.{attr}")
        };
        let _ = write!(
            s,
            "output \"{name}_{attr}\" {{\n  description = \"The {attr} of {ty}.{name}.\"\n  value       = {expr}\n}}\n"
        );
    }
    if s.is_empty() {
        s.push_str("output \"labels\" {\n  value = local.common_labels\n}\n");
    }
    s
}

fn tfvars_plain(rng: &mut Rng, m: &Module) -> String {
    let mut s = String::new();
    for (name, ty, _) in &m.vars {
        if *ty == "string" && rng.chance(0.7) {
            let v = match name.as_str() {
                "region" => rng.pick(REGIONS).to_string(),
                "environment" => rng.pick(ENVS).to_string(),
                _ => format!("{}-{}", rng.pick(WORDS), rng.range(1, 99)),
            };
            let _ = writeln!(s, "{name} = \"{v}\"");
        }
    }
    if s.is_empty() {
        s.push_str("extra_labels = {\n  owner = \"platform\"\n}\n");
    }
    s
}

// ---------------------------------------------------------------------------------------
// Load-balancer modules: ten files, with findings for lblint.

/// One external (or, sometimes, regional internal) Application Load Balancer module.
fn lb_module(rng: &mut Rng, svc: &str) -> Vec<(String, String)> {
    let regional = rng.chance(0.2);
    let (bs_type, um_type, hc_type, proxy_type, fr_type) = if regional {
        (
            "google_compute_region_backend_service",
            "google_compute_region_url_map",
            "google_compute_region_health_check",
            "google_compute_region_target_https_proxy",
            "google_compute_forwarding_rule",
        )
    } else {
        (
            "google_compute_backend_service",
            "google_compute_url_map",
            "google_compute_health_check",
            "google_compute_target_https_proxy",
            "google_compute_global_forwarding_rule",
        )
    };
    let region_attr = if regional {
        "  region                = var.region\n"
    } else {
        ""
    };
    let scheme = if regional {
        "INTERNAL_MANAGED"
    } else {
        "EXTERNAL_MANAGED"
    };
    let env = rng.pick(ENVS);
    let domain = format!("{svc}.{env}.example.com");
    // Findings: some modules forget timeout_sec on the WebSocket backend (WS001), set a short
    // one through tfvars (WS002), strip Authorization in a header action (WS003), list only
    // one half of a `/x`, `/x/*` pair (WS005), misplace a header action (LB001) or use an
    // unknown header variable (LB002).
    let ws_timeout_missing = rng.chance(0.5);
    let tfvars_timeout = *rng.pick(&[60, 3600, 86400]);
    let strip_auth = rng.chance(0.4);
    let half_pair = rng.chance(0.4);
    let misplaced = rng.chance(0.3);
    let bad_var = rng.chance(0.3);
    let ws_seg = rng
        .pick(&["ws", "websocket", "socket.io", "cable"])
        .to_string();

    let mut files = Vec::new();
    files.push(("versions.tf".to_string(), versions(rng)));

    // variables.tf
    let ws_paths = if half_pair {
        format!("[\"/{ws_seg}/*\"]")
    } else {
        format!("[\"/{ws_seg}\", \"/{ws_seg}/*\"]")
    };
    let mut vars = format!(
        r#"variable "project_id" {{
  description = "Project that hosts the load balancer."
  type        = string
  default     = "acme-{env}-{p}"
}}

variable "region" {{
  type    = string
  default = "{region}"
}}

variable "environment" {{
  type    = string
  default = "{env}"
}}

variable "domain" {{
  description = "Primary host name."
  type        = string
  default     = "{domain}"
}}

variable "ws_paths" {{
  description = "Paths served by the WebSocket backend."
  type        = list(string)
  default     = {ws_paths}
}}

variable "api_paths" {{
  type    = list(string)
  default = ["/api/*", "/v1/*", "/v2/*"]
}}

variable "ws_timeout_sec" {{
  description = "Lifetime of a WebSocket connection, in seconds."
  type        = number
  default     = 30
}}

variable "instance_groups" {{
  description = "Instance groups behind the API backend."
  type        = list(string)
  default = [
"#,
        p = rng.range(100, 999),
        region = rng.pick(REGIONS),
    );
    for z in ["b", "c", "d"].iter().take(rng.range(1, 3)) {
        let _ = writeln!(
            vars,
            "    \"projects/acme/zones/europe-west1-{z}/instanceGroups/{svc}-{z}\","
        );
    }
    vars.push_str("  ]\n}\n");
    let n_extra = rng.range(1, 3);
    vars.push_str(
        r#"
variable "extra_hosts" {
  description = "More host names, each with its own path matcher."
  type = map(object({
    hosts = list(string)
  }))
  default = {
"#,
    );
    for i in 0..n_extra {
        let _ = writeln!(
            vars,
            "    {w}{i} = {{\n      hosts = [\"{w}{i}.{domain}\"]\n    }}",
            w = rng.pick(WORDS)
        );
    }
    vars.push_str("  }\n}\n");
    vars.push_str(
        r#"
variable "enable_cdn" {
  type    = bool
  default = false
}
"#,
    );
    files.push(("variables.tf".to_string(), vars));

    files.push((
        "locals.tf".to_string(),
        format!(
            r#"locals {{
  name_prefix = "{svc}-${{var.environment}}"

  common_labels = {{
    service     = "{svc}"
    environment = var.environment
    managed_by  = "terraform"
  }}

  all_hosts = concat([var.domain], flatten([for k, v in var.extra_hosts : v.hosts]))

  security_headers = {{
    "Strict-Transport-Security" = "max-age=31536000; includeSubDomains"
    "X-Content-Type-Options"    = "nosniff"
    "X-Frame-Options"           = "DENY"
  }}
}}
"#
        ),
    ));

    // backend.tf
    let mut be = format!(
        r#"resource "{hc_type}" "default" {{
  name               = "${{local.name_prefix}}-hc"
  project            = var.project_id
{region_hc}  check_interval_sec = 10
  timeout_sec        = 5

  http_health_check {{
    port         = 8080
    request_path = "/healthz"
  }}
}}

resource "{bs_type}" "web" {{
  name                  = "${{local.name_prefix}}-web"
  project               = var.project_id
{region_attr}  protocol              = "HTTP"
  port_name             = "http"
  load_balancing_scheme = "{scheme}"
  timeout_sec           = 30
  health_checks         = [{hc_type}.default.id]
  enable_cdn            = var.enable_cdn

  custom_response_headers = ["X-Served-By: {{origin_request_header}}", "X-Client-Region: {{client_region}}"]

  dynamic "backend" {{
    for_each = var.instance_groups
    content {{
      group           = backend.value
      balancing_mode  = "UTILIZATION"
      capacity_scaler = 1.0
    }}
  }}

  log_config {{
    enable      = true
    sample_rate = 0.5
  }}
}}

resource "{bs_type}" "api" {{
  name                  = "${{local.name_prefix}}-api"
  project               = var.project_id
{region_attr}  protocol              = "HTTP"
  port_name             = "http"
  load_balancing_scheme = "{scheme}"
  timeout_sec           = {api_timeout}
  health_checks         = [{hc_type}.default.id]

  custom_request_headers = ["X-Client-City: {{client_city}}", "X-TLS-Version: {{tls_version}}"{bad}]

  dynamic "backend" {{
    for_each = var.instance_groups
    content {{
      group           = backend.value
      balancing_mode  = "RATE"
      max_rate        = {rate}
      capacity_scaler = 1.0
    }}
  }}
}}

resource "{bs_type}" "realtime" {{
  name                  = "${{local.name_prefix}}-realtime"
  project               = var.project_id
{region_attr}  protocol              = "HTTP"
  port_name             = "ws"
  load_balancing_scheme = "{scheme}"
{ws_timeout}  session_affinity      = "CLIENT_IP"
  health_checks         = [{hc_type}.default.id]

  backend {{
    group           = var.instance_groups[0]
    balancing_mode  = "UTILIZATION"
    capacity_scaler = 1.0
  }}

  connection_draining_timeout_sec = 300
}}

resource "{bs_type}" "realtime_canary" {{
  name                  = "${{local.name_prefix}}-realtime-canary"
  project               = var.project_id
{region_attr}  protocol              = "HTTP"
  port_name             = "ws"
  load_balancing_scheme = "{scheme}"
  timeout_sec           = {canary_timeout}
  health_checks         = [{hc_type}.default.id]

  backend {{
    group = var.instance_groups[0]
  }}
}}
"#,
        region_hc = if regional {
            "  region             = var.region\n"
        } else {
            ""
        },
        api_timeout = rng.pick(&[15, 30, 60]),
        bad = if bad_var {
            ", \"X-User: {user_id}\""
        } else {
            ""
        },
        rate = rng.pick(&[100, 500, 1000]),
        ws_timeout = if ws_timeout_missing {
            String::new()
        } else {
            "  timeout_sec           = var.ws_timeout_sec\n".to_string()
        },
        canary_timeout = rng.pick(&[30, 3600]),
    );
    if rng.chance(0.5) {
        let _ = write!(
            be,
            r#"
resource "{bs_type}" "static" {{
  count                 = var.enable_cdn ? 1 : 0
  name                  = "${{local.name_prefix}}-static"
  project               = var.project_id
{region_attr}  protocol              = "HTTPS"
  load_balancing_scheme = "{scheme}"
  health_checks         = [{hc_type}.default.id]

  backend {{
    group = var.instance_groups[0]
  }}
}}
"#
        );
    }
    files.push(("backend.tf".to_string(), be));

    // lb.tf: the url map.
    let mut um = format!(
        r#"resource "{um_type}" "main" {{
  name            = "${{local.name_prefix}}-url-map"
  project         = var.project_id
{region_um}  default_service = {bs_type}.web.id

  header_action {{
    dynamic "response_headers_to_add" {{
      for_each = local.security_headers
      content {{
        header_name  = response_headers_to_add.key
        header_value = response_headers_to_add.value
        replace      = true
      }}
    }}
  }}

  host_rule {{
    hosts        = [var.domain]
    path_matcher = "main"
  }}

  host_rule {{
    hosts        = ["rt.${{var.domain}}"]
    path_matcher = "realtime"
  }}

  dynamic "host_rule" {{
    for_each = var.extra_hosts
    content {{
      hosts        = host_rule.value.hosts
      path_matcher = host_rule.key
    }}
  }}

  path_matcher {{
    name            = "main"
    default_service = {bs_type}.web.id
"#,
        region_um = if regional {
            "  region          = var.region\n"
        } else {
            ""
        },
    );
    if strip_auth {
        um.push_str(
            r#"
    header_action {
      request_headers_to_remove = ["Authorization", "Cookie"]
    }
"#,
        );
    }
    let _ = write!(
        um,
        r#"
    path_rule {{
      paths   = var.ws_paths
      service = {bs_type}.realtime.id
"#
    );
    if misplaced {
        um.push_str(
            r#"
      route_action {
        header_action {
          request_headers_to_add {
            header_name  = "Authorization"
            header_value = "{authorization}"
            replace      = true
          }
        }
      }
"#,
        );
    }
    let _ = write!(
        um,
        r#"    }}

    path_rule {{
      paths   = var.api_paths
      service = {bs_type}.api.id

      route_action {{
        url_rewrite {{
          path_prefix_rewrite = "/"
        }}
      }}
    }}

    path_rule {{
      paths   = ["/static/*", "/assets/*"]
      service = {bs_type}.web.id
    }}
  }}

  path_matcher {{
    name            = "realtime"
    default_service = {bs_type}.web.id

    header_action {{
      request_headers_to_add {{
        header_name  = "X-Client-Geo"
        header_value = "{{client_region}},{{client_city}}"
        replace      = true
      }}
    }}

    route_rules {{
      priority = 1

      match_rules {{
        prefix_match = "/stream"

        header_matches {{
          header_name = "Upgrade"
          exact_match = "websocket"
        }}
      }}

      route_action {{
        weighted_backend_services {{
          backend_service = {bs_type}.realtime.id
          weight          = {w1}

          header_action {{
            request_headers_to_add {{
              header_name  = "X-Canary"
              header_value = "false"
              replace      = true
            }}
          }}
        }}

        weighted_backend_services {{
          backend_service = {bs_type}.realtime_canary.id
          weight          = {w2}

          header_action {{
            request_headers_to_add {{
              header_name  = "X-Canary"
              header_value = "true"
              replace      = true
            }}
          }}
        }}
"#,
        w1 = 90,
        w2 = 10,
    );
    if rng.chance(0.5) {
        let _ = write!(
            um,
            r#"
        timeout {{
          seconds = {t}
        }}
"#,
            t = rng.pick(&[120, 3600, 86400])
        );
    }
    let _ = write!(
        um,
        r#"      }}
    }}

    route_rules {{
      priority = 2

      match_rules {{
        prefix_match = "/{ws_seg}/"
      }}

      service = {bs_type}.realtime.id
    }}

    route_rules {{
      priority = 10

      match_rules {{
        prefix_match = "/"
      }}

      service = {bs_type}.api.id
    }}
  }}

  dynamic "path_matcher" {{
    for_each = var.extra_hosts
    content {{
      name            = path_matcher.key
      default_service = {bs_type}.web.id

      path_rule {{
        paths   = ["/{ws_seg}", "/{ws_seg}/*"]
        service = {bs_type}.realtime.id
      }}
    }}
  }}
}}
"#
    );
    files.push(("lb.tf".to_string(), um));

    // frontend.tf: certificate, proxy, address, forwarding rule, HTTP redirect.
    let mut fe = String::new();
    if regional {
        let _ = write!(
            fe,
            r#"resource "google_compute_region_ssl_certificate" "main" {{
  name        = "${{local.name_prefix}}-cert"
  project     = var.project_id
  region      = var.region
  private_key = file("${{path.module}}/certs/tls.key")
  certificate = file("${{path.module}}/certs/tls.crt")
}}

resource "{proxy_type}" "main" {{
  name             = "${{local.name_prefix}}-https"
  project          = var.project_id
  region           = var.region
  url_map          = {um_type}.main.id
  ssl_certificates = [google_compute_region_ssl_certificate.main.id]
}}

resource "{fr_type}" "https" {{
  name                  = "${{local.name_prefix}}-https"
  project               = var.project_id
  region                = var.region
  load_balancing_scheme = "{scheme}"
  target                = {proxy_type}.main.id
  port_range            = "443"
  network               = "default"
  subnetwork            = "proxy-only"
}}
"#
        );
    } else {
        let _ = write!(
            fe,
            r#"resource "google_compute_managed_ssl_certificate" "main" {{
  name    = "${{local.name_prefix}}-cert"
  project = var.project_id

  managed {{
    domains = local.all_hosts
  }}
}}

resource "google_compute_global_address" "main" {{
  name    = "${{local.name_prefix}}-ip"
  project = var.project_id
}}

resource "{proxy_type}" "main" {{
  name             = "${{local.name_prefix}}-https"
  project          = var.project_id
  url_map          = {um_type}.main.id
  ssl_certificates = [google_compute_managed_ssl_certificate.main.id]
  ssl_policy       = google_compute_ssl_policy.modern.id
}}

resource "google_compute_ssl_policy" "modern" {{
  name            = "${{local.name_prefix}}-modern"
  project         = var.project_id
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}}

resource "{fr_type}" "https" {{
  name                  = "${{local.name_prefix}}-https"
  project               = var.project_id
  load_balancing_scheme = "{scheme}"
  ip_address            = google_compute_global_address.main.address
  target                = {proxy_type}.main.id
  port_range            = "443"
}}

resource "google_compute_url_map" "redirect" {{
  name    = "${{local.name_prefix}}-redirect"
  project = var.project_id

  default_url_redirect {{
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }}
}}

resource "google_compute_target_http_proxy" "redirect" {{
  name    = "${{local.name_prefix}}-http"
  project = var.project_id
  url_map = google_compute_url_map.redirect.id
}}

resource "{fr_type}" "http" {{
  name                  = "${{local.name_prefix}}-http"
  project               = var.project_id
  load_balancing_scheme = "{scheme}"
  ip_address            = google_compute_global_address.main.address
  target                = google_compute_target_http_proxy.redirect.id
  port_range            = "80"
}}
"#
        );
    }
    files.push(("frontend.tf".to_string(), fe));

    // firewall.tf: health checks and the proxy-only subnet.
    files.push((
        "firewall.tf".to_string(),
        format!(
            r#"resource "google_compute_firewall" "allow_health_checks" {{
  name      = "${{local.name_prefix}}-allow-hc"
  project   = var.project_id
  network   = "default"
  direction = "INGRESS"

  allow {{
    protocol = "tcp"
    ports    = ["8080"]
  }}

  source_ranges = ["35.191.0.0/16", "130.211.0.0/22"]
  target_tags   = ["{svc}"]
}}

resource "google_compute_firewall" "allow_proxy" {{
  name      = "${{local.name_prefix}}-allow-proxy"
  project   = var.project_id
  network   = "default"
  direction = "INGRESS"

  allow {{
    protocol = "tcp"
    ports    = ["8080", "8443"]
  }}

  source_ranges = ["10.129.0.0/23"]
  target_tags   = ["{svc}"]
}}
"#
        ),
    ));

    // monitoring.tf: uptime check and an alert, as real LB modules often carry.
    files.push((
        "monitoring.tf".to_string(),
        r#"resource "google_monitoring_uptime_check_config" "https" {
  display_name = "${local.name_prefix} HTTPS"
  project      = var.project_id
  timeout      = "10s"
  period       = "60s"

  http_check {
    path         = "/healthz"
    port         = 443
    use_ssl      = true
    validate_ssl = true
  }

  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = var.domain
    }
  }
}

resource "google_monitoring_alert_policy" "errors" {
  display_name = "${local.name_prefix} 5xx rate"
  project      = var.project_id
  combiner     = "OR"

  conditions {
    display_name = "5xx above 1%"

    condition_threshold {
      filter          = "resource.type = \"https_lb_rule\" AND metric.type = \"loadbalancing.googleapis.com/https/request_count\" AND metric.labels.response_code_class = 500"
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "300s"

      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_RATE"
      }
    }
  }
}
"#
        .to_string(),
    ));

    files.push((
        "outputs.tf".to_string(),
        format!(
            r#"output "url_map_id" {{
  description = "The url map."
  value       = {um_type}.main.id
}}

output "backend_services" {{
  description = "Backend services by role."
  value = {{
    web      = {bs_type}.web.id
    api      = {bs_type}.api.id
    realtime = {bs_type}.realtime.id
  }}
}}

output "hosts" {{
  value = local.all_hosts
}}
"#
        ),
    ));

    files.push((
        "terraform.tfvars".to_string(),
        format!(
            "environment    = \"{env}\"\ndomain         = \"{domain}\"\nws_timeout_sec = {tfvars_timeout}\n"
        ),
    ));
    // A local module call, and the module it calls in a subdirectory (a module of its own).
    files.push((
        "labels.tf".to_string(),
        format!(
            r#"module "labels" {{
  source      = "./modules/labels"
  name        = "{svc}"
  environment = var.environment
  extra = {{
    team = "{team}"
  }}
}}
"#,
            team = rng.pick(WORDS)
        ),
    ));
    files.push((
        "modules/labels/main.tf".to_string(),
        r#"variable "name" {
  type = string
}

variable "environment" {
  type = string
}

variable "extra" {
  type    = map(string)
  default = {}
}

locals {
  labels = merge({
    name        = lower(var.name)
    environment = var.environment
    managed_by  = "terraform"
  }, var.extra)
}

output "labels" {
  value = local.labels
}
"#
        .to_string(),
    ));
    // A registry module call that `terraform init` has vendored under `.terraform/modules`,
    // found through its `modules.json`.
    files.push((
        "naming.tf".to_string(),
        format!(
            r#"module "naming" {{
  source  = "acme/naming/google"
  version = "~> 2.1"
  service = "{svc}"
  labels  = module.labels.labels
}}
"#
        ),
    ));
    files.push((
        ".terraform/modules/modules.json".to_string(),
        r#"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"labels","Source":"./modules/labels","Dir":"modules/labels"},{"Key":"naming","Source":"registry.terraform.io/acme/naming/google","Version":"2.1.0","Dir":".terraform/modules/naming"}]}
"#
        .to_string(),
    ));
    files.push((
        ".terraform/modules/naming/main.tf".to_string(),
        r#"variable "service" {
  type = string
}

variable "labels" {
  type    = map(string)
  default = {}
}

output "name" {
  value = join("-", compact([var.service, lookup(var.labels, "environment", "")]))
}
"#
        .to_string(),
    ));
    files
}
