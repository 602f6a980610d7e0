"""Corpus mode: many articles in, one store of stories, merged events and an actor graph out.

`dedup` finds near-duplicate articles, `merge` decides which reports tell one happening
(both pure, no database), `pipeline` runs extraction (optionally in worker processes) and hands
each document to the store.
"""
