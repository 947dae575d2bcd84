#!/usr/bin/env python3
"""Prints, after a red run, what each failed test left in its Surefire/Failsafe report: the message, the top of the
stack trace and the end of its output, and the end of integration-tests' debug log. CI keeps only the run's output, so
this is all a red run can tell afterwards. Exits 0 always: it reports, the run's own exit code decides."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

STACK_LINES = 25
OUTPUT_LINES = 40


def tail(text, n):
    lines = (text or "").rstrip().splitlines()
    return lines[-n:]


def main(root):
    failed = 0
    for report in sorted(glob.glob(os.path.join(root, "**", "target", "*-reports", "TEST-*.xml"), recursive=True)):
        try:
            suite = ET.parse(report).getroot()
        except ET.ParseError as e:
            print(f"== {report}: unreadable ({e})")
            continue
        for case in suite.iter("testcase"):
            problems = [c for c in case if c.tag in ("failure", "error", "flakyFailure", "flakyError")]
            if not problems:
                continue
            failed += 1
            print(f"== {case.get('classname')}#{case.get('name')} ({case.get('time')} s) in {os.path.relpath(report, root)}")
            for p in problems:
                print(f"-- {p.tag}: {p.get('type')}: {(p.get('message') or '')[:500]}")
                for line in (p.text or "").strip().splitlines()[:STACK_LINES]:
                    print("   " + line)
                for stream in ("system-out", "system-err"):
                    for s in p.iter(stream):
                        for line in tail(s.text, OUTPUT_LINES):
                            print(f"   [{stream}] {line}")
            for stream in ("system-out", "system-err"):
                s = case.find(stream)
                if s is not None and s.text:
                    print(f"-- {stream}, last {OUTPUT_LINES} lines:")
                    for line in tail(s.text, OUTPUT_LINES):
                        print("   " + line)
    for log in sorted(glob.glob(os.path.join(root, "**", "target", "test-debug.log"), recursive=True)):
        if failed:
            print(f"== last {OUTPUT_LINES} lines of {os.path.relpath(log, root)}")
            for line in tail(open(log, errors="replace").read(), OUTPUT_LINES):
                print("   " + line[:400])
    print(f"== {failed} failed test(s) in the reports")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
