{{ config|tojson }}
{{ config|tojson(indent=2) }}
{{ config|tojson(4) }}
