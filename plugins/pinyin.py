"""Stage `pinyin` (being written)."""
