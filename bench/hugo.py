"""The same corpus as a Hugo site: the yardstick the build's speed is measured against.

Hugo is a fast, widely used static-site generator; a site with the same text, the same three
languages and the same kind of list pages (per jurisdiction, per theme) tells how far edplans'
times are from what rendering this much text costs. Each document becomes one page per
language: zh is the source text as paragraphs, en the English of en.yaml, zh-hant the source
text again (edplans converts it with OpenCC; Hugo is spared that). The front matter carries
the title and, as taxonomies, the jurisdiction and themes, so Hugo also renders a page per
jurisdiction and per theme and a list of each. The layout is minimal but real HTML.

Debian's hugo is 0.111: `hugo.toml` is read (since 0.110), taxonomy term pages are kind
"term" and the list of terms kind "taxonomy"; taxonomy.html below serves both."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
LANGUAGES = (("zh", "zh-CN", "中文"), ("en", "en", "English"), ("zh-hant", "zh-TW", "繁體中文"))

CONFIG = """baseURL = "http://localhost:1313/"
title = "edplans, as a Hugo site"
defaultContentLanguage = "zh"
defaultContentLanguageInSubdir = true
disableKinds = ["RSS"]
enableRobotsTXT = false

[taxonomies]
  jurisdiction = "jurisdictions"
  theme = "themes"
"""

LAYOUTS = {
    "baseof.html": """<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body>
<nav>{{ range .Site.Home.AllTranslations }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ range .GetTerms "jurisdictions" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<ul>{{ range .GetTerms "themes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ .Content }}
</article>{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
<ul>{{ range $pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "taxonomy.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Kind "taxonomy" }}<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ else }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ end }}
""",
}


def write_hugo_site(project: Path, target: Path) -> int:
    """Write a Hugo project in `target` with the text of `project`'s documents; returns the
    number of documents. Streams one document at a time, so memory stays flat."""
    target.mkdir(parents=True, exist_ok=True)
    target.joinpath("hugo.toml").write_text(CONFIG + _languages_toml(), encoding="utf-8")
    layouts = target / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in LAYOUTS.items():
        layouts.joinpath(name).write_text(text, encoding="utf-8")
    folders = sorted(p for p in (project / "content" / "documents").iterdir() if p.is_dir())
    for folder in folders:
        for lang, text in _document_pages(folder).items():
            page = target / "content" / lang / "documents" / f"{folder.name}.md"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(text, encoding="utf-8")
    return len(folders)


def _languages_toml() -> str:
    parts = ["\n[languages]\n"]
    for weight, (lang, code, name) in enumerate(LANGUAGES, start=1):
        parts.append(f'  [languages.{lang}]\n    languageCode = "{code}"\n    languageName = "{name}"\n'
                     f'    contentDir = "content/{lang}"\n    weight = {weight}\n')
    return "".join(parts)


def _document_pages(folder: Path) -> dict[str, str]:
    """lang -> Markdown page (JSON front matter, then paragraphs) for one document."""
    meta = yaml.load(folder.joinpath("document.yaml").read_text(encoding="utf-8"), Loader=LOADER)
    english = yaml.load(folder.joinpath("en.yaml").read_text(encoding="utf-8"), Loader=LOADER) or {}
    source = folder.joinpath("source.txt").read_text(encoding="utf-8")
    themes = sorted({tag.split("/")[0] for passage in (meta.get("passages") or {}).values()
                     for tag in (passage or {}).get("themes", [])})
    zh_body = _paragraphs(source.splitlines())
    en_body = _paragraphs(entry.get("en", "") for entry in english.values() if isinstance(entry, dict))
    pages = {}
    for lang, title, body in (("zh", meta["title"]["zh"], zh_body), ("en", meta["title"]["en"], en_body),
                              ("zh-hant", meta["title"]["zh"], zh_body)):
        front = {"title": title, "jurisdictions": [meta["jurisdiction"]], "themes": themes}
        pages[lang] = json.dumps(front, ensure_ascii=False, indent=1) + "\n\n" + body
    return pages


def _paragraphs(lines) -> str:
    return "".join(line.strip() + "\n\n" for line in lines if line and line.strip())


def ensure_hugo() -> str:
    """The hugo executable; installs Debian's package (as root) when it is missing."""
    found = shutil.which("hugo")
    if found:
        return found
    install = ["apt-get", "install", "-y", "-qq", "hugo"]
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    if subprocess.run(install, env=env, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=True, capture_output=True)
        subprocess.run(install, env=env, check=True, capture_output=True)
    found = shutil.which("hugo")
    if not found:
        raise RuntimeError("hugo is not installed and could not be installed with apt-get")
    return found


def hugo_version(hugo: str) -> str:
    return subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
