[{{ script }}]
