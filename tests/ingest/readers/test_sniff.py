import pytest

from sitrep.ingest.readers.sniff import FEED, HTML, OPML, TEXT, XML, root_name, sniff


@pytest.mark.parametrize("data, kind", [
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", HTML),
    (b"\xef\xbb\xbf  <html lang='en'><p>x</p></html>", HTML),
    (b"<div class='story'><p>Saved without the page around it.</p></div>", HTML),
    (b"<?xml version='1.0'?>\n<!-- generator -->\n<rss version='2.0'><channel/></rss>", FEED),
    (b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", FEED),
    (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'></rdf:RDF>", FEED),
    (b"<?xml version='1.0'?><opml version='2.0'><body/></opml>", OPML),
    (b"<?xml version='1.0'?><urlset><url/></urlset>", XML),
    (b"Shelling in Homs\nTwo were killed.", TEXT),
    (b"<Reuters> is how some wires start a line", XML),
    ("<rss version='2.0'></rss>".encode("utf-16"), FEED),
])
def test_sniff_reads_the_first_bytes(data, kind):
    assert sniff(data) == kind


def test_root_name_skips_the_prolog():
    assert root_name(b"<?xml version='1.0'?>\n<!-- x -->\n<urlset/>") == "urlset"
    assert root_name(b"plain text") is None
