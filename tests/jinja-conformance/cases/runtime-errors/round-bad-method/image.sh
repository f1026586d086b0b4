{{ 3.5|round(method='banker') }}
