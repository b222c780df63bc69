"""Ingest: raw scraped text -> clean text -> section tree."""
