#!/usr/bin/env python3
"""Exact Pareto frontier of a GENIUS negotiation domain folder, in rational arithmetic.

An independent checker: it shares no code, no binary and no floating-point arithmetic with
parley. Every number is read from the XML attribute text with fractions.Fraction, utilities are
exact rationals, and the frontier is found without enumerating packages:

  * utilities are additive over issues, so the reachable partial utility vectors are built issue
    by issue (a convolution: vector -> number of packages reaching it);
  * after each issue, partial vectors that another partial vector strictly Pareto-dominates are
    dropped (a + rest dominates b + rest, and is feasible whenever b + rest is), as are partial
    vectors that cannot reach some party's reservation value whatever the remaining issues;
  * at the end the feasible vectors are kept, then the undominated ones, and their package
    counts are summed.

Each party's utilities are scaled once to integers by the lcm of the denominators of all its
terms, so the inner loops add and compare Python ints only.

Usage: exact_frontier.py DIR [--json] [--list]
  default  one line: "vectors V packages N"
  --json   {"vectors": V, "packages": N, "parties": [...], "frontier": [...] (with --list)}
Exit 0 on success; 2 (with a message naming the file) for anything it cannot read.
"""

import argparse
import bisect
import json
import math
import os
import re
import sys
import xml.etree.ElementTree as ET
from fractions import Fraction

REAL_STEPS = 11  # options a real issue is discretised into unless the file says otherwise


class Refused(Exception):
    """Something in the folder this checker cannot (or will not) read."""

    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")


# ----------------------------------------------------------------------------------------------
# Numbers, exactly from the attribute text

# The decimal syntax strtod accepts for finite numbers (no hex, inf or nan; those are refused).
_NUMBER = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*\Z")


def number(path, elem, name, required=True):
    text = elem.get(name)
    if text is None:
        if required:
            raise Refused(path, f"<{elem.tag}> needs the attribute {name}")
        return None
    if not _NUMBER.match(text):
        raise Refused(path, f"attribute {name} of <{elem.tag}> must be a number, not {text!r}")
    return Fraction(text.strip())


def trunc_int(x):
    """C's (int) conversion of a number: truncation towards zero."""
    return int(x)  # int(Fraction) truncates towards zero


# ----------------------------------------------------------------------------------------------
# Files

def root_kind(path):
    """1: a domain (<negotiation_template>), 2: a profile (<utility_space>), 0: anything else.

    Decided, as the folder rule says, by the first element name in the file's first 4 KiB."""
    try:
        with open(path, "rb") as f:
            buf = f.read(4095)
    except OSError:
        return -1
    p = 0
    while True:
        p = buf.find(b"<", p)
        if p < 0:
            return 0
        p += 1
        if buf[p:p + 1] in (b"?", b"!"):
            continue
        if buf.startswith(b"negotiation_template", p):
            return 1
        if buf.startswith(b"utility_space", p):
            return 2
        return 0


def load(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise Refused(path, f"cannot read: {e.strerror}")
    if b"<!DOCTYPE" in data:
        raise Refused(path, "DOCTYPE declarations are not accepted in GENIUS files")
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise Refused(path, f"malformed XML: {e}")


def first_desc(elem, tag, include_self):
    """First element called tag at or below elem, depth first (document order)."""
    for e in elem.iter(tag):
        if e is elem and not include_self:
            continue
        return e
    return None


def children(elem, tag):
    return [c for c in elem if c.tag == tag]


def make_id(name, fallback):
    """A party id from a profile's name: letters, digits and _-.+ kept, other runs -> '_'."""
    out = []
    for ch in name.encode("utf-8"):
        if len(out) >= 60:
            break
        c = chr(ch)
        if ch < 128 and (c.isalnum() or c in "_-.+"):
            out.append(c)
        elif out and out[-1] != "_":
            out.append("_")
    s = "".join(out).rstrip("_")
    return s if s else fallback


def unique_ids(ids):
    ids = list(ids)
    for i in range(1, len(ids)):
        if ids[i] in ids[:i]:
            s = 2
            while f"{ids[i][:60]}_{s}" in ids[:i]:
                s += 1
            ids[i] = f"{ids[i][:60]}_{s}"
    return ids


# ----------------------------------------------------------------------------------------------
# Domain

class Issue:
    def __init__(self, name, index, kind):
        self.name = name
        self.index = index
        self.kind = kind  # "discrete", "integer", "real"
        self.values = []  # discrete: item values
        self.numbers = []  # integer / real: the options' numbers (Fractions)
        self.lo = None

    @property
    def n_options(self):
        return len(self.values) if self.kind == "discrete" else len(self.numbers)


def read_domain(path):
    root = load(path)
    if root.tag not in ("negotiation_template", "utility_space"):
        raise Refused(path, f"not a GENIUS domain: the root element is <{root.tag}>")
    obj = first_desc(root, "objective", include_self=True)
    if obj is None:
        raise Refused(path, "the domain has no <objective> holding its issues")
    issues = []
    for c in children(obj, "issue"):
        index = trunc_int(number(path, c, "index"))
        name = c.get("name", "")
        kind = c.get("etype")
        if kind is None:
            kind = c.get("type")
        if kind is None:
            kind = "discrete"
        q = Issue(name, index, kind)
        if kind == "discrete":
            items = children(c, "item")
            if not items:
                raise Refused(path, f"discrete issue {name!r} has no <item>")
            for it in items:
                v = it.get("value")
                if v is None:
                    raise Refused(path, f"an <item> of issue {name!r} has no value")
                q.values.append(v)
        elif kind in ("integer", "real"):
            rn = c
            if kind == "real":
                for k in children(c, "range"):
                    rn = k  # the last <range>
            lo = number(path, rn, "lowerbound")
            hi = number(path, rn, "upperbound")
            if hi < lo:
                raise Refused(path, f"issue {name!r}: upperbound is below lowerbound")
            if kind == "integer":
                lo = Fraction(math.ceil(lo))
                hi = Fraction(math.floor(hi))
                count = hi - lo + 1
                if count < 1:
                    raise Refused(path, f"issue {name!r} has no integer between its bounds")
                q.numbers = [lo + o for o in range(int(count))]
            else:
                steps = Fraction(REAL_STEPS)
                st = number(path, c, "numberofdiscretizationsteps", required=False)
                if st is not None:
                    steps = max(st, Fraction(2))
                m = math.floor(steps) if hi > lo else 1
                q.numbers = [lo] if m == 1 else [lo + (hi - lo) * Fraction(o, m - 1) for o in range(m)]
            q.lo = lo
        else:
            raise Refused(path, f"issue {name!r} has type {kind!r}; only discrete, integer and real are read")
        issues.append(q)
    if not issues:
        raise Refused(path, "the domain has no issues")
    return issues


def issue_by_index(issues, index):
    for i, q in enumerate(issues):
        if q.index == index:
            return i
    return -1


# ----------------------------------------------------------------------------------------------
# Profiles: per party, the reservation value and the exact term w_i * e_i(o) of every option

def read_profile(path, issues):
    root = load(path)
    if root.tag != "utility_space":
        raise Refused(path, f"not a GENIUS profile: the root element is <{root.tag}>")
    reservation = Fraction(0)
    for c in root:
        if c.tag == "reservation":
            x = number(path, c, "value")
            if x < 0 or x > 1:
                raise Refused(path, "reservation value is outside [0, 1]")
            reservation = x
        elif c.tag == "discount_factor":
            number(path, c, "value")  # read for validity only; discounting is ignored (t = 0)
    if root.get("type") == "nonlinear":
        raise Refused(path, "a non-linear (ANAC 2014 hyper-rectangle) profile; this checker reads linear profiles only")
    obj = first_desc(root, "objective", include_self=False)
    if obj is None:
        raise Refused(path, "the profile has no <objective>")
    own_index = number(path, obj, "index", required=False)
    if own_index is None:
        own_index = Fraction(-1)  # as parley: absent reads as -1
    N = len(issues)
    weight = [None] * N
    evals = [None] * N  # per issue: list of e(o) for every option
    for c in obj:
        if c.tag == "weight":
            idx = number(path, c, "index")
            w = number(path, c, "value")
            i = issue_by_index(issues, trunc_int(idx))
            if i < 0 and idx == own_index:
                continue  # a weight on the objective itself: ignored
            if i < 0:
                raise Refused(path, f"weight for issue index {idx}, which the domain does not have")
            if w < 0:
                raise Refused(path, f"weight of issue {issues[i].name!r} is negative")
            if weight[i] is not None:
                raise Refused(path, f"a second weight for issue {issues[i].name!r}")
            weight[i] = w
            continue
        if c.tag != "issue":
            continue
        idx = number(path, c, "index")
        i = issue_by_index(issues, trunc_int(idx))
        if i < 0:
            raise Refused(path, f"issue index {idx} is not in the domain")
        q = issues[i]
        if q.kind == "discrete":
            ev = [None] * q.n_options
            top = Fraction(0)
            for it in children(c, "item"):
                v = it.get("value")
                if v is None:
                    raise Refused(path, f"an <item> of issue {q.name!r} has no value")
                e = number(path, it, "evaluation")
                if e < 0:
                    raise Refused(path, f"evaluation of {v!r} in issue {q.name!r} is negative")
                try:
                    o = q.values.index(v)
                except ValueError:
                    raise Refused(path, f"issue {q.name!r} has no value {v!r} in the domain")
                ev[o] = e
                top = max(top, e)
            for o, e in enumerate(ev):
                if e is None:
                    raise Refused(path, f"no evaluation for value {q.values[o]!r} of issue {q.name!r}")
            evals[i] = [e / top if top > 0 else Fraction(0) for e in ev]
        else:
            evs = children(c, "evaluator")
            if not evs:
                raise Refused(path, f"issue {q.name!r} has no <evaluator>")
            ev = evs[-1]
            ftype = ev.get("ftype")
            if ftype is not None and ftype != "linear":
                raise Refused(path, f"evaluator type {ftype!r} of issue {q.name!r} is not supported (only linear)")
            integer = q.kind == "integer"
            a = number(path, ev, "offset" if integer else "parameter0")
            b = number(path, ev, "slope" if integer else "parameter1")
            out = []
            for x in q.numbers:
                y = a + b * ((x - q.lo) if integer else x)
                out.append(min(max(y, Fraction(0)), Fraction(1)))
            evals[i] = out
    for i, q in enumerate(issues):
        if weight[i] is None:
            raise Refused(path, f"no <weight> for issue {q.name!r} (index {q.index})")
        if evals[i] is None:
            if weight[i] > 0:
                raise Refused(path, f"no evaluation for issue {q.name!r}")
            evals[i] = [Fraction(0)] * q.n_options
    terms = [[weight[i] * e for e in evals[i]] for i in range(N)]
    return reservation, terms


def read_folder(folder):
    try:
        names = sorted(n for n in os.listdir(folder) if len(n) >= 5 and n.endswith(".xml"))
    except OSError as e:
        raise Refused(folder, f"cannot open the folder: {e.strerror}")
    # byte order of the names, as strcmp sorts them
    names.sort(key=lambda n: n.encode("utf-8", "surrogateescape"))
    domain, profiles = None, []
    for n in names:
        p = os.path.join(folder, n)
        k = root_kind(p)
        if k == 1:
            if domain is not None:
                raise Refused(folder, f"the folder holds two domain files ({domain} and {p})")
            domain = p
        elif k == 2:
            profiles.append(p)
    if domain is None:
        raise Refused(folder, "no GENIUS domain file (<negotiation_template>) in the folder")
    if not profiles:
        raise Refused(folder, "no GENIUS profiles (<utility_space>) in the folder")
    issues = read_domain(domain)
    parties = []
    for p in profiles:
        base = os.path.basename(p)[:-4]
        parties.append((make_id(base, "party"), read_profile(p, issues)))
    ids = unique_ids([pid for pid, _ in parties])
    return issues, ids, [prof for _, prof in parties]


# ----------------------------------------------------------------------------------------------
# Strict Pareto filters on distinct integer vectors (every input vector is distinct)

def undominated(vectors):
    """The vectors (distinct tuples) that no other vector of the list strictly dominates."""
    if not vectors:
        return []
    d = len(vectors[0])
    if d == 1:
        best = max(vectors)
        return [best]
    if d == 2:
        out = []
        best = None
        for v in sorted(vectors, reverse=True):  # x descending, then y descending
            if best is None or v[1] > best:
                out.append(v)
                best = v[1]
        return out
    if d == 3:
        # x descending: only earlier vectors can dominate a later one. A staircase of the
        # (y, z) of the kept vectors, y ascending and z descending, answers "is there an earlier
        # (y', z') >= (y, z)?" with one binary search.
        ys, zs, out = [], [], []
        for v in sorted(vectors, reverse=True):
            y, z = v[1], v[2]
            k = bisect.bisect_left(ys, y)
            if k < len(ys) and zs[k] >= z:
                continue
            out.append(v)
            # drop staircase entries with y' <= y and z' <= z, then insert (y, z)
            r = bisect.bisect_right(ys, y)
            l = r
            while l > 0 and zs[l - 1] <= z:
                l -= 1
            ys[l:r] = [y]
            zs[l:r] = [z]
        return out
    # d >= 4: decreasing sum; a vector can only be dominated by one of larger sum, which is
    # already decided by then, and a dominated vector is dominated by an undominated one.
    # The kept vectors are tried in move-to-front order: the last one found dominating is tried
    # first next time (a few strong vectors dominate most of the others).
    dominates = _dominance_test(d)
    out, tries = [], []
    for v in sorted(vectors, key=sum, reverse=True):
        for i, k in enumerate(tries):
            if dominates(k, v):
                if i:
                    tries.insert(0, tries.pop(i))
                break
        else:
            out.append(v)
            tries.append(v)
    return out


_TESTS = {}


def _dominance_test(d):
    if d not in _TESTS:
        body = " and ".join(f"a[{j}] >= b[{j}]" for j in range(d))
        _TESTS[d] = eval(f"lambda a, b: {body}")  # a >= b everywhere (a != b: vectors distinct)
    return _TESTS[d]


# ----------------------------------------------------------------------------------------------
# The frontier

def frontier(issues, profiles):
    P = len(profiles)
    N = len(issues)
    # per party, one common denominator for all its terms: utilities become integers
    scale = []
    for res, terms in profiles:
        den = 1
        for row in terms:
            for t in row:
                den = den * t.denominator // math.gcd(den, t.denominator)
        scale.append(den)
    # per issue: the options' integer vectors, merged when equal (vector -> options)
    per_issue = []
    for i in range(N):
        opts = {}
        for o in range(issues[i].n_options):
            vec = tuple(int(profiles[p][1][i][o] * scale[p]) for p in range(P))
            opts[vec] = opts.get(vec, 0) + 1
        per_issue.append(list(opts.items()))
    # reservation thresholds on the integer scale: U >= r  <=>  U * D >= ceil(r * D)
    need = [math.ceil(profiles[p][0] * scale[p]) for p in range(P)]
    # what the issues after position i can still add at most, per party
    rest_max = [[0] * P for _ in range(N + 1)]
    for i in range(N - 1, -1, -1):
        for p in range(P):
            rest_max[i][p] = rest_max[i + 1][p] + max(v[p] for v, _ in per_issue[i])

    cur = {tuple([0] * P): 1}
    stats = []
    for i in range(N):
        nxt = {}
        get = nxt.get
        opts = per_issue[i]
        for vec, cnt in cur.items():
            for ov, oc in opts:
                s = tuple(a + b for a, b in zip(vec, ov))
                nxt[s] = get(s, 0) + cnt * oc
        hope = rest_max[i + 1]
        reachable = [v for v in nxt if all(v[p] + hope[p] >= need[p] for p in range(P))]
        kept = undominated(reachable)
        stats.append((len(nxt), len(kept)))
        cur = {v: nxt[v] for v in kept}
    feasible = [v for v in cur if all(v[p] >= need[p] for p in range(P))]
    front = undominated(feasible)
    result = [(tuple(Fraction(v[p], scale[p]) for p in range(P)), cur[v]) for v in front]
    result.sort(key=lambda r: r[0], reverse=True)
    return result, stats


def main(argv=None):
    ap = argparse.ArgumentParser(description="Exact Pareto frontier of a GENIUS domain folder.")
    ap.add_argument("dir")
    ap.add_argument("--json", action="store_true", help="print JSON")
    ap.add_argument("--list", action="store_true", help="with --json, list the frontier vectors")
    ap.add_argument("--stats", action="store_true", help="partial-set sizes per issue, on stderr")
    args = ap.parse_args(argv)
    try:
        issues, ids, profiles = read_folder(args.dir.rstrip("/") or "/")
    except Refused as e:
        print(f"exact_frontier: {e}", file=sys.stderr)
        return 2
    result, stats = frontier(issues, profiles)
    if args.stats:
        for i, (a, b) in enumerate(stats):
            print(f"issue {i + 1}: {a} partial vectors, {b} kept", file=sys.stderr)
    V = len(result)
    npk = sum(c for _, c in result)
    if args.json:
        out = {"vectors": V, "packages": npk, "parties": ids}
        if args.list:
            out["frontier"] = [
                {"utilities": [f"{u.numerator}/{u.denominator}" for u in vec], "packages": c}
                for vec, c in result
            ]
        print(json.dumps(out))
    else:
        print(f"vectors {V} packages {npk}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
