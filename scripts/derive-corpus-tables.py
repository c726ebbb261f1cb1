#!/usr/bin/env python3
"""Derives Mappings/gb-t-2260-regions.tsv and Mappings/document-types.tsv from ../shared/corpus/cn/mappings.

Reads the union of all revisions (code, name, first and last revision) and the MCA 2019-04 list, and
writes the project's own table: one row per code and name, with its level (province, prefecture,
county), the first and last revision it appears in, and whether it is current (in the 2019-04 list
under that name). The document-type table takes the WS/T 500 codes, titles and template ids, and adds
the WS/T 483 documents the project has checked. Run from the package root:
    python3 scripts/derive-corpus-tables.py [CORPUS_MAPPINGS_DIR]
"""
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
source = Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared" / "corpus" / "cn" / "mappings"


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    header = lines[0].split("\t")
    for line in lines[1:]:
        if line:
            yield dict(zip(header, line.split("\t")))


current = {}
for row in rows(source / "gb2260-mca-201904.tsv"):
    current[row["Code"]] = row["Name"]

out = []
for row in rows(source / "gb2260-all-revisions-union.tsv"):
    code, name = row["code"], row["name"]
    if len(code) != 6 or not code.isdigit():
        raise SystemExit(f"unexpected code {code!r}")
    level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
    is_current = "yes" if current.get(code) == name else "no"
    out.append((code, name, level, row["first_revision"], row["last_revision"], is_current))

out.sort(key=lambda r: (r[0], r[3], r[1]))
target = root / "Mappings" / "gb-t-2260-regions.tsv"
with open(target, "w", encoding="utf-8", newline="\n") as handle:
    handle.write("gb-t-2260\tgb-t-2260.display\tlevel\tfirst_revision\tlast_revision\tcurrent\n")
    for r in out:
        handle.write("\t".join(r) + "\n")
print(f"wrote {len(out)} rows to {target.relative_to(root)}")

# WS/T 500 document types (C0001...) plus the checked WS/T 483 ones (HSDA00.01...).
documents = []
for row in rows(source / "wst500-documents.tsv"):
    documents.append((row["document_type_code"], row["title"], row["part"], row["templateId"]))
documents.append(("HSDA00.01", "个人基本健康信息登记", "WS/T 483.1", "2.16.156.10011.2.1.1.1"))
documents.append(("HSDC00.01", "成人健康体检", "WS/T 483.16", "2.16.156.10011.2.1.1.16"))
target = root / "Mappings" / "document-types.tsv"
with open(target, "w", encoding="utf-8", newline="\n") as handle:
    handle.write("cn-shared-document-type\tcn-shared-document-type.display\tstandard\ttemplate_id\n")
    for r in documents:
        handle.write("\t".join(r) + "\n")
print(f"wrote {len(documents)} rows to {target.relative_to(root)}")
