"""Annotations: editors' YAML, validated with file:line errors and merged with the text."""
