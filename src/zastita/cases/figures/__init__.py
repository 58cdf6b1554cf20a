"""What the Center can prove from its records (the director's figures), and what protection
costs: per case, per kind of service, per funding source and per year, with exports."""
