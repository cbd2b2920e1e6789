#!/usr/bin/env python3
"""Split the load-balancer examples of terraform-provider-google's docs into modules.

Usage:
    scripts/provider-examples.py SOURCE [OUT_DIR]

SOURCE is either a checkout of hashicorp/terraform-provider-google (a directory with
website/docs/r/) or a bare git directory (read with `git --git-dir=SOURCE show HEAD:path`).
OUT_DIR defaults to /work/corpus/provider-examples.

Every ```hcl block of the docs listed in DOCS becomes OUT_DIR/<doc>/<slug>/main.tf, where
<slug> comes from the nearest heading above the block ("## Example Usage - Url Map Bucket And
Service" -> url-map-bucket-and-service); a repeated slug gets -2, -3... OUT_DIR/<doc>/ is
replaced on each run, and OUT_DIR/SOURCE.tsv records the commit and the blocks written.
Nothing is fetched: the checkout must already be on disk.
"""

import os
import re
import shutil
import subprocess
import sys

DOCS = [
    "compute_url_map",
    "compute_region_url_map",
    "compute_backend_service",
    "compute_region_backend_service",
    "compute_target_https_proxy",
    "compute_global_forwarding_rule",
    "compute_region_network_endpoint_group",
]

HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$")
FENCE_OPEN = re.compile(r"^```\s*hcl\s*$")
FENCE_CLOSE = re.compile(r"^```\s*$")


def is_bare_git(path):
    return os.path.isfile(os.path.join(path, "HEAD")) and os.path.isdir(os.path.join(path, "objects"))


def read_doc(source, rel):
    if is_bare_git(source):
        return subprocess.run(
            ["git", "--git-dir", source, "show", f"HEAD:{rel}"],
            check=True, capture_output=True, text=True,
        ).stdout
    with open(os.path.join(source, rel), encoding="utf-8") as f:
        return f.read()


def commit_of(source):
    args = ["git", "--git-dir", source] if is_bare_git(source) else ["git", "-C", source]
    try:
        return subprocess.run(args + ["rev-parse", "HEAD"], check=True,
                              capture_output=True, text=True).stdout.strip()
    except (subprocess.CalledProcessError, FileNotFoundError):
        return "unknown"


def slugify(title):
    title = re.sub(r"^example usage\s*-\s*", "", title.strip(), flags=re.I)
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug or "example"


def blocks(text):
    """Yield (heading, first line number, hcl text) for each ```hcl block."""
    heading = "example"
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        m = HEADING.match(line)
        if m:
            heading = m.group(1)
        elif FENCE_OPEN.match(line):
            start = i + 1
            j = start
            while j < len(lines) and not FENCE_CLOSE.match(lines[j]):
                j += 1
            yield heading, start + 1, "\n".join(lines[start:j]) + "\n"
            i = j
        i += 1


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(argv) >= 2 else 2
    source = argv[1]
    out = argv[2] if len(argv) > 2 else "/work/corpus/provider-examples"
    os.makedirs(out, exist_ok=True)
    commit = commit_of(source)
    manifest = [f"# hashicorp/terraform-provider-google\t{commit}", "doc\tslug\tline\theading"]
    total = 0
    for doc in DOCS:
        rel = f"website/docs/r/{doc}.html.markdown"
        text = read_doc(source, rel)
        doc_dir = os.path.join(out, doc)
        shutil.rmtree(doc_dir, ignore_errors=True)
        seen = {}
        for heading, line, hcl in blocks(text):
            slug = slugify(heading)
            seen[slug] = seen.get(slug, 0) + 1
            if seen[slug] > 1:
                slug = f"{slug}-{seen[slug]}"
            d = os.path.join(doc_dir, slug)
            os.makedirs(d)
            with open(os.path.join(d, "main.tf"), "w", encoding="utf-8") as f:
                f.write(hcl)
            manifest.append(f"{doc}\t{slug}\t{line}\t{heading}")
            total += 1
        print(f"{doc}: {seen and sum(seen.values()) or 0} blocks", file=sys.stderr)
    with open(os.path.join(out, "SOURCE.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")
    print(f"{total} modules written to {out} (commit {commit})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
