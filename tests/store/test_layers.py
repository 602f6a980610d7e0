"""One direction of flow: the corpus uses the store, the store never uses the corpus."""

import subprocess
import sys

CHECK = """
import pkgutil, importlib, sys
import sitrep.store
for m in pkgutil.walk_packages(sitrep.store.__path__, "sitrep.store."):
    if ".migrations" not in m.name:
        importlib.import_module(m.name)
print(sorted(n for n in sys.modules if n.startswith("sitrep.corpus")))
"""


def test_importing_every_store_module_does_not_import_the_corpus():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_the_corpus_writer_does_import_the_store():
    # The check above would pass vacuously if the import machinery were broken.
    code = "import sys, sitrep.corpus.writer; print('sitrep.store.persist' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
