"""Quality gates over the built site: valid HTML, links, page structure.

Counts of pages checked are printed by tests/conftest.py's terminal summary (see counts.py).
The `checker` marker (registered in pyproject.toml) tags tests that run vnu.jar through Java
from node_modules, which `make test` installs with `npm ci`."""
