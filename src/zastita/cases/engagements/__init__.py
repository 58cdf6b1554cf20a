"""The services arranged for a case (ангажовање): providers, dates, quantities, costs and who
pays, the head of service's decision above the configured cost, and how each ended."""
