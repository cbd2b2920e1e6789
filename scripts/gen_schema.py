#!/usr/bin/env python3
"""Generates schema/google-provider.json: the blocks and attributes that the Google Terraform
provider accepts in the load-balancer resources lblint checks (TF004 unknown-field, LB001).

Regenerate (offline, from local copies of the two provider repositories):

    git clone https://github.com/hashicorp/terraform-provider-google
    git clone https://github.com/hashicorp/terraform-provider-google-beta
    scripts/gen_schema.py --ga terraform-provider-google --beta terraform-provider-google-beta \
        --ref v7.45.0 > schema/google-provider.json

--ga and --beta take a work tree or a bare git directory. With --ref, files are read at that
tag or commit (`git show REF:PATH`); without it, from the work tree as it is. Then run
`cargo test --lib schema` and the rule tests.

Source: the provider's Go schema, google/services/compute/resource_compute_*.go (the beta
provider: google-beta/services/compute/...). The Go schema is what the provider reports to
Terraform, so it is what `terraform validate` checks against; the website docs are generated
from the same definitions but do not say reliably whether a list of objects is a block, and
leave out read-only fields. The parser below reads the subset of Go that these generated files
use: `map[string]*schema.Schema{"name": {Type: ..., Optional: true, Elem: ...}}`, where
`Elem` is `&schema.Resource{Schema: ...}` (a nested block), `&schema.Schema{...}` (the element
type of a list attribute) or a call to a function of the same file returning a
`*schema.Resource`. It fails loudly on anything else.

The result is the union of both providers: an entry the GA provider lacks has "beta": true,
so that a resource using `provider = google-beta` is not reported for beta fields.
"""

import argparse
import json
import os
import re
import subprocess
import sys

RESOURCES = {
    "google_compute_url_map": "resource_compute_url_map.go",
    "google_compute_region_url_map": "resource_compute_region_url_map.go",
    "google_compute_backend_service": "resource_compute_backend_service.go",
    "google_compute_region_backend_service": "resource_compute_region_backend_service.go",
    "google_compute_target_http_proxy": "resource_compute_target_http_proxy.go",
    "google_compute_target_https_proxy": "resource_compute_target_https_proxy.go",
    "google_compute_global_forwarding_rule": "resource_compute_global_forwarding_rule.go",
}

# The SDK's timeouts block has one attribute per timeout the resource sets.
TIMEOUT_KEYS = ["Create", "Read", "Update", "Delete", "Default"]


class GoError(Exception):
    pass


TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<raw>`[^`]*`)
  | (?P<str>"(?:[^"\\\n]|\\.)*")
  | (?P<rune>'(?:[^'\\\n]|\\.)*')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
  | (?P<num>[0-9][0-9A-Za-z_.]*)
  | (?P<open>[({\[])
  | (?P<close>[)}\]])
  | (?P<punct>:=|==|!=|<=|>=|&&|\|\||<-|\+\+|--|[-+*/%&|^<>=!:,;.])
    """,
    re.S | re.X,
)

PAIRS = {"(": ")", "{": "}", "[": "]"}


def tokenize(src):
    pos = 0
    out = []
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m:
            raise GoError(f"cannot tokenize at {src[pos:pos + 40]!r}")
        pos = m.end()
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        text = m.group()
        if kind == "raw":
            out.append(("str", text[1:-1]))
        elif kind == "str":
            try:
                out.append(("str", json.loads(text)))
            except ValueError:  # Go escapes JSON lacks (\x41, \a): only keys matter
                out.append(("str", text[1:-1]))
        else:
            out.append((kind, text))
    return out


def group(tokens):
    """Nests bracketed tokens: a group is ("group", open_char, [items])."""
    stack = [("group", "", [])]
    for kind, text in tokens:
        if kind == "open":
            stack.append(("group", text, []))
        elif kind == "close":
            g = stack.pop()
            if PAIRS.get(g[1]) != text:
                raise GoError(f"unbalanced {g[1]!r} closed by {text!r}")
            stack[-1][2].append(g)
        else:
            stack[-1][2].append((kind, text))
    if len(stack) != 1:
        raise GoError("unclosed bracket")
    return stack[0][2]


def is_group(item, open_char):
    return item[0] == "group" and item[1] == open_char


def split_commas(items):
    parts, cur = [], []
    for it in items:
        if it == ("punct", ","):
            parts.append(cur)
            cur = []
        else:
            cur.append(it)
    if cur:
        parts.append(cur)
    return parts


def keyed_fields(brace_items):
    """`{Key: value, ...}` -> {key: [value items]}; keys are identifiers or strings."""
    fields = {}
    for part in split_commas(brace_items):
        if len(part) < 3 or part[1] != ("punct", ":"):
            raise GoError(f"not a keyed element: {part[:3]!r}")
        fields[part[0][1]] = part[2:]
    return fields


def functions(items):
    """Top-level `func Name() ... { body }` -> {name: body items}."""
    out = {}
    for i, it in enumerate(items):
        if it == ("ident", "func") and i + 1 < len(items) and items[i + 1][0] == "ident":
            j = i + 2
            while j < len(items) and not is_group(items[j], "{"):
                j += 1
            if j < len(items):
                out[items[i + 1][1]] = items[j][2]
    return out


def returned_resource(body):
    """The fields of `return &schema.Resource{...}` in a function body."""
    for i, it in enumerate(body):
        if it == ("ident", "return"):
            rest = body[i + 1:]
            if (
                len(rest) >= 3
                and rest[0] == ("punct", "&")
                and rest[1] == ("ident", "schema.Resource")
                and is_group(rest[2], "{")
            ):
                return keyed_fields(rest[2][2])
    raise GoError("function does not return &schema.Resource{...}")


def flag(fields, name):
    v = fields.get(name)
    return v == [("ident", "true")]


def schema_map(value, funcs):
    """`map[string]*schema.Schema{...}` -> {"attributes": {...}, "blocks": {...}}."""
    if not (
        len(value) == 5
        and value[0] == ("ident", "map")
        and is_group(value[1], "[")
        and value[2] == ("punct", "*")
        and value[3] == ("ident", "schema.Schema")
        and is_group(value[4], "{")
    ):
        raise GoError(f"not a schema map: {value[:4]!r}")
    node = {"attributes": {}, "blocks": {}}
    for part in split_commas(value[4][2]):
        if len(part) != 3 or part[0][0] != "str" or part[1] != ("punct", ":"):
            raise GoError(f"not a schema entry: {part[:3]!r}")
        name = part[0][1]
        fields = keyed_fields(part[2][2])
        if "Removed" in fields:
            continue
        elem = fields.get("Elem")
        nested = None
        if elem:
            if elem[:2] == [("punct", "&"), ("ident", "schema.Resource")]:
                nested = keyed_fields(elem[2][2])
            elif elem[:2] == [("punct", "&"), ("ident", "schema.Schema")]:
                nested = None
            elif len(elem) == 2 and elem[0][0] == "ident" and is_group(elem[1], "("):
                fname = elem[0][1]
                if fname not in funcs:
                    raise GoError(f"`{name}`: Elem calls unknown function {fname}")
                nested = returned_resource(funcs[fname])
            else:
                raise GoError(f"`{name}`: unsupported Elem {elem[:2]!r}")
        config_mode_attr = fields.get("ConfigMode") == [("ident", "schema.SchemaConfigModeAttr")]
        if nested is not None and not config_mode_attr:
            child = schema_map(nested["Schema"], funcs)
            node["blocks"][name] = child
        else:
            attr = {}
            if flag(fields, "Computed") and not (
                flag(fields, "Optional") or flag(fields, "Required")
            ):
                attr["read_only"] = True
            node["attributes"][name] = attr
    return node


def resource_schema(src, type_name):
    items = group(tokenize(src))
    funcs = functions(items)
    # google_compute_url_map -> ResourceComputeUrlMap
    ctor = "Resource" + "".join(w.capitalize() for w in type_name.split("_")[1:])
    if ctor not in funcs:
        raise GoError(f"no function {ctor}")
    res = returned_resource(funcs[ctor])
    node = schema_map(res["Schema"], funcs)
    if "Timeouts" in res:
        t = res["Timeouts"]
        if not (t[:2] == [("punct", "&"), ("ident", "schema.ResourceTimeout")]):
            raise GoError("unsupported Timeouts")
        keys = keyed_fields(t[2][2])
        node["blocks"]["timeouts"] = {
            "attributes": {k.lower(): {} for k in TIMEOUT_KEYS if k in keys},
            "blocks": {},
        }
    return node


def read(repo, ref, path):
    if ref:
        git_dir = repo
        if os.path.isdir(os.path.join(repo, ".git")):
            git_dir = os.path.join(repo, ".git")
        return subprocess.run(
            ["git", "--git-dir", git_dir, "show", f"{ref}:{path}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    with open(os.path.join(repo, path), encoding="utf-8") as f:
        return f.read()


def union(ga, beta):
    """GA tree plus the beta-only entries, marked "beta": true."""
    out = {"attributes": {}, "blocks": {}}
    for kind in ("attributes", "blocks"):
        for name in sorted(set(ga[kind]) | set(beta[kind])):
            if name in ga[kind] and name in beta[kind]:
                if kind == "blocks":
                    out[kind][name] = union(ga[kind][name], beta[kind][name])
                else:
                    out[kind][name] = ga[kind][name]
            elif name in ga[kind]:
                # Not expected: the beta provider is a superset of GA.
                raise GoError(f"`{name}` is in GA but not in beta")
            else:
                entry = dict(beta[kind][name])
                entry["beta"] = True
                out[kind][name] = entry
    for kind in ("attributes", "blocks"):
        clash = set(out["attributes"]) & set(out["blocks"])
        if clash:
            raise GoError(f"both attribute and block: {sorted(clash)}")
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--ga", required=True, help="terraform-provider-google checkout or git dir")
    p.add_argument("--beta", required=True, help="terraform-provider-google-beta checkout")
    p.add_argument("--ref", help="tag or commit to read in both, e.g. v7.45.0")
    args = p.parse_args()
    version = args.ref or "work tree"
    resources = {}
    for type_name, file in RESOURCES.items():
        ga = resource_schema(
            read(args.ga, args.ref, f"google/services/compute/{file}"), type_name
        )
        beta = resource_schema(
            read(args.beta, args.ref, f"google-beta/services/compute/{file}"), type_name
        )
        resources[type_name] = union(ga, beta)
    data = {
        "generator": "scripts/gen_schema.py",
        "source": {
            "google": f"github.com/hashicorp/terraform-provider-google@{version}",
            "google-beta": f"github.com/hashicorp/terraform-provider-google-beta@{version}",
            "files": "google/services/compute/resource_compute_*.go",
        },
        "version": version,
        "resources": resources,
    }
    json.dump(data, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main()
    except (GoError, subprocess.CalledProcessError) as e:
        sys.exit(f"gen_schema: {e}")
