"""The store: articles, stories, merged events, the actor graph and failures in one database."""
