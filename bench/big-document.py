"""The benchmarks' 1 MB Markdown document (headings, lists, tables,
highlighted Java), in COUNT variants of different content, so that the
first view of each is a real render rather than the render cache.

Writes WORK/big-N.json, a push request body, for N in 0..COUNT-1.
Usage: python3 bench/big-document.py WORK COUNT
"""
import json
import random
import sys

work, count = sys.argv[1], int(sys.argv[2])
for variant in range(count):
    random.seed(variant)
    parts, n = [], 0
    while sum(len(p) for p in parts) < 1024 * 1024:
        n += 1
        words = " ".join(random.choice(["review", "queue", "document", "**bold**", "`code`", "*emphasis*",
                                        "[link](https://example.com)", "platform"]) for _ in range(60))
        parts.append(f"## Section {n}\n\n{words}\n\n- item one\n- item two\n\n| a | b |\n|---|---|\n"
                     f"| {n} | {variant} |\n\n```java\nint x = {n}; // comment\nString s = \"text\";\n```\n\n")
    body = "# Big document\n\n" + "".join(parts)
    with open(f"{work}/big-{variant}.json", "w") as out:
        out.write(json.dumps({"title": f"Big {variant}", "body": body[:1024 * 1024]}))
