#!/usr/bin/env python3
"""Verify a Tongban random inspection draw (双随机、一公开) from its open JSON.

Usage:
    python3 verify-draw.py plan.json
    python3 verify-draw.py https://<portal>/api/open/inspections/<plan>.json
    curl -s https://<portal>/api/open/inspections/<plan>.json | python3 verify-draw.py -

Only Python 3's standard library is used. The method (docs/inspections.md):
    n   = first 8 bytes of SHA-256(UTF-8 of seed + ":" + id), big-endian unsigned
    u   = (n + 0.5) / 2^64                       (exact, strictly between 0 and 1)
    key = u^(1/w), truncated to 20 decimal places, computed exactly as
          floor( floor((2n+1) * 10^(20*w) / 2^65) ^ (1/w) )  (integer w-th root)
    the k largest keys are drawn; equal keys by id ascending.
Inspectors are drawn per drawn entity, weight 1, under the id "<entity id>/<inspector id>",
from the inspectors without a conflict.

Prints what it recomputed and exits 0 when every key and every drawn id matches the
published ones, 1 otherwise. With --ids it prints only the recomputed drawn ids as JSON.
"""
import hashlib
import json
import sys
import urllib.request

DIGITS = 20


def integer_root(x, k):
    """The largest integer r with r**k <= x."""
    if x < 2 or k == 1:
        return x
    r = 1 << -(-x.bit_length() // k)  # 2^ceil(bits/k) is above the root
    while True:
        nxt = ((k - 1) * r + x // r ** (k - 1)) // k
        if nxt >= r:
            break
        r = nxt
    while r ** k > x:
        r -= 1
    while (r + 1) ** k <= x:
        r += 1
    return r


def key_scaled(seed, ident, w):
    """floor(u^(1/w) * 10^20) for the candidate `ident` of weight w."""
    digest = hashlib.sha256(f"{seed}:{ident}".encode("utf-8")).digest()
    n = int.from_bytes(digest[:8], "big")
    radicand = ((2 * n + 1) * 10 ** (DIGITS * w)) // 2 ** 65
    return integer_root(radicand, w)


def fmt(k):
    return "0." + str(k).rjust(DIGITS, "0")


def ranked(seed, items):
    """[(id, key string)] by key descending, then id ascending."""
    keyed = [(key_scaled(seed, i, w), i) for i, w in items]
    keyed.sort(key=lambda t: (-t[0], t[1]))
    return [(i, fmt(k)) for k, i in keyed]


def load(src):
    if src == "-":
        return json.load(sys.stdin)
    if src.startswith("http://") or src.startswith("https://"):
        with urllib.request.urlopen(src) as r:
            return json.load(r)
    with open(src, encoding="utf-8") as f:
        return json.load(f)


def verify(plan):
    seed, k = plan["seed"], plan["sampleSize"]
    ok = True
    order = ranked(seed, [(c["id"], c["weight"]) for c in plan["candidates"]])
    published = {c["id"]: c.get("key") for c in plan["candidates"]}
    for i, key in order:
        if published[i] is not None and published[i] != key:
            ok = False
            print(f"key mismatch for {i}: published {published[i]}, recomputed {key}")
    drawn = [i for i, _ in order[:k]] if plan.get("drawn") else []
    if plan.get("drawn") and drawn != plan["drawn"]:
        ok = False
        print(f"drawn mismatch: published {plan['drawn']}, recomputed {drawn}")
    inspectors = {}
    for d in plan.get("inspectorDraws", []):
        entity = d["entity"]
        pool = [(f"{entity}/{c['id']}", 1) for c in d["candidates"]]
        got = [i.split("/", 1)[1] for i, _ in ranked(seed, pool)[: plan["inspectorsPerEntity"]]]
        for c in d["candidates"]:
            want = fmt(key_scaled(seed, f"{entity}/{c['id']}", 1))
            if c.get("key") is not None and c["key"] != want:
                ok = False
                print(f"inspector key mismatch for {entity}/{c['id']}")
        if got != d["drawn"]:
            ok = False
            print(f"inspector mismatch for {entity}: published {d['drawn']}, recomputed {got}")
        inspectors[entity] = got
    return ok, drawn, inspectors


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__)
        return 2
    plan = load(args[0])
    ok, drawn, inspectors = verify(plan)
    if "--ids" in argv:
        print(json.dumps({"drawn": drawn, "inspectors": inspectors, "ok": ok}))
        return 0 if ok else 1
    print(f"plan {plan.get('plan')}: seed {plan['seed']}, {len(plan['candidates'])} candidates, k = {plan['sampleSize']}")
    for i in drawn:
        print(f"  drawn {i}: inspectors {', '.join(inspectors.get(i, []))}")
    print("OK: the published draw is reproduced." if ok else "MISMATCH: see above.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
