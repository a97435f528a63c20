"""Counts the tests of a JUnit XML file (CTest's --output-junit or pytest's --junitxml) and appends
the line "passed failed skipped" to a counts file that count_trx.py adds to its total.

Usage: count_junit.py LABEL JUNIT_XML COUNTS_FILE. A missing or unreadable XML file counts as one
failed test, so a stage that crashed before writing results cannot pass.
"""
import sys
import xml.etree.ElementTree as ElementTree


def count(path: str) -> tuple[int, int, int]:
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    total = failed = skipped = 0
    for suite in suites:
        total += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0)) + int(suite.get("disabled", 0))

    return total - failed - skipped, failed, skipped


def main(label: str, path: str, counts_file: str) -> int:
    try:
        passed, failed, skipped = count(path)
    except (OSError, ElementTree.ParseError) as error:
        print(f"ci: {label}: no readable results in {path} ({error}); counted as 1 failed", file=sys.stderr)
        passed, failed, skipped = 0, 1, 0

    print(f"ci: {label}: {passed} passed, {failed} failed, {skipped} skipped")
    with open(counts_file, "a", encoding="utf-8") as counts:
        counts.write(f"{passed} {failed} {skipped}\n")

    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
