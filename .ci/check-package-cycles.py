#!/usr/bin/env python3
"""Fails when the io.github.bttracker packages of the built jars depend on each other in a cycle.

Runs `jdeps -verbose:package` on the jars given as arguments (by default the main jars of bt-tracker-plugin,
bt-tracker-webrtc and bt-tracker-testing under their target/ folders, which a `mvn package` or `verify` builds), prints the dependency graph
of the io.github.bttracker packages, and finds its strongly connected components (Tarjan). A component of more than
one package is a cycle: the script prints it, with one path around it, and exits 1. It exits 2 when there is no jar
or jdeps fails, and 0 when the packages form no cycle.

Usage: python3 .ci/check-package-cycles.py [JAR...]
"""
import glob
import os
import re
import shutil
import subprocess
import sys

PREFIX = "io.github.bttracker"
ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEFAULT_JARS = ["bt-tracker-plugin/target/bt-tracker-plugin-*.jar", "bt-tracker-webrtc/target/bt-tracker-webrtc-*.jar",
                "bt-tracker-testing/target/bt-tracker-testing-*.jar"]
# "   io.github.bttracker.bt   -> io.github.bttracker.core   bt-tracker-plugin-0.1.0.jar"
EDGE = re.compile(r"^\s+(\S+)\s+->\s+(\S+)\s")


def default_jars():
    jars = []
    for pattern in DEFAULT_JARS:
        found = [j for j in sorted(glob.glob(os.path.join(ROOT, pattern)))
                 if not re.search(r"-(sources|javadoc|tests)\.jar$", j)]
        if not found:
            sys.exit("check-package-cycles: no jar matches %s; build first (mvn -B package -DskipTests)" % pattern)
        jars.extend(found)
    return jars


def jdeps_command():
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.path.isfile(os.path.join(java_home, "bin", "jdeps")):
        return os.path.join(java_home, "bin", "jdeps")
    found = shutil.which("jdeps")
    if not found:
        print("check-package-cycles: jdeps (JDK 17 or later) is not on the PATH nor in JAVA_HOME", file=sys.stderr)
        sys.exit(2)
    return found


def package_graph(jars):
    """@return {package: set of packages it depends on}, io.github.bttracker packages only, without self-loops"""
    # -filter:none keeps the dependencies within one jar, which the default filter leaves out
    result = subprocess.run([jdeps_command(), "-verbose:package", "-filter:none", *jars],
                            capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout + result.stderr, file=sys.stderr)
        print("check-package-cycles: jdeps failed (exit %d)" % result.returncode, file=sys.stderr)
        sys.exit(2)
    graph = {}
    for line in result.stdout.splitlines():
        match = EDGE.match(line)
        if not match:
            continue
        source, target = match.groups()
        if not is_ours(source):
            continue
        graph.setdefault(source, set())
        if is_ours(target) and target != source:
            graph[source].add(target)
            graph.setdefault(target, set())
    return graph


def is_ours(package):
    return package == PREFIX or package.startswith(PREFIX + ".")


def strongly_connected_components(graph):
    """Tarjan's algorithm, iterative (no recursion limit to worry about)."""
    index = {}
    low = {}
    on_stack = set()
    stack = []
    components = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = counter
                    counter += 1
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def path_around(graph, component):
    """@return one cycle through the component's first package: [a, b, ..., a] (breadth-first, so a shortest one)"""
    members = set(component)
    start = component[0]
    previous = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for successor in sorted(graph[node]):
            if successor == start:
                path = []
                while node is not None:
                    path.append(node)
                    node = previous[node]
                return list(reversed(path)) + [start]
            if successor in members and successor not in previous:
                previous[successor] = node
                queue.append(successor)
    return component + [start]


def short(package):
    return package[len(PREFIX) + 1:] if package != PREFIX else "(root)"


def main(argv):
    jars = argv[1:] or default_jars()
    graph = package_graph(jars)
    print("Package dependencies of %s (jdeps -verbose:package) in:" % PREFIX)
    for jar in jars:
        print("  " + (os.path.relpath(jar, ROOT) if os.path.isabs(jar) else jar))
    width = max((len(short(p)) for p in graph), default=0)
    for package in sorted(graph):
        targets = ", ".join(short(t) for t in sorted(graph[package])) or "-"
        print("  %-*s -> %s" % (width, short(package), targets))
    cycles = [c for c in strongly_connected_components(graph) if len(c) > 1]
    if not cycles:
        print("No package cycle among %d packages." % len(graph))
        return 0
    sys.stdout.flush()
    print("%d package cycle(s):" % len(cycles), file=sys.stderr)
    for component in cycles:
        print("  strongly connected: " + ", ".join(short(p) for p in component), file=sys.stderr)
        print("    for example: " + " -> ".join(short(p) for p in path_around(graph, component)), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
