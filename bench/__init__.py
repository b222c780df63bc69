"""Benchmark of the product as it is: a synthetic corpus (corpus.py), the same text as a
Hugo site (hugo.py) and the measurements (run.py)."""
