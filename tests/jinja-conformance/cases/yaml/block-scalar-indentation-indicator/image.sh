[{{ code }}]
