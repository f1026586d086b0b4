{{ 5|length }}
