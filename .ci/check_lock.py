#!/usr/bin/env python3
"""Fail when pyproject.toml and the lock files disagree: every dependency pyproject.toml asks for
(the runtime ones in requirements.lock; with the dev and browser extras in requirements-dev.lock)
must be pinned there, at a version its specifier allows, and the locks pin nothing pyproject.toml
no longer needs directly or through another pinned package. Offline: it reads files only.
After changing a dependency: `make lock`."""

import re
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
VIA = re.compile(r"^\s+#\s+(?:via\s+)?([A-Za-z0-9][A-Za-z0-9._-]*)\s*$")


def pins(path: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The pinned versions and, for each, what asked for it (uv's `# via` notes)."""
    pinned, wanted_by, current = {}, {}, None
    for line in path.read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match.group(1))
            pinned[current] = match.group(2)
            wanted_by[current] = set()
            if "    # via " in line:
                wanted_by[current].add(line.split("# via", 1)[1].strip())
        elif current and (match := VIA.match(line)):
            wanted_by[current].add(canonicalize_name(match.group(1)))
        if line.strip().startswith("--hash") or line.strip() == "# via":
            continue
    return pinned, wanted_by


def check(lock: Path, requirements: list[str]) -> list[str]:
    problems = []
    pinned, wanted_by = pins(lock)
    direct = set()
    for text in requirements:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        direct.add(name)
        if name not in pinned:
            problems.append(f"{lock.name}: {text} is not pinned")
        elif not requirement.specifier.contains(pinned[name], prereleases=True):
            problems.append(f"{lock.name}: {name}=={pinned[name]} does not satisfy {text}")
    for name, askers in wanted_by.items():
        askers = {canonicalize_name(a) for a in askers if a != "pyproject.toml"}
        if name not in direct and not askers & set(pinned):
            problems.append(f"{lock.name}: {name} is pinned but nothing asks for it any more")
    return problems


def main() -> int:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = project["dependencies"]
    extras = project.get("optional-dependencies", {})
    development = [*runtime, *extras.get("dev", []), *extras.get("browser", [])]
    problems = check(ROOT / "requirements.lock", runtime)
    problems += check(ROOT / "requirements-dev.lock", development)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("pyproject.toml and the lock files disagree: run `make lock`.", file=sys.stderr)
        return 1
    print("The lock files match pyproject.toml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
