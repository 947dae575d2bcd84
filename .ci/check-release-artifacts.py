#!/usr/bin/env python3
"""Checks what the release profile would publish, after `mvn -Prelease -Dgpg.skip verify` (.ci/run runs both).

For each published module: the main, sources and javadoc jars exist and hold what they should; its POM, with what it
inherits from the parent POM (published too), has the metadata Maven Central requires (name, description, url,
licenses, developers, scm). Exits non-zero, naming each missing thing, when something is missing.
"""
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

PUBLISHED = ["bt-tracker-plugin", "bt-tracker-webrtc"]
NS = {"m": "http://maven.apache.org/POM/4.0.0"}
ROOT = Path(__file__).resolve().parent.parent


def text(pom, path):
    node = pom.find(path, NS)
    return node.text.strip() if node is not None and node.text and node.text.strip() else None


def main():
    problems = []
    parent = ET.parse(ROOT / "pom.xml").getroot()
    version = text(parent, "m:version")
    for field in ["m:url", "m:licenses/m:license/m:name", "m:licenses/m:license/m:url", "m:developers/m:developer/m:name",
                  "m:scm/m:url", "m:scm/m:connection", "m:scm/m:developerConnection", "m:issueManagement/m:url",
                  "m:name", "m:description"]:
        if text(parent, field) is None:
            problems.append(f"parent pom.xml: no {field.replace('m:', '')}")
    if text(parent, "m:properties/m:project.build.outputTimestamp") is None:
        problems.append("parent pom.xml: no project.build.outputTimestamp (reproducible builds)")
    for module in PUBLISHED:
        pom = ET.parse(ROOT / module / "pom.xml").getroot()
        for field in ["m:parent/m:artifactId", "m:artifactId", "m:name", "m:description"]:
            if text(pom, field) is None:
                problems.append(f"{module}/pom.xml: no {field.replace('m:', '')}")
        target = ROOT / module / "target"
        expected = {
            "": lambda names: any(n.endswith(".class") for n in names),
            "-sources": lambda names: any(n.endswith(".java") for n in names),
            "-javadoc": lambda names: "index.html" in names,
        }
        for classifier, holds in expected.items():
            jar = target / f"{module}-{version}{classifier}.jar"
            if not jar.is_file():
                problems.append(f"{jar.relative_to(ROOT)}: missing")
                continue
            with zipfile.ZipFile(jar) as z:
                names = z.namelist()
            if not holds(names):
                problems.append(f"{jar.relative_to(ROOT)}: does not hold what it should")
            print(f"ok {jar.relative_to(ROOT)} ({jar.stat().st_size} bytes, {len(names)} entries)")
    for module in ["integration-tests", "examples"]:
        for classifier in ["-sources", "-javadoc"]:
            if any((ROOT / module / "target").glob(f"*{classifier}.jar")):
                problems.append(f"{module}: a {classifier[1:]} jar was built for a module that is not published")
    for problem in problems:
        print("MISSING " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
