"""Render: the merged corpus -> HTML pages, data files and a sitemap."""
