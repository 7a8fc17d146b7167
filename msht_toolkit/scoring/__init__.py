"""Answers and banks into ratings: pure functions, no I/O."""
