#!/usr/bin/env python3
"""Conformance ledger of CPython's test_asyncio (see docs/conformance.md).

  python3.13 scripts/conformance.py snapshot [CPYTHON_TEST_ASYNCIO_DIR]
      Lists every test method of CPython's Lib/test/test_asyncio (all modules but the Windows
      and proactor ones) into docs/conformance/cpython-3.13-tests.txt, one `module<TAB>Class.test`
      a line: one row per class that defines the method (a mixin such as test_tasks'
      BaseTaskTests counts once, not once per concrete C/Py subclass). Without a directory it
      reads the test suite of the Python 3.13 running the script.

  scripts/conformance.py generate
      Regenerates docs/conformance.md from that list, the Java tests' citations and
      docs/conformance/na.tsv, by running ConformanceLedgerTest in update mode (the same Java
      code that checks the ledger in the build).
"""
import ast
import pathlib
import subprocess
import sys
import sysconfig

ROOT = pathlib.Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "docs" / "conformance" / "cpython-3.13-tests.txt"
EXCLUDED = {"test_windows_events", "test_windows_utils", "test_proactor_events"}


def test_names(path):
    """Yields Class.test_method for every test method a class in this file defines itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    seen = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test"):
                name = f"{node.name}.{item.name}"
                if name not in seen:
                    seen.add(name)
                    yield name


def default_directory():
    if sys.version_info[:2] != (3, 13):
        sys.exit("snapshot needs Python 3.13 (or the test_asyncio directory as an argument)")
    return pathlib.Path(sysconfig.get_path("stdlib")) / "test" / "test_asyncio"


def snapshot(directory):
    rows = []
    for path in sorted(pathlib.Path(directory).glob("test_*.py")):
        module = path.stem
        if module in EXCLUDED:
            continue
        rows.extend(f"{module}\t{name}" for name in sorted(test_names(path)))
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    SNAPSHOT.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} tests written to {SNAPSHOT.relative_to(ROOT)}")


def generate():
    subprocess.run(["mvn", "-B", "-q", "-o", "-pl", "core", "test", "-Dsurefire.failIfNoSpecifiedTests=false",
                    "-Dtest=ConformanceLedgerTest", "-Dconformance.update=true"], cwd=ROOT, check=True)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "snapshot":
        snapshot(sys.argv[2] if len(sys.argv) > 2 else default_directory())
    elif command == "generate":
        generate()
    else:
        sys.exit(__doc__)
