"""Emend's model pipeline, one package per stage; run each script as a module from the repo root
(`python -m training.data.prepare_learner`). See training/README.md."""
