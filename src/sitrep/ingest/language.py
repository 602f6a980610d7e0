"""Which language an article is written in, judged from its text with py3langid (langid.py's
maintained fork: a naive Bayes model over byte n-grams, shipped inside the package, about a
millisecond per article).

sitrep's extractors are English-only: run on Arabic or French they make junk actors out of
capitalised words. Every reader and `sitrep extract` refuse a text that is confidently not
English; the library (`make_article`) only notes it, so a caller's own batch is never cut short.
Short texts are not judged: a headline's few words are too little to tell ("Gunmen killed 5 in
Deir ez-Zor" scores as Nigerian Pidgin).
"""

from __future__ import annotations

import functools

# Judge only texts with this many letters, and act only on this confidence.
MIN_LETTERS = 60
CONFIDENT = 0.9
_SAMPLE = 5000

NAMES = {
    "ar": "Arabic", "fa": "Persian", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "ru": "Russian", "uk": "Ukrainian", "tr": "Turkish", "he": "Hebrew",
    "ku": "Kurdish", "ur": "Urdu", "zh": "Chinese", "ja": "Japanese", "nl": "Dutch", "sv": "Swedish",
}


@functools.cache
def _identifier():
    import py3langid
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from sitrep import disk_cache

    # The model ships LZMA-compressed: decompressing it costs a second per process, reading back
    # the built identifier from the cache a few milliseconds.
    model = MODEL_DIR / MODEL_FILE
    try:
        key = disk_cache.fingerprint(getattr(py3langid, "__version__", "?"), model.read_bytes())
    except OSError:
        key = None
    identifier = disk_cache.load("langid", key) if key else None
    if not isinstance(identifier, LanguageIdentifier):
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        if key:
            disk_cache.save("langid", key, identifier, keep=1)
    return identifier


def detect(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) of the text's language; None when it is too short to tell."""
    sample = text[:_SAMPLE]
    # str.isalpha is exactly Unicode's letter categories (L*), counted in C.
    if sum(map(str.isalpha, sample)) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return code, float(probability)


def not_english(text: str) -> str | None:
    """What the text reads as, when it is confidently not English; None otherwise."""
    found = detect(text)
    if found is None or found[0] == "en" or found[1] < CONFIDENT:
        return None
    code, probability = found
    return f"{NAMES.get(code, code)} ({code}, {probability:.0%} sure)"
