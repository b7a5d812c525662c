#!/usr/bin/env python3
"""Writes data files the way a Datasphere replication flow writes them to a cloud storage target, for the tests that
read them back through Glue with Trino (SAP Datasphere, "Cloud Storage Provider Targets for Replication Flows":
part-*.parquet or CSV files holding the source columns plus __operation_type, __sequence_number and __timestamp).

Usage: write_replica_files.py SPEC.json OUT_FILE
SPEC: {"format": "parquet"|"csv", "delimiter": ",", "header": true,
       "columns": [{"name": "...", "type": "<Hive type>"}], "rows": [[value, ...], ...]}
Values are JSON: strings for decimals ("1234.50"), dates ("2026-11-30"), timestamps ("2026-11-30 08:15:00.123456")
and binary (base64); numbers and booleans as they are; null for NULL.
"""
import base64
import datetime
import decimal
import json
import re
import sys

import pyarrow as pa
import pyarrow.parquet as pq


def arrow_type(hive):
    m = re.fullmatch(r"decimal\((\d+),(\d+)\)", hive)
    if m:
        return pa.decimal128(int(m.group(1)), int(m.group(2)))
    if hive == "string" or hive.startswith("varchar(") or hive.startswith("char("):
        return pa.string()
    return {"boolean": pa.bool_(), "tinyint": pa.int8(), "smallint": pa.int16(), "int": pa.int32(),
            "bigint": pa.int64(), "float": pa.float32(), "double": pa.float64(), "date": pa.date32(),
            "timestamp": pa.timestamp("us"), "binary": pa.binary()}[hive]


def python_value(hive, value):
    if value is None:
        return None
    if hive.startswith("decimal("):
        return decimal.Decimal(value)
    if hive == "date":
        return datetime.date.fromisoformat(value)
    if hive == "timestamp":
        return datetime.datetime.fromisoformat(value)
    if hive == "binary":
        return base64.b64decode(value)
    return value


def text_value(hive, value):
    if value is None:
        return "\\N"  # LazySimpleSerDe's default null format
    if hive == "boolean":
        return "true" if value else "false"
    return str(value)


def main(spec_path, out_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    columns = spec["columns"]
    if spec["format"] == "parquet":
        arrays = []
        for i, column in enumerate(columns):
            values = [python_value(column["type"], row[i]) for row in spec["rows"]]
            arrays.append(pa.array(values, type=arrow_type(column["type"])))
        table = pa.Table.from_arrays(arrays, names=[c["name"] for c in columns])
        pq.write_table(table, out_path, compression="snappy")
        return
    delimiter = spec.get("delimiter", ",")
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        if spec.get("header", True):
            f.write(delimiter.join(c["name"] for c in columns) + "\n")
        for row in spec["rows"]:
            f.write(delimiter.join(text_value(c["type"], v) for c, v in zip(columns, row)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
