#!/usr/bin/env python3
"""Checks what the release profile would publish to Maven Central, as staged by
`mvn -Prelease -Dgpg.skip -DskipUpload=true deploy` (.ci/run runs both).

central-publishing-maven-plugin stages a release version's bundle in target/central-publishing/central-bundle.zip and
a snapshot's files in target/central-deferred/. This reads whichever is there and checks: exactly the parent POM,
bt-tracker-plugin, bt-tracker-testing and bt-tracker-webrtc are in it (not integration-tests or examples); each library
has its POM, main, sources and javadoc jars and no test-jar, holding what they should (and, in a release bundle, checksums); the POMs, with what the parent POM gives
them, have the metadata Central requires (name, description, url, licenses, developers, scm). Signatures are not
checked: CI does not sign. Exits non-zero, naming each missing thing.
"""
import sys
import xml.etree.ElementTree as ET
import zipfile
import io
from pathlib import Path

GROUP = "io/github/bttracker/"
PARENT = "bt-tracker-parent"
LIBRARIES = ["bt-tracker-plugin", "bt-tracker-testing", "bt-tracker-webrtc"]
NS = {"m": "http://maven.apache.org/POM/4.0.0"}
ROOT = Path(__file__).resolve().parent.parent


def staged_files():
    """Path inside the repository layout -> bytes."""
    bundle = ROOT / "target" / "central-publishing" / "central-bundle.zip"
    if bundle.is_file():
        with zipfile.ZipFile(bundle) as z:
            return bundle, {n: z.read(n) for n in z.namelist() if not n.endswith("/")}
    deferred = ROOT / "target" / "central-deferred"
    if deferred.is_dir():
        return deferred, {p.relative_to(deferred).as_posix(): p.read_bytes() for p in deferred.rglob("*") if p.is_file()}
    sys.exit("nothing staged: run mvn -Prelease -Dgpg.skip -DskipUpload=true deploy first")


def text(pom, path):
    node = pom.find(path, NS)
    return node.text.strip() if node is not None and node.text and node.text.strip() else None


def main():
    where, files = staged_files()
    print(f"staged in {where.relative_to(ROOT)}:")
    problems = []
    artifact_ids = sorted({n[len(GROUP):].split("/")[0] for n in files if n.startswith(GROUP)})
    if artifact_ids != sorted([PARENT] + LIBRARIES):
        problems.append(f"published artifacts are {artifact_ids}, not {sorted([PARENT] + LIBRARIES)}")
    version = text(ET.parse(ROOT / "pom.xml").getroot(), "m:version")

    def pom(artifact_id):
        name = f"{GROUP}{artifact_id}/{version}/{artifact_id}-{version}.pom"
        if name not in files:
            problems.append(f"{name}: missing")
            return None
        return ET.fromstring(files[name])

    parent = pom(PARENT)
    inherited = ["m:url", "m:licenses/m:license/m:name", "m:licenses/m:license/m:url", "m:developers/m:developer/m:name",
                 "m:scm/m:url", "m:scm/m:connection", "m:issueManagement/m:url"]
    if parent is not None:
        for field in inherited + ["m:name", "m:description"]:
            if text(parent, field) is None:
                problems.append(f"{PARENT} POM: no {field.replace('m:', '')}")
    for library in LIBRARIES:
        own = pom(library)
        if own is not None:
            for field in ["m:name", "m:description"]:
                if text(own, field) is None:
                    problems.append(f"{library} POM: no {field.replace('m:', '')}")
            if text(own, "m:parent/m:artifactId") != PARENT:
                problems.append(f"{library} POM: its parent is not {PARENT}")
        holds = {
            "": lambda names: any(n.endswith(".class") for n in names),
            "-sources": lambda names: any(n.endswith(".java") for n in names),
            "-javadoc": lambda names: "index.html" in names,
        }
        for classifier, check in holds.items():
            name = f"{GROUP}{library}/{version}/{library}-{version}{classifier}.jar"
            if name not in files:
                problems.append(f"{name}: missing")
                continue
            names = zipfile.ZipFile(io.BytesIO(files[name])).namelist()
            if not check(names):
                problems.append(f"{name}: does not hold what it should")
    for name in sorted(files):
        if name.endswith("-tests.jar"):
            # test classes are not API; a module's tests that need another's helpers get them from bt-tracker-testing
            problems.append(f"{name}: a test-jar is published")
        if name.startswith(GROUP) and name.endswith((".jar", ".pom")):
            # a release bundle carries its checksums; for a snapshot, the snapshot repository makes them at upload
            for checksum in ((".md5", ".sha1") if where.suffix == ".zip" else ()):
                if name + checksum not in files:
                    problems.append(f"{name}: no {checksum} checksum")
            print(f"  {name[len(GROUP):]} ({len(files[name])} bytes)")
    for problem in problems:
        print("MISSING " + problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
