"""Stage `mojibake` (being written)."""
