"""Stage `punctuation` (being written)."""
