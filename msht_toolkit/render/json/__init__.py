"""JSON documents, each with its schema (SPEC section 5)."""
