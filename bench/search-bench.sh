#!/usr/bin/env bash
# Search over 10,000 documents through REST: latency of GET /v1/search for
# words, a phrase, a prefix, a rare word and a word with filters, each
# request alternated with a plain document GET as the baseline of the same
# run (A B A B ...), after a warm-up; medians and 99th percentiles as the
# client on loopback sees them (keep-alive connection, Python's http.client).
#
# Needs: python3, curl. Usage: bench/search-bench.sh [documents] [requests per kind]
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-10000}
REQUESTS=${2:-200}
JAR=target/mcq.jar
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
source bench/lib.sh
machine_line
start_server subject "$JAR"

python3 - "$base_subject" "$token_subject" "$DOCS" "$REQUESTS" <<'PY'
import http.client, json, random, statistics, sys, time, urllib.parse
from concurrent.futures import ThreadPoolExecutor
base, token, docs, requests = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host = urllib.parse.urlparse(base)
random.seed(7)
# A vocabulary with a long tail, as prose has: a few words everywhere, most rare.
common = "the review queue document agent plan change retry policy server database search index revision".split()
rare = [f"term{i:05d}" for i in range(20000)]
def text(n):
    return " ".join(random.choice(common) if random.random() < 0.6 else random.choice(rare) for _ in range(n))
def push(i):
    c = http.client.HTTPConnection(host.hostname, host.port)
    body = json.dumps({"title": f"Document {i} {text(4)}", "body": f"# Document {i}\n\n" + "\n\n".join(text(60) for _ in range(8))})
    c.request("PUT", f"/v1/documents/doc-{i:05d}", body, {"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    r = c.getresponse(); r.read(); assert r.status in (200, 201), r.status
started = time.time()
with ThreadPoolExecutor(8) as pool:
    list(pool.map(push, range(docs)))
print(f"pushed {docs} documents (about 3 KB each) in {time.time() - started:.1f} s")

conn = http.client.HTTPConnection(host.hostname, host.port)
headers = {"Authorization": f"Bearer {token}"}
def get(path):
    t = time.perf_counter()
    conn.request("GET", path, headers=headers)
    r = conn.getresponse(); body = r.read()
    assert r.status == 200, (path, r.status, body[:200])
    return (time.perf_counter() - t) * 1000, body
# The first search brings the index up to date with every push; time it apart.
ms, body = get("/v1/search?q=" + urllib.parse.quote("retry"))
print(f"first search (indexes whatever is still pending): {ms:.0f} ms")
kinds = {
    "common word (matches most documents)": lambda: "retry",
    "two common words": lambda: "review plan",
    "phrase": lambda: '"queue document"',
    "prefix": lambda: f"term{random.randint(0, 199):03d}*",
    "rare word": lambda: random.choice(rare),
    "word + is:unread status:pending": lambda: "policy is:unread status:pending",
}
for kind, query in kinds.items():
    for _ in range(20):  # warm-up
        get("/v1/search?q=" + urllib.parse.quote(query())); get("/v1/documents/doc-00001")
    base_ms, search_ms, totals = [], [], []
    for _ in range(requests):
        base_ms.append(get("/v1/documents/doc-00001")[0])
        ms, body = get("/v1/search?q=" + urllib.parse.quote(query()))
        search_ms.append(ms); totals.append(json.loads(body)["total"])
    p = lambda xs, q: sorted(xs)[min(len(xs) - 1, int(q * len(xs)))]
    print(f"{kind:40s} search p50 {statistics.median(search_ms):6.1f} ms  p99 {p(search_ms, 0.99):6.1f} ms"
          f"  | document GET p50 {statistics.median(base_ms):5.1f} ms  p99 {p(base_ms, 0.99):5.1f} ms"
          f"  | matches: median {int(statistics.median(totals))}")
PY
pid=$(eval echo "\$pid_subject")
echo "resident memory after: $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"); index file $(du -h "$work/subject-srv/mcq.search.db" | cut -f1)"
