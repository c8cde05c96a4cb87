#!/usr/bin/env python3
"""The layers the build enforces (issue 19, cmake/DpsLayers.cmake), checked on a configured build.

    check-layers.py --source DIR --build DIR

Reads the build's CMake file API reply (codemodel-v2; tests/layers/CMakeLists.txt writes the
query) for each project target's sources, include paths and the project targets it links, and
the folders each target owns: those of dps_layer() (the symbolic links under
<build>/layers/<target>/), else the folders holding its sources. Prints one line per problem,
"file:line: what [rule]", and exits 1 if there is any:

  core-link       a core target (dps_*_core) links a project target outside CORE_MAY_LINK, or a
                  file of it includes a system header outside the C and C++ standard libraries
                  (the file API does not list the imported libraries a static library links:
                  their headers show them);
  upward-include  a quoted include resolves, as the compiler would resolve it, into a folder owned
                  by a target that is neither the including file's target nor one it links
                  (transitively), or into a project folder no target owns;
  dotdot-include  #include "../..." in a program folder (PROGRAM_FOLDERS), which walks around the
                  layers' include paths;
  wide-include-path  a target's include path is a whole program folder or the project root.

Nothing here names today's files: the rules read the build. tests/layers/fixtures/ are two tiny
projects on which the expected findings are known (tests/layers/test_fixtures.py).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# What a core target may link besides the standard library. dps_warnings holds compiler flags
# only. dps_protocol (nlohmann-json) is not here: whether it counts as shared core is the lead's
# call (dps_agent_core links it today).
CORE_MAY_LINK = {"dps_shared_core", "dps_warnings"}
# Which targets are cores.
CORE_TARGET = re.compile(r"^dps_\w+_core$")
# Where "../" includes are refused, and the folders no include path may expose whole ("" is the
# project root).
PROGRAM_FOLDERS = ["kiosk", "server", "agent", "shared"]
WIDE_FOLDERS = ["kiosk", "server", "agent", ""]
# System headers a core may include besides the C and C++ standard ones: libc's address
# conversions (no I/O, nothing more to link).
CORE_EXTRA_SYSTEM_HEADERS = {"arpa/inet.h", "netinet/in.h"}

# ISO C++20 and C17 headers (the C ones also as <cname>).
CXX_HEADERS = set(
    """algorithm any array atomic barrier bit bitset charconv chrono codecvt compare complex concepts
    condition_variable coroutine deque exception execution filesystem format forward_list fstream
    functional future initializer_list iomanip ios iosfwd iostream istream iterator latch limits list
    locale map memory memory_resource mutex new numbers numeric optional ostream queue random ranges
    ratio regex scoped_allocator semaphore set shared_mutex source_location span sstream stack
    stdexcept stop_token streambuf string string_view strstream syncstream system_error thread tuple
    type_traits typeindex typeinfo unordered_map unordered_set utility valarray variant vector
    version""".split())
C_HEADERS = set(
    """assert complex ctype errno fenv float inttypes iso646 limits locale math setjmp signal
    stdalign stdarg stdatomic stdbool stddef stdint stdio stdlib stdnoreturn string tgmath threads
    time uchar wchar wctype""".split())
STANDARD_HEADERS = CXX_HEADERS | {c + ".h" for c in C_HEADERS} | {"c" + c for c in C_HEADERS}

SOURCE_SUFFIXES = (".cpp", ".cc", ".cxx", ".c")
HEADER_SUFFIXES = (".h", ".hpp", ".hh", ".hxx", ".inl")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')


class Problem:
    def __init__(self, path, line, what, rule):
        self.path, self.line, self.what, self.rule = path, line, what, rule

    def __str__(self):
        return f"{self.path}:{self.line}: {self.what} [{self.rule}]"


def load_codemodel(build):
    reply = os.path.join(build, ".cmake", "api", "v1", "reply")
    if not os.path.isdir(reply):
        sys.exit(f"{build}: no CMake file API reply (.cmake/api/v1/reply): configure with a "
                 "codemodel-v2 query in .cmake/api/v1/query/")
    index = max(f for f in os.listdir(reply) if f.startswith("index-"))
    with open(os.path.join(reply, index)) as f:
        codemodel = json.load(f)["reply"].get("codemodel-v2")
    if not codemodel:
        sys.exit(f"{build}: the file API reply has no codemodel-v2")
    with open(os.path.join(reply, codemodel["jsonFile"])) as f:
        model = json.load(f)
    config = model["configurations"][0]
    targets = {}
    for t in config["targets"]:
        with open(os.path.join(reply, t["jsonFile"])) as f:
            targets[t["id"]] = json.load(f)
    return targets


def backtrace_place(target, index, source):
    """file:line of the command behind a backtrace index (the innermost node)."""
    graph = target.get("backtraceGraph")
    if graph is None or index is None:
        return ("CMakeLists.txt", 0)
    node = graph["nodes"][index]
    path = graph["files"][node["file"]]
    if not os.path.isabs(path):
        path = os.path.join(source, path)
    return (path, node.get("line", 0))


def declared_here(target, index):
    """Whether the include path comes from the target's own target_include_directories() (or
    include_directories()), not from a library it links."""
    graph = target.get("backtraceGraph")
    if graph is None or index is None:
        return True
    command = graph["nodes"][index].get("command")
    return command is not None and graph["commands"][command] in ("target_include_directories",
                                                                  "include_directories")


def inside(path, folder):
    return path == folder or path.startswith(folder + os.sep)


class Layers:
    def __init__(self, source, build):
        self.source = os.path.realpath(source)
        self.build = os.path.realpath(build)
        self.problems = []
        raw = load_codemodel(build)
        self.targets = {}  # name -> target json
        for t in raw.values():
            self.targets[t["name"]] = t
        self.name_of_id = {tid: t["name"] for tid, t in raw.items()}
        self.links = {}
        for name, t in self.targets.items():
            self.links[name] = [(self.name_of_id[d["id"]], d.get("backtrace"))
                                for d in t.get("dependencies", []) if d["id"] in self.name_of_id]
        self.owners = self.find_owners()

    def rel(self, path):
        path = os.path.realpath(path) if os.path.exists(path) else path
        return os.path.relpath(path, self.source) if inside(path, self.source) else path

    def in_project(self, path):
        return inside(path, self.source) and not inside(path, self.build)

    def sources(self, name):
        out = []
        for s in self.targets[name].get("sources", []):
            if s.get("isGenerated"):
                continue
            path = s["path"] if os.path.isabs(s["path"]) else os.path.join(self.source, s["path"])
            path = os.path.realpath(path)
            if self.in_project(path):
                out.append((path, s.get("compileGroupIndex")))
        return out

    def find_owners(self):
        """folder (absolute) -> set of target names, and whether it owns its subfolders."""
        owners = {}
        layers = os.path.join(self.build, "layers")
        for name in self.targets:
            root = os.path.join(layers, name)
            layered = False
            if os.path.isdir(root):
                for dirpath, dirnames, filenames in os.walk(root):
                    for entry in dirnames + filenames:
                        link = os.path.join(dirpath, entry)
                        if os.path.islink(link):
                            folder = os.path.realpath(link)
                            owners.setdefault(folder, (set(), True))[0].add(name)
                            layered = True
            if not layered:
                for path, _ in self.sources(name):
                    owners.setdefault(os.path.dirname(path), (set(), False))[0].add(name)
        return owners

    def owner_of(self, path):
        """The targets owning the file: the deepest layer folder holding it, else its own folder's
        source-owners; a header under .../include/<ns>/<sub>/ belongs to whoever owns .../src/<sub>/."""
        folder = os.path.dirname(path)
        best = None
        for f, (names, recursive) in self.owners.items():
            if (recursive and inside(folder, f)) or f == folder:
                if best is None or len(f) > len(best):
                    best = f
        if best is not None:
            return self.owners[best][0]
        parts = folder.split(os.sep)
        if "include" in parts:
            i = len(parts) - 1 - parts[::-1].index("include")
            if len(parts) >= i + 3:
                src = os.sep.join(parts[:i] + ["src"] + parts[i + 2:])
                if src in self.owners:
                    return self.owners[src][0]
        return set()

    def closure(self, name):
        seen, todo = set(), [name]
        while todo:
            for dep, _ in self.links.get(todo.pop(), []):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    def include_dirs(self, name):
        t = self.targets[name]
        groups = []
        for g in t.get("compileGroups", []):
            groups.append([os.path.realpath(i["path"]) for i in g.get("includes", [])])
        return groups

    def files_of(self, name):
        """The target's own source files, each with the include path it is compiled with."""
        groups = self.include_dirs(name)
        every = list(dict.fromkeys(d for g in groups for d in g))
        return {path: groups[group] if group is not None and group < len(groups) else every
                for path, group in self.sources(name)}

    def headers(self):
        """Each header in an owned folder, with the targets owning it: it may include what any of
        them may, on the include paths of any of them."""
        out = {}
        for folder, (names, recursive) in self.owners.items():
            for dirpath, dirnames, filenames in os.walk(folder):
                if not recursive:
                    dirnames[:] = []
                for fn in filenames:
                    path = os.path.join(dirpath, fn)
                    if fn.endswith(HEADER_SUFFIXES) and path not in out:
                        owners = self.owner_of(path)
                        if owners:
                            out[path] = owners
        return out

    def every_include_dir(self):
        if not hasattr(self, "_every"):
            dirs = [self.source]
            for name in sorted(self.targets):
                for g in self.include_dirs(name):
                    dirs += [d for d in g if self.in_project(d) or inside(d, os.path.join(self.build, "layers"))]
            self._every = list(dict.fromkeys(dirs))
        return self._every

    def resolve(self, path, include, dirs, quoted):
        tries = ([os.path.dirname(path)] if quoted else []) + dirs
        for d in tries:
            candidate = os.path.join(d, include)
            if os.path.isfile(candidate):
                return os.path.realpath(candidate)
        return None

    def check(self):
        names = sorted(n for n, t in self.targets.items() if t["type"] != "UTILITY")
        for name in names:
            if CORE_TARGET.match(name):
                self.check_core_links(name)
            self.check_include_paths(name)
        for name in names:
            allowed = {name} | self.closure(name)
            for path, dirs in sorted(self.files_of(name).items()):
                self.check_file(name, allowed, path, dirs)
        for path, owners in sorted(self.headers().items()):
            allowed, dirs = set(owners), []
            for owner in sorted(owners):
                allowed |= self.closure(owner)
                dirs += [d for g in self.include_dirs(owner) for d in g]
            self.check_file(", ".join(sorted(owners)), allowed, path, list(dict.fromkeys(dirs)))
        self.check_dotdot()
        unique = {}
        for p in self.problems:
            unique.setdefault(str(p), p)
        return sorted(unique.values(), key=lambda p: (p.rule, p.path, p.line, p.what))

    def check_core_links(self, name):
        for dep, backtrace in self.links[name]:
            if dep in CORE_MAY_LINK or self.targets[dep]["type"] == "UTILITY":
                continue
            path, line = backtrace_place(self.targets[name], backtrace, self.source)
            self.problems.append(Problem(self.rel(path), line,
                                         f"core target {name} links {dep}", "core-link"))

    def check_include_paths(self, name):
        t = self.targets[name]
        wide = {os.path.join(self.source, f).rstrip(os.sep) for f in WIDE_FOLDERS}
        for g in t.get("compileGroups", []):
            for inc in g.get("includes", []):
                # Reported where it is declared, not at each target that inherits it.
                if os.path.realpath(inc["path"]) in wide and declared_here(t, inc.get("backtrace")):
                    path, line = backtrace_place(t, inc.get("backtrace"), self.source)
                    shown = self.rel(os.path.realpath(inc["path"]))
                    shown = "the project root" if shown == "." else shown + "/"
                    self.problems.append(Problem(
                        self.rel(path), line,
                        f"include path {shown} exposes a whole program folder (target {name})",
                        "wide-include-path"))

    def check_file(self, name, allowed, path, dirs):
        core = any(CORE_TARGET.match(n) for n in name.split(", "))
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.readlines()
        except OSError:
            return
        for number, text in enumerate(lines, 1):
            m = INCLUDE.match(text)
            if not m:
                continue
            quoted, include = m.group(1) == '"', m.group(2).strip()
            target = self.resolve(path, include, dirs, quoted)
            if target is None and quoted:
                # Not on the target's include path (a layer's path shows only what it links), so
                # it would not build: find what it means from the project root or any layer.
                target = self.resolve(path, include, self.every_include_dir(), False)
            if target is None or not self.in_project(target):
                if core and not quoted and include not in STANDARD_HEADERS | CORE_EXTRA_SYSTEM_HEADERS:
                    self.problems.append(Problem(
                        self.rel(path), number,
                        f"core target {name} includes <{include}>, not the standard library", "core-link"))
                continue
            owners = self.owner_of(target)
            if not owners:
                self.problems.append(Problem(
                    self.rel(path), number,
                    f'"{include}" is {self.rel(target)}, in a folder no target owns', "upward-include"))
            elif not owners & allowed:
                self.problems.append(Problem(
                    self.rel(path), number,
                    f'"{include}" is {self.rel(target)} of {", ".join(sorted(owners))}, '
                    f"which {name} does not link", "upward-include"))

    def check_dotdot(self):
        for folder in PROGRAM_FOLDERS:
            top = os.path.join(self.source, folder)
            for dirpath, dirnames, filenames in os.walk(top):
                dirnames.sort()
                for fn in sorted(filenames):
                    if not fn.endswith(SOURCE_SUFFIXES + HEADER_SUFFIXES):
                        continue
                    path = os.path.join(dirpath, fn)
                    with open(path, encoding="utf-8", errors="replace") as f:
                        for number, text in enumerate(f, 1):
                            m = INCLUDE.match(text)
                            if m and m.group(2).startswith("../"):
                                self.problems.append(Problem(
                                    self.rel(path), number,
                                    f'#include "{m.group(2)}" walks around the layers: include it rooted',
                                    "dotdot-include"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", required=True, help="the project's source folder")
    parser.add_argument("--build", required=True, help="a configured build folder")
    parser.add_argument("--summary", action="store_true", help="end with a count per rule")
    parser.add_argument("--cmake", default="cmake", help="configures a copy when --build has no reply")
    args = parser.parse_args()
    if os.path.isdir(os.path.join(args.build, ".cmake", "api", "v1", "reply")):
        problems = Layers(args.source, args.build).check()
    else:
        # CMake reads the query tests/layers/CMakeLists.txt writes only from its next run on, so
        # a fresh build has no reply yet: configure the same sources beside it, with the query.
        with tempfile.TemporaryDirectory(prefix="dps-layers-") as build:
            os.makedirs(os.path.join(build, ".cmake", "api", "v1", "query"))
            open(os.path.join(build, ".cmake", "api", "v1", "query", "codemodel-v2"), "w").close()
            print(f"{args.build} has no file API reply yet: configuring {args.source} in {build}",
                  file=sys.stderr)
            subprocess.run([args.cmake, "-S", args.source, "-B", build, "-G", "Ninja"], check=True,
                           stdout=subprocess.DEVNULL)
            problems = Layers(args.source, build).check()
    for p in problems:
        print(p)
    if args.summary:
        counts = {}
        for p in problems:
            counts[p.rule] = counts.get(p.rule, 0) + 1
        print("layers:", ", ".join(f"{r} {n}" for r, n in sorted(counts.items())) or "no problem")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
