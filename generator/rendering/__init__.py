"""Word and text output: the template sandbox, rendering, reading back, PDF copies and the atomic write."""
