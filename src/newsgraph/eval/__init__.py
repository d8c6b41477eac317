"""The evaluation harness: one reader and scorer per annotated corpus, with baselines."""
