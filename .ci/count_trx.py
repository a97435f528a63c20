"""Sums the counters of every TRX file under a folder and prints 'N passed, N failed, N skipped'.

Exits with status 1 when no test ran or when any failed, so a run that executed nothing cannot pass.
"""
import pathlib
import sys
import xml.etree.ElementTree as ElementTree

NAMESPACE = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def main(folder: str) -> int:
    passed = failed = skipped = 0
    files = sorted(pathlib.Path(folder).rglob("*.trx"))
    for path in files:
        counters = ElementTree.parse(path).getroot().find(f"{NAMESPACE}ResultSummary/{NAMESPACE}Counters")
        if counters is None:
            print(f"ci: {path} has no result counters", file=sys.stderr)
            failed += 1
            continue
        passed += int(counters.get("passed", 0))
        failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
        skipped += int(counters.get("notExecuted", 0))

    extra = pathlib.Path(folder) / "extra-counts.txt"
    if extra.exists():
        for line in extra.read_text().splitlines():
            parts = line.split()
            if len(parts) == 3:
                passed += int(parts[0])
                failed += int(parts[1])
                skipped += int(parts[2])

    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    if not files:
        print("ci: no TRX results were found", file=sys.stderr)
        return 1
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
