"""The `communique.dates` component (factory.py registers it)."""
