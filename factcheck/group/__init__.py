"""Grouping: sentences into same-claim clusters, documents into stories, claims into aligned pairs."""
