"""One module per cleaning rule; the order lives in edplans.ingest.clean.RULES."""
