"""Scoring through the Rust CLI (`emend correct`/`check`/`spell`) on the dev sets, and the measurements behind its settings."""
