"""Read and check content: YAML with positions -> typed model -> cross checks. Imports nothing above it."""
