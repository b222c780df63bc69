"""Frozen objects the whole build passes around: resolved once, then only read."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Bilingual:
    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Passage:
    id: str                      # "p-2-5-1": section path + position in the section
    section_id: str
    index: int
    lead: str | None             # lead sentence used as the passage's title, without its 。
    text: str                    # canonical simplified text, the whole paragraph
    original: str                # the same paragraph in the script it was published in
    sentences: tuple[str, ...]
    start_line: int
    end_line: int
    themes: tuple[str, ...] = ()        # curated tags, main first: "teacher-development/growth"
    lead_en: str | None = None
    targets: tuple["Target", ...] = ()  # in text order
    en: str | None = None               # English translation (en.yaml), when current
    en_note: str | None = None          # translator's note
    en_line: int | None = None          # line of its `en:` in en.yaml
    annotation_line: int | None = None  # line of its entry under `passages:` in document.yaml
    not_themes: tuple[tuple[str, str], ...] = ()   # (theme, why not) signed off by an editor

    @property
    def theme_ids(self) -> tuple[str, ...]:
        """Distinct themes, main first, without sub-topics."""
        return tuple(dict.fromkeys(tag.split("/")[0] for tag in self.themes))

    @property
    def body(self) -> str:
        """The paragraph without its lead sentence (shown after the bold lead)."""
        if self.lead is None:
            return self.text
        return self.text[len(self.sentences[0]):]


@dataclass(frozen=True)
class Section:
    id: str                      # "2-1-k1": numbering path, stable across edits elsewhere
    kind: str                    # preamble | part | subsection | item | box | heading
    number: int | None
    label: str                   # the numbering as printed: "二、", "（一）", "5.", "重点工程一："
    title: str                   # canonical simplified
    title_en: str | None
    start_line: int
    jurisdiction: str
    passages: tuple[Passage, ...] = ()
    children: tuple["Section", ...] = ()
    heading_original: str = ""   # label + title in the script the source was published in

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Subtopic:
    id: str
    name: Bilingual


@dataclass(frozen=True)
class Theme:
    id: str
    name: Bilingual
    description: Bilingual
    keywords: tuple[str, ...]
    subtopics: tuple[Subtopic, ...]
    featured: bool = False
    tag_hints: tuple[str, ...] = ()      # words that, in a passage, speak of this theme: `check` reports one untagged


@dataclass(frozen=True)
class Indicator:
    id: str
    name: Bilingual
    theme: str
    subtopic: str | None
    unit: Bilingual
    higher_is_better: bool
    description: Bilingual | None = None
    across_levels: bool = False  # a share or rate: figures of different levels of government compare
    within: str | None = None     # province | prefecture: a scheme of that level, compared only inside one
    unit_one: str | None = None  # the English unit for a figure of exactly 1 ("school" for "schools")


@dataclass(frozen=True)
class GlossaryTerm:
    id: str
    zh: str                      # canonical simplified form
    en: str                      # the English every translation uses
    aliases: tuple[str, ...]     # other forms in the texts, traditional spellings
    en_variants: tuple[str, ...]        # other English the texts may use for it
    definition: Bilingual
    themes: tuple[str, ...]
    variant_reasons: tuple[tuple[str, str], ...] = ()   # (variant, why it is right where used)
    not_forms: tuple[str, ...] = ()      # longer words containing zh that are not the term (预算编制)

    def variant_reason(self, form: str) -> str | None:
        form = form.strip('"').lower()
        return next((why for variant, why in self.variant_reasons if variant.strip('"').lower() == form), None)


@dataclass(frozen=True, slots=True)   # thousands per corpus held by the build: no __dict__ each
class Target:
    """One quantitative commitment or reported figure, anchored to its sentence."""

    id: str                      # "t-2-8-1-2": passage id + position among the passage's targets
    document: str
    passage: str
    start: int                   # character span of the quote in the passage's canonical text
    end: int
    quote: str                   # the quote as it stands in the canonical text
    indicator: str
    value: float | None
    min: float | None
    max: float | None
    comparator: str              # = ≥ ≤ ≈ (the unit is the indicator's)
    year: int | None
    kind: str                    # target | achievement
    jurisdiction: str
    description: str             # English
    baseline: float | None = None
    note: Bilingual | None = None
    period: str = "year"         # year | plan-total | per-year | level (schema.TARGET_PERIODS)
    part_of: str | None = None   # the jurisdiction whose figure this one is a part of
    summed: bool = False         # one of several parts of the document's figure for the indicator
    unknown: bool = False        # the text states a figure whose digits were lost: value unknown


@dataclass(frozen=True)
class Jurisdiction:
    id: str
    name: Bilingual
    level: str
    parent: str | None
    province: str | None
    note: Bilingual | None = None


@dataclass(frozen=True)
class Correction:
    find: str
    replace: str
    count: int
    reason: Bilingual
    yaml_line: int | None


@dataclass(frozen=True)
class Document:
    id: str
    title: Bilingual
    doc_type: str
    jurisdiction: str            # the jurisdiction the document as a whole belongs to
    jurisdictions: tuple[str, ...]  # every jurisdiction its sections speak for
    period_start: int | None
    period_end: int | None
    year: int                    # for ordering: the first year of the period
    publisher: Bilingual | None
    dates: tuple[tuple[str, str], ...]   # (kind, ISO date) as the text gives them
    source_note: Bilingual | None
    source_url: str | None
    source_file: str
    source_sha256: str
    script: str                  # script the source was published in
    portal_metadata: tuple[tuple[str, str], ...]
    corrections: tuple[Correction, ...]
    sections: tuple[Section, ...]
    summary: Bilingual | None = None
    nature: Bilingual | None = None
    jurisdiction_note: Bilingual | None = None   # what the text reveals of its place (jurisdiction: unknown)
    targets: tuple[Target, ...] = ()
    candidates: tuple = ()       # (passage id, Quantity) numbers in featured passages nobody annotated
    dismissed: tuple = ()        # (passage id, start, end) of the not_a_target quotes
    comparator_gaps: tuple = ()  # (line, field, message): a bound in the quote, = in the YAML
    translation_problems: tuple = ()   # TranslationProblems: missing, stale, orphaned entries
    translation_file: str = ""
    flags: tuple = ()            # ingest Flags not yet reviewed by an editor
    reviewed_flags: tuple = ()   # (Flag, reason) pairs an editor has signed off
    log: tuple = ()

    def all_sections(self):
        for section in self.sections:
            yield from section.walk()

    def passages(self):
        for section in self.all_sections():
            yield from section.passages


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]
    jurisdictions: dict[str, Jurisdiction] = field(hash=False)
    themes: dict[str, Theme] = field(default_factory=dict, hash=False)        # codebook order
    indicators: dict[str, Indicator] = field(default_factory=dict, hash=False)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict, hash=False)

    @property
    def featured_themes(self) -> tuple[Theme, ...]:
        return tuple(t for t in self.themes.values() if t.featured)

    def targets(self):
        for document in self.documents:
            yield from document.targets

    def document(self, doc_id: str) -> Document:
        """By id, through an index made on first use (a walk per lookup is quadratic when
        every target of thousands of documents looks up its document)."""
        index = self.__dict__.get("_by_id")
        if index is None:
            index = {d.id: d for d in self.documents}
            object.__setattr__(self, "_by_id", index)
        return index[doc_id]
