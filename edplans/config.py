"""config.yaml -> a frozen SiteConfig."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from dataclasses import dataclass
from pathlib import Path

from .annotate.fields import Fields
from .errors import ErrorCollector
from .model import Bilingual
from .textfile import MAX_SOURCE_BYTES, read_text

# The memory a build may use, in MB, over all its processes: workers are forked only while
# they fit (build/pipeline.py). 1.5 GB: a 10,000-document build on a small CI machine.
MEMORY_MB = 1500
from .yamlload import load_yaml

LANGUAGES = {"zh": "zh-Hans", "en": "en", "zh-hant": "zh-Hant"}


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    title: Bilingual
    base_url: str
    languages: tuple[str, ...]
    default_language: str
    max_source_bytes: int
    cache_dir: Path | None
    featured_themes: tuple[str, ...] = ()
    featured_line: int | None = None
    memory_mb: int = 1500
    licence: tuple[str, str] = ("", "")     # (name, url) of the dataset's licence

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def preview(self) -> bool:
        """A local build (base_url on this machine): its addresses are not the published
        ones, so citations and robots.txt say it is a preview."""
        return (urlsplit(self.base_url).hostname or "") in LOCAL_HOSTS


LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1"}

# What base_url may be: an http(s) address with a host, and a path with no spaces, quotes or
# angle brackets (a javascript: URL here became links that ran when clicked: issue 16).
SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[^\s\"'<>\\`]*)?$")


def load_config(root: Path, errors: ErrorCollector, base_url: str | None = None) -> SiteConfig | None:
    path = root / "config.yaml"
    text, _, err = read_text(path, "config.yaml") if path.exists() else (None, b"", None)
    if err:
        errors.extend([err])
        return None
    data, lines, err = load_yaml(text or "", "config.yaml")
    if err:
        errors.extend([err])
        return None
    data = {} if data is None else data
    if not isinstance(data, dict):
        errors.add("config.yaml", "must be a mapping of settings (title:, base_url:, …)", line=1)
        return None
    f = Fields("config.yaml", lines, errors)
    f.known_keys(data, ("title", "base_url", "languages", "default_language", "featured_themes", "build",
                        "licence"), "")
    title = f.bilingual(data, "title", "title")
    url = base_url or f.text(data, "base_url", "base_url") or "/"
    if (base_url or data.get("base_url")) and not SAFE_URL.match(url):
        shown = url if len(url) <= 60 else url[:57] + "…"
        message = (f"{shown!r} is not an http(s) address: every permalink, citation and the 404 page's links "
                   "start with it")
        hint = "write the published address, e.g. https://example.github.io/edplans/"
        if base_url:
            errors.add("--base-url", message, hint=hint)
        else:
            f.error(data, "base_url", "base_url", message, hint)
        url = "/"
    raw_languages = data.get("languages") if "languages" in data else ["zh", "en"]
    if not isinstance(raw_languages, list) or not raw_languages:   # `languages: []` no longer falls back
        f.error(data, "languages", "languages", "must be a list such as [zh, en]")
        raw_languages = []
    languages = tuple(str(lang) for lang in raw_languages)
    for lang in languages:
        if lang not in LANGUAGES:
            f.error(data, "languages", "languages", f"unsupported language {lang!r}", "one of: zh, en, zh-hant")
    default = f.choice(data, "default_language", "default_language", languages, required=False) or \
        (languages[0] if languages else "zh")
    build = f.mapping(data, "build", "build", required=False) or {}
    if not languages:
        return None
    f.known_keys(build, ("max_source_bytes", "cache_dir", "memory_mb"), "build")
    max_bytes = f.integer(build, "max_source_bytes", "build.max_source_bytes", required=False,
                          low=1) or MAX_SOURCE_BYTES
    cache = f.text(build, "cache_dir", "build.cache_dir", required=False)
    if cache and (Path(cache).is_absolute() or not (root / cache).resolve().is_relative_to(root.resolve())):
        f.error(build, "cache_dir", "build.cache_dir", f"{cache!r} is outside the project: the build reads its "
                "caches back, so they stay inside it", "a folder in the project, such as .cache/ingest")
        cache = None
    memory = f.integer(build, "memory_mb", "build.memory_mb", required=False, low=100, high=10**6) or MEMORY_MB
    featured = data.get("featured_themes") or []
    if not isinstance(featured, list) or not all(isinstance(x, str) for x in featured):
        f.error(data, "featured_themes", "featured_themes", "must be a list of theme ids",
                "e.g. [teacher-development, vocational-education]")
        featured = []
    licence = f.mapping(data, "licence", "licence", required=False) or {}
    f.known_keys(licence, ("name", "url"), "licence")
    licence_name = f.text(licence, "name", "licence.name", required=False) or ""
    licence_url = f.text(licence, "url", "licence.url", required=False) or ""
    if licence_url and not SAFE_URL.match(licence_url):
        f.error(licence, "url", "licence.url", "must be an http(s) address", "e.g. https://creativecommons.org/licenses/by/4.0/")
    if errors or title is None:
        return None
    return SiteConfig(root, title, url if url.endswith("/") else url + "/", languages, default,
                      max_bytes, root / cache if cache else None, tuple(featured),
                      lines.line(data, "featured_themes"), memory, (licence_name, licence_url))
