"""Stage 1-2: the training pairs (learner corpora, synthetic errors, speller-fixed sources) and the tokenizer."""
