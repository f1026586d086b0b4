leaf 1
leaf 2
{{ leaf_value }}
