"""The embedded default: a local llama-server process and the GGUF model it serves."""
