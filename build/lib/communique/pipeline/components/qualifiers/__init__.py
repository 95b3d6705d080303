"""The `communique.qualifiers` component (factory.py registers it): planned, recalled
and setting frames, read by the events, places and topics components."""
