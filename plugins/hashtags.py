"""Stage `hashtags` (being written)."""
