"""Chinese script handling. The only module that calls OpenCC."""
from __future__ import annotations

import re
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
# For the traditional-script edition: s2tw changes characters only, to the standard forms
# the traditional-script sources themselves use (為, not OpenCC's 爲). s2twp would also swap
# vocabulary (软件 -> 軟體), putting words in the plans' mouths that they never used.
TRADITIONAL_CONVERSION = "s2tw"
_S2T = opencc.OpenCC(TRADITIONAL_CONVERSION)

# CJK unified ideographs (basic + extension A) and compatibility ideographs.
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
_NOT_CJK = re.compile(f"[^{CJK}]+")
# Chinese punctuation that sits inside Chinese text: 、。，：；！？“”‘’（）《》〈〉【】—…·
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\u2018\u2019\u201c\u201d\u2014\u2026\u00b7"


@lru_cache(maxsize=16384)
def to_simplified(text: str) -> str:
    """Traditional -> simplified (OpenCC t2s). Cached: lines repeat across rules."""
    return _T2S.convert(text)


# OpenCC's phrases are made of CJK characters only, so converting each run of them gives the
# same result as converting the whole text, without walking through markup and English.
_CJK_RUN = re.compile(f"[{CJK}]+")


@lru_cache(maxsize=16384)
def _run_to_traditional(run: str) -> str:
    return _S2T.convert(run)


def to_traditional(text: str) -> str:
    """Simplified -> traditional characters (OpenCC s2tw), for the /zh-hant/ edition."""
    return _CJK_RUN.sub(lambda match: _run_to_traditional(match.group(0)), text)


def detect_script(text: str) -> str:
    """'traditional' when a clear share of the CJK characters change under t2s."""
    sample = _NOT_CJK.sub("", text)[:20000]
    if not sample:
        return "unknown"
    changed = sum(1 for a, b in zip(sample, to_simplified(sample)) if a != b)
    return "traditional" if changed / len(sample) > 0.05 else "simplified"
