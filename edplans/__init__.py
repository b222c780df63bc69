"""edplans: a bilingual static site that compares Chinese local education plans."""
