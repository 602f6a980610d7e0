"""Exports of the store, one module per format; `formats.export` picks one by name."""
