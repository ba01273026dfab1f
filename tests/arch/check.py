#!/usr/bin/env python3
"""The house rules of docs/architecture.md, checked on the source tree.

  1. Data flows one way: each folder of src/ includes only the folders below it (util <- model
     <- io, analysis, forecast; report reads only the public headers), and cli/ only parley.h.
  2. No include circle between the files of one folder (a file pair x.c/x.h is one module).
  3. No file of src/ over 820 lines unless its top comment says why ("is long because").
  4. Nothing under src/ prints, exits, aborts, reads the environment or keeps a mutable
     variable at file scope.
  5. Every function of the public headers is tagged with its object (CONSTRUCTOR, DESTRUCTOR,
     METHOD or FUNCTION) in the comment of its group.
  6. No page or comment a user reads points at ../shared (the data beside the repository).

Usage: check.py REPO_ROOT. Prints every breach and exits 1 if there is one.
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
os.chdir(root)
breaches = []

# 1. allowed includes of project headers, per folder ("parley" = the public headers)
ALLOWED = {
    "util": {"util", "parley"},
    "model": {"util", "model", "parley"},
    "io": {"util", "model", "io", "parley"},
    "analysis": {"util", "model", "analysis", "parley"},
    "forecast": {"util", "model", "forecast", "parley"},
    "negotiate": {"util", "model", "analysis", "negotiate", "parley"},
    "report": {"util", "report", "parley"},
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith((".c", ".h")))


def text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


for folder, allowed in ALLOWED.items():
    d = os.path.join("src", folder)
    graph = {}
    for name in sources(d):
        path = os.path.join(d, name)
        stem = name[:-2]
        for inc in INCLUDE.findall(text(path)):
            top = "parley" if inc == "parley.h" or inc.startswith("parley/") else inc.split("/")[0] if "/" in inc else folder
            if top not in allowed:
                breaches.append(f"{path}: includes \"{inc}\"; {folder}/ may include only {', '.join(sorted(allowed))}")
            if top == folder:
                target = os.path.basename(inc)[:-2]
                if target != stem:
                    graph.setdefault(stem, set()).add(target)
    # 2. include circles between the modules of the folder
    state = {}

    def visit(node, path):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                breaches.append(f"src/{folder}/: include circle {' -> '.join(cycle)}")
            elif state.get(nxt) is None:
                visit(nxt, path + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if state.get(node) is None:
            visit(node, [node])

for name in sources("cli"):
    for inc in INCLUDE.findall(text(os.path.join("cli", name))):
        if inc not in ("parley.h", "cli.h"):
            breaches.append(f"cli/{name}: includes \"{inc}\"; the command uses only parley.h")

# 3. file sizes; 4. printing, exiting, the environment, mutable globals
FORBIDDEN = re.compile(r"\b(printf|fprintf|vfprintf|puts|fputs|putchar|perror|exit|_Exit|abort|getenv|system)\s*\(")
for folder in ALLOWED:
    d = os.path.join("src", folder)
    for name in sources(d):
        path = os.path.join(d, name)
        src = text(path)
        lines = src.count("\n")
        head = src[: src.find("*/") + 2] if src.lstrip().startswith("/*") else ""
        if lines > 820 and "is long because" not in head:
            breaches.append(f"{path}: {lines} lines; split it, or say in its top comment why it is long")
        code = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), src, flags=re.S)
        code = re.sub(r'"(\\.|[^"\\])*"', '""', code)
        for m in FORBIDDEN.finditer(code):
            line = code[: m.start()].count("\n") + 1
            breaches.append(f"{path}:{line}: calls {m.group(1)}(); the library never prints, exits or reads the environment")
        depth = 0
        for lineno, line in enumerate(code.split("\n"), 1):
            if depth == 0 and re.match(r"^(static\s+)?(?!const\b)[A-Za-z_][\w\s\*]*\b\w+(\[[^\]]*\])*\s*(=[^=].*)?;\s*$", line) \
                    and not re.match(r"^\s*(typedef|extern|return|#|__extension__)", line) and "(" not in line and "const " not in line:
                breaches.append(f"{path}:{lineno}: a mutable variable at file scope; the library keeps no global state")
            depth += line.count("{") - line.count("}")

# 5. public functions tagged with their object
TAGS = ("CONSTRUCTOR", "DESTRUCTOR", "METHOD", "FUNCTION")
for name in sources(os.path.join("include", "parley")):
    path = os.path.join("include", "parley", name)
    lines = text(path).split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("PARLEY_API"):
            continue
        j, tagged = i, False
        while j >= 0 and lines[j].strip():
            tagged |= any(t in lines[j] for t in TAGS)
            j -= 1
        if not tagged:
            fn = re.search(r"\b(parley_\w+)\s*\(", line)
            breaches.append(f"{path}:{i + 1}: {fn.group(1) if fn else line.strip()} has no CONSTRUCTOR/DESTRUCTOR/METHOD/FUNCTION tag")

# 6. ../shared in what users read
for top in ("src", "include", "cli", "docs", "examples"):
    for dirpath, _, files in os.walk(top):
        for name in files:
            path = os.path.join(dirpath, name)
            try:
                body = text(path)
            except UnicodeDecodeError:
                continue
            for lineno, line in enumerate(body.split("\n"), 1):
                if "../shared" in line:
                    breaches.append(f"{path}:{lineno}: points at ../shared, which a user of parley does not have")
for lineno, line in enumerate(text("README.md").split("\n"), 1):
    if "../shared" in line:
        breaches.append(f"README.md:{lineno}: points at ../shared, which a user of parley does not have")

for b in breaches:
    print(b)
print(f"architecture: {len(breaches)} breach{'es' if len(breaches) != 1 else ''}")
sys.exit(1 if breaches else 0)
