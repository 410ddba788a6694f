#!/usr/bin/env python3
"""Writes a generated Hub tree (benches/gen_hf_tree.py's CSV) as a Hub metadata snapshot in Parquet.

The layout is the `models` split of the hub-stats dataset: id, author, createdAt (a timestamp),
downloads, likes, pipeline_tag, library_name and tags (list<string>) holding
`base_model:<relation>:<id>`, `base_model:<id>`, `license:<id>`, a `dataset:<id>` on some rows and
`region:us`; zstd-compressed, row groups of 100k rows as the published files have.
Needs pyarrow. Usage: gen_hub_snapshot.py TREE.csv OUT.parquet
"""
import csv
import datetime
import sys
import zlib

import pyarrow as pa
import pyarrow.parquet as pq

LICENSES = ["apache-2.0", "mit", "llama2", "llama3", "gemma", "cc-by-nc-4.0", "openrail", "other"]
DATASETS = ["HuggingFaceH4/ultrachat_200k", "tatsu-lab/alpaca", "Open-Orca/OpenOrca"]
GROUP = 100_000


def tags_of(row):
    h = zlib.crc32(row["id"].encode())
    tags = ["transformers", "region:us", "license:" + LICENSES[h % len(LICENSES)]]
    bases = [b for b in row["base_model"].split(",") if b]
    for b in bases:
        tags.append("base_model:" + b)
        tags.append("base_model:%s:%s" % (row["base_model_relation"], b))
    if h % 7 == 0:
        tags.append("dataset:" + DATASETS[h % len(DATASETS)])
    return tags


def main():
    src, out = sys.argv[1], sys.argv[2]
    schema = pa.schema([
        ("id", pa.string()), ("author", pa.string()),
        ("createdAt", pa.timestamp("ms", tz="UTC")), ("downloads", pa.int64()),
        ("likes", pa.int64()), ("pipeline_tag", pa.string()), ("library_name", pa.string()),
        ("tags", pa.list_(pa.string())),
    ])
    writer = pq.ParquetWriter(out, schema, compression="zstd")
    cols = {name: [] for name in schema.names}

    def flush():
        writer.write_table(pa.table(cols, schema=schema))
        for v in cols.values():
            v.clear()

    with open(src, newline="") as f:
        for row in csv.DictReader(f):
            h = zlib.crc32(row["id"].encode())
            cols["id"].append(row["id"])
            cols["author"].append(row["author"])
            day = datetime.datetime.fromisoformat(row["created_at"][:10])
            cols["createdAt"].append(day.replace(tzinfo=datetime.timezone.utc))
            cols["downloads"].append(h % 100_000)
            cols["likes"].append(h % 500)
            cols["pipeline_tag"].append("text-generation")
            cols["library_name"].append("transformers")
            cols["tags"].append(tags_of(row))
            if len(cols["id"]) == GROUP:
                flush()
    if cols["id"]:
        flush()
    writer.close()


if __name__ == "__main__":
    main()
