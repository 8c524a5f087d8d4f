"""The speller's files in model/ (dictionary, dialects, n-grams, irregular forms, compounds) and its typo costs."""
