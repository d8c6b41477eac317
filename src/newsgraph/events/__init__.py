"""Events: who did what to whom, where, when and how many, coded in PLOVER and CAMEO."""
