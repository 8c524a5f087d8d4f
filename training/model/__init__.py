"""Stage 3-4: the network, its training and averaging, and the export to model/ (ONNX, incremental decoding)."""
