"""Events: who did what to whom, when and where, coded in CAMEO and PLOVER."""
