"""Helpers every stage imports: where data and work live (paths), undoing the corpora's tokenisation (detok)."""
