"""Results into documents: the action plan, year-on-year diff, trend, targets, merge,
review, explain, compare, and outcome measures beside ratings. Plain Python, no I/O."""
